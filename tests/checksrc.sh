#!/bin/sh
# make checksrc: calls the project does not use (after curl's list), and
# exported symbols outside the setara_ prefix.
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
bad=0
banned='\<(sprintf|vsprintf|strcat|strncat|strcpy|strncpy|strtok|gets|sscanf|atoi|atol|gmtime|localtime|tmpnam|mktemp)[[:space:]]*\('
if grep -nE "$banned" src/*/*.c src/*/*.h bench/*.c fuzz/*.c 2>/dev/null |
    grep -v 'checksrc: allow'; then
	echo "checksrc: banned calls above"; bad=1
fi
if [ -f libsetara.a ]; then
	syms=$(nm -g --defined-only libsetara.a 2>/dev/null |
		awk 'NF == 3 { print $3 }' | grep -v '^setara_' | sort -u)
	if [ -n "$syms" ]; then
		echo "checksrc: exported symbols without the setara_ prefix:"
		echo "$syms"; bad=1
	fi
fi
[ $bad = 0 ] && echo "checksrc: clean"
exit $bad
