# Sourced by examples/demo.sh and bench/run.sh, with $top (the checkout)
# and $out (the folder of the outputs) set and the run's arguments as
# they were given: the setara binary to run, the first argument (default
# $top/setara) made absolute, as $bin; $out emptied; and the environment
# their parts read: $SETARA, $TOP, $OUT, a fresh store $SETARA_DB and the
# data root $SETARA_DATA.
bin=${1:-$top/setara}
case $bin in /*) ;; *) bin="$top/$bin" ;; esac
rm -rf "$out"
mkdir -p "$out"
export SETARA="$bin" TOP="$top" OUT="$out" SETARA_DB="$out/setara.db"
export SETARA_DATA="$top"
