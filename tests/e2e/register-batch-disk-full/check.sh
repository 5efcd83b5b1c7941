# The disk-full batch and its checks, run in the case directory with the
# tmpfs mounted on disk/ (see cmd).
$SETARA issue transcript --batch batch.xml -o disk/out -j 2 \
	--key pki/issuers/my-um.key --cert pki/issuers/my-um.pem \
	>batch.out 2>batch.err
rc=$?
[ $rc = 4 ] || echo "exit $rc, expected 4 (I/O)"
[ "$(wc -l < batch.err)" = 1 ] || { echo "not one message:"; head batch.err; }
grep -Eq '^setara: disk/out: cannot write: No space left on device; the batch stopped there \([0-9]+ of 300 records issued\)$' batch.err ||
	{ echo "unexpected message:"; cat batch.err; }
[ -s batch.out ] && { echo "unexpected output:"; cat batch.out; }
n=$(sed -n 's/.*(\([0-9]*\) of 300.*/\1/p' batch.err)
[ "${n:-0}" -gt 0 ] && [ "$n" -lt 300 ] || echo "issued $n of 300"
# The register lists exactly the files that are there, and each verifies.
$SETARA register list 2>/dev/null | awk '{ print $NF }' | sort >listed.txt
ls -d "$PWD"/disk/out/*.xml | sort >files.txt
cmp -s listed.txt files.txt ||
	{ echo "register and files differ:"; diff listed.txt files.txt | head; }
[ "$(wc -l < files.txt)" = "$n" ] || echo "$(wc -l < files.txt) files, $n issued"
$SETARA verify $(cat files.txt) --trust pki/trust >verify.txt 2>&1
grep -c ': valid (transcript' verify.txt | grep -qx "$n" ||
	{ echo "not all valid:"; grep -v '^ ' verify.txt | grep -v ': valid' | head; }
# Nothing pending, nothing staged, no status index twice.
[ "$(sqlite3 setara.db "SELECT count(*) FROM issued WHERE state <> 'issued'")" = 0 ] ||
	echo "pending rows left"
[ -e disk/out/.setara-tmp ] && { echo "staging left:"; ls -R disk/out/.setara-tmp | head; }
[ "$(sqlite3 setara.db "SELECT count(*) - count(DISTINCT list || ':' || status_index) FROM issued")" = 0 ] ||
	echo "a status index used twice"
exit 0
