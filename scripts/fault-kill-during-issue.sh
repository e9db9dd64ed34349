#!/usr/bin/env bash
# Fault: kill -9 of the JVM while it issues a batch of 1,000,000 serials (H2 file database).
#
# Starts the packaged jar on a fresh file database, asks for the batch through the API, kills the
# JVM with SIGKILL once the units are being written, reads the database while the JVM is dead, starts
# the jar again, waits for the batch and sends the same request with the same Idempotency-Key.
# Prints what it found; exits 1 when the batch ended partial or twice.
#
#   ./mvnw -DskipTests package
#   scripts/fault-kill-during-issue.sh                      # PORT=18200 DIR=target/fault-kill UNITS=1000000
#   KILL_AT=0.3 scripts/fault-kill-during-issue.sh          # kill once 30 % of the units are written (default)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/target/serial-registry-0.1.0-SNAPSHOT.jar}
PORT=${PORT:-18200}
DIR=${DIR:-$ROOT/target/fault-kill}
UNITS=${UNITS:-1000000}
KILL_AT=${KILL_AT:-0.3}
KEY=${KEY:-fault-kill-$(date +%s)}
JAVA=${JAVA:-java}
BASE=http://localhost:$PORT
PROD='Authorization: Bearer sr_demoprod_ProductionDemoKeyNotForProduction'
BODY='{"gtin":"09506000134352","lot":"KILL9","facility":"DE-MUC","line":"L1","quantity":'$UNITS',"intendedMarket":"DE"}'

[ -f "$JAR" ] || { echo "no jar at $JAR: run ./mvnw -DskipTests package first" >&2; exit 2; }
rm -rf "$DIR" && mkdir -p "$DIR"
# H2's own shell, from the jar, to read the database while the application is dead or stopped
# shared: start_app, h2_shell, h2_row
. "$ROOT/scripts/lib.sh"
# H2's own shell, from the jar, to read the database while the application is dead or stopped
h2_shell
# the one row a query answers (the first full run read a line of H2's column headers and printed FAIL)
sql() { h2_row "jdbc:h2:file:$DIR/data/serial-registry" "$1"; }
now() { date +%s.%N; }
field() { sed -n 's/.*"'"$1"'":"\{0,1\}\([^",}]*\).*/\1/p' | head -1; }
trap '[ -n "$APP" ] && kill $APP 2>/dev/null || true' EXIT

echo "== start 1: $JAR on H2 in $DIR, port $PORT"
start_app --serial-registry.public-base-url="$BASE"
# demo data (the product, the facility) is seeded at start; retry until the request is accepted
for _ in $(seq 1 120); do
  CODE=$(curl -s -o "$DIR/post1.json" -w '%{http_code}' -X POST "$BASE/api/v1/serial-batches" -H "$PROD" \
    -H "Idempotency-Key: $KEY" -H 'Content-Type: application/json' -d "$BODY")
  [ "$CODE" = 202 ] && break
  sleep 1
done
[ "$CODE" = 202 ] || { echo "issue request answered $CODE: $(cat "$DIR/post1.json")" >&2; exit 2; }
ID=$(field id <"$DIR/post1.json")
echo "   batch $ID of $UNITS units queued (202), Idempotency-Key $KEY"
T0=$(now)
while :; do
  B=$(curl -s -H "$PROD" "$BASE/api/v1/serial-batches/$ID")
  P=$(echo "$B" | field progress); S=$(echo "$B" | field status)
  if [ "$S" = COMPLETED ] || [ "$S" = FAILED ]; then echo "   batch ended ($S) before the kill: lower KILL_AT" >&2; exit 2; fi
  if awk -v p="${P:-0}" -v k="$KILL_AT" 'BEGIN { exit !(p >= k) }'; then break; fi
  sleep 0.2
done
kill -9 $APP; wait $APP 2>/dev/null || true; APP=
printf '== kill -9 after %.1f s, while %s (progress %s, %s units written in the open transaction)\n' \
  "$(echo "$(now) - $T0" | bc)" "$S" "$P" "$(echo "$B" | field issuedCount)"

echo "== the database while the JVM is dead"
DEAD=$(sql "select status, issued_count, (select count(*) from unit where batch_id = b.id) from serial_batch b where id = '$ID'")
echo "   batch status, issued_count, unit rows: $DEAD"

echo "== start 2"
T1=$(now)
start_app --serial-registry.public-base-url="$BASE"
while :; do
  B=$(curl -s -H "$PROD" "$BASE/api/v1/serial-batches/$ID"); S=$(echo "$B" | field status)
  [ "$S" = COMPLETED ] || [ "$S" = FAILED ] && break
  sleep 1
done
printf '   batch %s after %.1f s from the restart: issuedCount %s, failure %s\n' "$S" "$(echo "$(now) - $T1" | bc)" \
  "$(echo "$B" | field issuedCount)" "$(echo "$B" | field failure)"
H=$(curl -s -D - -o "$DIR/post2.json" -X POST "$BASE/api/v1/serial-batches" -H "$PROD" -H "Idempotency-Key: $KEY" \
  -H 'Content-Type: application/json' -d "$BODY")
CODE2=$(echo "$H" | head -1 | awk '{print $2}'); REPLAYED=$(echo "$H" | tr -d '\r' | sed -n 's/^Idempotent-Replayed: //Ip')
ID2=$(field id <"$DIR/post2.json")
echo "   the same request again: HTTP $CODE2, Idempotent-Replayed $REPLAYED, batch $ID2"
kill $APP; wait $APP 2>/dev/null || true; APP=

echo "== the database after a clean stop"
AFTER=$(sql "select (select count(*) from serial_batch where idempotency_key = '$KEY'), status, issued_count, (select count(*) from unit where batch_id = b.id), (select count(distinct serial) from unit where batch_id = b.id), (select count(*) from lifecycle_event where batch_id = b.id) from serial_batch b where id = '$ID'")
echo "   batches with the key, status, issued_count, unit rows, distinct serials, commissioning events: $AFTER"

read -r KEYED STATUS ISSUED ROWS DISTINCT EVENTS <<<"$(echo "$AFTER" | tr '|' ' ')"
OK=yes
[ "$KEYED" = 1 ] || OK=no
[ "$ID2" = "$ID" ] || OK=no
if [ "$STATUS" = COMPLETED ]; then
  [ "$ROWS" = "$UNITS" ] && [ "$DISTINCT" = "$UNITS" ] && [ "$ISSUED" = "$UNITS" ] && [ "$EVENTS" = 1 ] || OK=no
elif [ "$STATUS" = FAILED ]; then
  [ "$ROWS" = 0 ] && [ "$ISSUED" = 0 ] || OK=no
else
  OK=no
fi
echo "== RESULT: $([ $OK = yes ] && echo "PASS: the batch is $STATUS with $ROWS of $UNITS units, one batch for the key" \
  || echo "FAIL: status $STATUS, $ROWS unit rows, $KEYED batches for the key")"
[ $OK = yes ]
