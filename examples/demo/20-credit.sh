#!/bin/sh
# Demo part: credit and grade conversion, and a transfer decision.  A
# Chulalongkorn University student's record is evaluated at Universiti
# Malaya: each course granted, partial or refused with its trace; the
# decision is written as an unsigned document ('setara issue decision'
# signs it), and as JSON.
set -eu
echo "== credit: conversions with the arithmetic shown"
echo "-- by hours: 3 Indonesian SKS (170 min a week, 16 weeks) in Malaysian credits"
$SETARA credit convert --from id --to my 3
echo
echo "-- by load share through ACTS (its 30-credit semester), sample loads:"
$SETARA credit convert --from th-cu --to my-um --via acts 3
echo
echo "-- a value nobody published is absent, and the engine says so (exit 3):"
$SETARA credit convert --from kh --to my 3 || true
echo
echo "== grades: the original kept beside the converted one"
echo "-- the modified Bavarian formula: NL 8 (6 to pass) is German 2.5"
$SETARA grade convert --from nl --to de 8 | head -4
echo
echo "-- percentile bands with the policy fixed in advance (ECTS Users' Guide 4.4):"
$SETARA grade convert --from th-cu --to my-um B+ --method distribution \
	--isced 0613 --policy min
echo
echo "== transfer: the host, its programmes and agreements (setara institutions)"
$SETARA institutions | sed -n '/^my-um /,/^$/p'
echo "== transfer: $TOP/examples/record.xml at Universiti Malaya (BCS)"
$SETARA transfer evaluate "$TOP/examples/record.xml" --host my-um \
	-o "$OUT/decision.xml"
$SETARA --json transfer evaluate "$TOP/examples/record.xml" --host my-um \
	> "$OUT/decision.json"
echo
echo "-- the same, one line per course (--summary):"
$SETARA transfer evaluate "$TOP/examples/record.xml" --host my-um --summary
echo
echo "-- an exchange at VNU Hanoi brought back to NUS (ratio, caps, rounding on the total):"
$SETARA transfer evaluate "$TOP/examples/record-exchange.xml" --host sg-nus |
	grep -E '^(GRANTED|PARTIAL|REFUSED)|^  reason|^totals|^ +[0-9]+ granted'
echo
echo "-- a diploma holder: advanced standing and APEL(C) within its 30% cap:"
$SETARA transfer evaluate "$TOP/examples/record-apel.xml" --host my-um |
	grep -E '^(GRANTED|PARTIAL|REFUSED)|^  reason|^totals|^ +[0-9]+ granted'
echo
echo "credit: unsigned decision in $OUT/decision.xml, JSON in $OUT/decision.json"
