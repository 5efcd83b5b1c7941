# Sourced by credit-* end-to-end cases that bring data of their own: a
# data root d/ with the shipped frameworks and mappings and the case's
# data/*.xml under mappings/credit/, loaded into a fresh store.
mkdir -p d/mappings
cp -r "$TOP/frameworks" d/
cp -r "$TOP/mappings/." d/mappings/
cp "$CASE"/data/*.xml d/mappings/credit/
rm -f setara.db
SETARA_DATA=$PWD/d
export SETARA_DATA
$SETARA init >/dev/null 2>init.err || { cat init.err >&2; exit 9; }
