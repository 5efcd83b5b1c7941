#!/bin/sh
# Line coverage per component, from the objects of a --coverage build and
# the .gcda files its test run left (make coverage): gcov alone, no lcov.
# Then the hits of the error paths the fault-injection loops are there to
# reach: every rollback, abandon and recovery line of the store.
#   sh tests/coverage.sh [BUILD]      (BUILD: build-cov)
top=$(cd "$(dirname "$0")/.." && pwd)
b=${1:-build-cov}
cd "$top" || exit 1
printf '%-12s %7s %7s %7s\n' component lines covered percent
for comp in util store qf credit cred mrs cli; do
	gcov -n -o "$b/obj/src/$comp" src/$comp/*.c 2>/dev/null | awk -v c="$comp" '
		/^File / { keep = index($0, "'"'"'src/" c "/") > 0 }
		/^Lines executed:/ && keep {
			split($0, a, /[:% ]+/)
			p = a[3]; n = a[5]
			lines += n; cov += int(p * n / 100 + 0.5); keep = 0
		}
		END {
			printf "%-12s %7d %7d %6.1f%%\n", "src/" c, lines, cov,
				lines ? 100 * cov / lines : 0
			print lines, cov > "/dev/stderr"
		}' 2>>"$b/coverage.sum"
done
awk '{ l += $1; c += $2 } END { printf "%-12s %7d %7d %6.1f%%\n", "total", l,
	c, l ? 100 * c / l : 0 }' "$b/coverage.sum"
rm -f "$b/coverage.sum"

echo
echo "error paths (hits of each rollback, abandon and recovery line):"
for f in src/store/store.c src/store/register.c src/store/load.c \
    src/cred/issue.c src/cred/batch.c src/cred/publish.c; do
	d=$(dirname "$f")
	gcov -t -o "$b/obj/$d" "$f" 2>/dev/null | awk -v f="$f" -F: '
		/^ *-?[0-9#=]+\*?:/ && /setara_store__rollback\(|setara_register__abandon\(st|rollback_sql\)|rollback_to_sql\)|remove_temps\(&/ {
			src = $0; sub(/^[^:]*:[^:]*:/, "", src)
			gsub(/^[ \t]+/, "", src)
			n = $1; l = $2; gsub(/ /, "", n); gsub(/ /, "", l)
			printf "  %-26s %6s  %s\n", f ":" l, n, src
		}' | grep -v "static const char\|int setara_store__rollback\|__stmt(st, &s, roll"
done
