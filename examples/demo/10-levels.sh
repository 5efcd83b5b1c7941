#!/bin/sh
# Demo part: qualification levels through the AQRF.  A Philippine
# Baccalaureate degree sits at PQF level 6: its AQRF level, then the
# Malaysian and Indonesian levels comparable to it, each with its trace.
set -eu
echo "== levels: a Philippine bachelor's degree (PQF level 6) through the AQRF"
$SETARA frameworks ph-pqf | sed -n '/^  6 /,/^  7 /p' | sed '$d'
echo
echo "-- its AQRF level:"
$SETARA level map ph-pqf:6
echo
echo "-- the comparable Malaysian level:"
$SETARA level map ph-pqf:6 --to my-mqf
echo
echo "-- the comparable Indonesian level:"
$SETARA level map ph-pqf:6 --to id-kkni
echo
echo "-- an indicative EQF level (there is no official AQRF-EQF comparison):"
$SETARA level map ph-pqf:6 --to eqf | head -3
echo
echo "-- a Singapore WSQ level has no known AQRF level (exit 1 is an answer):"
$SETARA level map sg-wsq:5 || true
echo
echo "-- how far apart are PQF 6 and MQF 4 (a Malaysian Skills Diploma)?"
$SETARA level compare ph-pqf:6 my-mqf:4 | head -2 || true
$SETARA --json level map ph-pqf:6 --to my-mqf > "$OUT/level-map-ph-pqf-6.json"
$SETARA --json frameworks > "$OUT/frameworks.json"
echo
echo "levels: JSON answers in $OUT/level-map-ph-pqf-6.json and $OUT/frameworks.json"
