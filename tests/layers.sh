#!/bin/sh
# The components depend one way (src/README.md):
#
#     util <- store <- qf <- credit <- cred <- vc <- mrs <- serve <- lib.c <- cli
#
# A file may include headers of its own component and of those to its
# left, and of another component only the interface (never an _int.h).
# An object file may call only functions defined to its left (nm).  Any
# back edge fails the test.  Usage: tests/layers.sh [BUILD]
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
build=${1:-build}
order="util store qf credit cred vc mrs serve lib cli"

rank() {
	i=0
	for c in $order; do
		[ "$c" = "$1" ] && { echo $i; return; }
		i=$((i + 1))
	done
	echo -1
}

# src/lib.c is the component "lib"; src/<comp>/x is <comp>.
comp_of() {
	case $1 in
	src/lib.c|*/obj/src/lib.o) echo lib ;;
	*/obj/gen/*) echo util ;;   # the embedded resources
	*) echo "$1" | sed 's|.*src/\([a-z]*\)/.*|\1|' ;;
	esac
}

bad=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/setara-layers-XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# 1. Includes.
for f in src/lib.c src/*/*.c src/*/*.h; do
	c=$(comp_of "$f"); rc=$(rank "$c")
	sed -n 's/^#[[:space:]]*include[[:space:]]*"\([a-z]*\)\/\([^"]*\)".*/\1 \2/p' \
	    "$f" | while read -r d h; do
		rd=$(rank "$d")
		[ "$rd" -lt 0 ] && continue      # setara/*.h: public
		if [ "$rd" -gt "$rc" ]; then
			echo "layers: $f ($c) includes $d/$h: $d is above $c"
			echo x >> "$tmp/bad"
		elif [ "$d" != "$c" ] && [ "${h%_int.h}" != "$h" ]; then
			echo "layers: $f ($c) includes $d/$h, private to $d"
			echo x >> "$tmp/bad"
		fi
	done
done

# 2. Symbols: who defines what, then who calls whom.
if [ -d "$build/obj/src" ]; then
	for o in "$build"/obj/src/lib.o "$build"/obj/src/*/*.o \
	    "$build"/obj/gen/*.o; do
		[ -f "$o" ] || continue
		c=$(comp_of "$o")
		nm -g --defined-only "$o" | awk -v c="$c" 'NF == 3 { print $3, c }'
	done | sort -u > "$tmp/def"
	for o in "$build"/obj/src/lib.o "$build"/obj/src/*/*.o; do
		[ -f "$o" ] || continue
		c=$(comp_of "$o")
		nm -u "$o" | awk -v c="$c" -v o="$o" '{ print $NF, c, o }'
	done | sort > "$tmp/und"
	join "$tmp/und" "$tmp/def" | while read -r sym c o d; do
		[ "$c" = "$d" ] && continue
		if [ "$(rank "$d")" -gt "$(rank "$c")" ]; then
			echo "layers: $o ($c) calls $sym of $d, above it"
			echo x >> "$tmp/bad"
		fi
	done
	nobj=$(wc -l < "$tmp/def")
	# The library reads no environment: the command line reads it and
	# passes what it found (SETARA_NOW, SETARA_CACHE, ...).
	for o in "$build"/obj/src/lib.o "$build"/obj/src/*/*.o; do
		[ -f "$o" ] || continue
		case $(comp_of "$o") in cli) continue ;; esac
		if nm -u "$o" | grep -qwE 'getenv|secure_getenv'; then
			echo "layers: $o reads the environment (only cli may)"
			echo x >> "$tmp/bad"
		fi
	done
else
	echo "layers: no $build/obj/src: symbols not checked (make all first)"
	bad=1
fi

[ -s "$tmp/bad" ] && bad=1
if [ $bad = 0 ]; then
	echo "layers: one-way ($order), includes and $nobj symbols checked"
fi
exit $bad
