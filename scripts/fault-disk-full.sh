#!/usr/bin/env bash
# Fault: the disk under the H2 database (and so the scan log) fills up while the public route answers.
#
# Mounts a tmpfs of SIZE (a real filesystem with a real limit: writes beyond it fail with ENOSPC) as the
# application's ./data folder, starts the packaged jar on it (H2 file database, demo data), verifies codes,
# fills the filesystem to the last byte, keeps verifying (genuine codes seen before, genuine codes not seen
# before, forged codes), reads /actuator/health, frees the space again, waits for the scan log to catch
# up, stops the jar cleanly and opens the H2 file with H2's own shell (integrity: the event chain check,
# counts). Prints what it found; exits 1 on a 500, a stack trace in an answer, a health state that does
# not say DOWN with the error (or not UP again after), scans lost (not kept queued until they can be
# written), or a database that does not open or whose chain is broken afterwards.
# The registry keeps serial-registry.h2.disk-reserve (32 MB) free under H2 and stops using the database below it
# (EmbeddedDatabaseDisk): before that guard, 4 of 12 runs left an H2 file H2 could not open again.
# Needs root (mount) and the production jar:
#
#   ./mvnw -Pproduction -DskipTests package
#   sudo scripts/fault-disk-full.sh                 # PORT=18201 DIR=target/fault-disk SIZE=160m REQUESTS=300
#   # clean-up if it was interrupted: umount target/fault-disk/data; rm -rf target/fault-disk
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/target/serial-registry-0.1.0-SNAPSHOT.jar}
PORT=${PORT:-18201}
DIR=${DIR:-$ROOT/target/fault-disk}
SIZE=${SIZE:-160m}
REQUESTS=${REQUESTS:-300}
JAVA=${JAVA:-java}
BASE=http://localhost:$PORT
ADMIN='Authorization: Bearer sr_demoadmn_AdminDemoKeyNotForProduction'
PHONE=09506000134352

[ -f "$JAR" ] || { echo "no jar at $JAR: run ./mvnw -Pproduction -DskipTests package first" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "needs root to mount a tmpfs" >&2; exit 2; }
mountpoint -q "$DIR/data" 2>/dev/null && umount "$DIR/data"
rm -rf "$DIR" && mkdir -p "$DIR/data"
mount -t tmpfs -o size="$SIZE" tmpfs "$DIR/data"
# shared: start_app, h2_shell, h2_row, scanlog, verify, fill_and_verify, await_recovery, disk_full_verdict
. "$ROOT/scripts/lib.sh"
h2_shell
cleanup() {
  [ -n "$APP" ] && kill "$APP" 2>/dev/null && wait "$APP" 2>/dev/null || true
  # keep the database for a look afterwards: copy it off the tmpfs before unmounting
  mkdir -p "$DIR/kept" && cp -a "$DIR/data/." "$DIR/kept/" 2>/dev/null || true
  mountpoint -q "$DIR/data" && umount "$DIR/data" || true
}
trap cleanup EXIT
sql() { h2_row "jdbc:h2:file:$1/serial-registry" "$2"; }
echo "== start on H2 in $DIR/data (tmpfs of $SIZE), port $PORT"
JAVA_OPTS=-Xmx768m start_app --spring.profiles.active=benchmark \
  --serial-registry.verification.rate-limit-per-minute=1000000000 --serial-registry.verification.rate-limit-burst=1000000000
for _ in $(seq 1 120); do
  SERIALS=$(bench_serials "$PHONE")
  [ -n "$SERIALS" ] && break
  sleep 1
done
read -r -a ALL <<<"$SERIALS"
[ "${#ALL[@]}" -ge 40 ] || { echo "demo data has too few phones: ${#ALL[@]}" >&2; exit 2; }
SEEN=("${ALL[@]:0:20}"); UNSEEN=("${ALL[@]:20:20}")
for s in "${SEEN[@]}"; do verify "$s" >/dev/null; done
echo "   before: $(df -h --output=used,avail "$DIR/data" | tail -1), health: $(scanlog)"
CHAIN0=$(curl -s -H "$ADMIN" "$BASE/api/v1/lifecycle/chain-check")
echo "   event chain before: $CHAIN0"

fill_and_verify "$DIR/data"

echo "== free the space"
rm -f "$DIR/data/filler"
await_recovery
kill "$APP"; wait "$APP" 2>/dev/null || true; APP=

echo "== the H2 file after a clean stop, opened with H2's shell"
OPEN=$(sql "$DIR/data" "select (select count(*) from unit), (select count(*) from scan_record), (select count(*) from lifecycle_event)")
echo "   units, scans, lifecycle events: $OPEN"
# every answer with a verdict logged a scan: the 20 before, the 200s while full, the 2 after
EXPECTED=$((20 + $(grep -c ' 200 ' "$DIR/answers.txt" || true) + 2))
echo "   scans in the file: $(echo "$OPEN" | awk -F'|' '{gsub(/ /, "", $2); print $2}') of $EXPECTED answered" \
  "(H2 stores commits up to WRITE_DELAY, 500 ms, later: those of the moment the disk filled can be lost, as in a crash)"

disk_full_verdict
echo "$OPEN" | grep -q '^[0-9]' || OK=no
echo "== RESULT: $([ $OK = yes ] && echo PASS || echo FAIL): $FIVE of $REQUESTS answers 5xx ($FIVEHUNDRED of them 500), $TRACES with a stack trace; $LOG_TRACES stack-trace lines in the log; scan log health while full: ${HEALTH_FULL%% \{*}; recovered: $RECOVERED; scans lost: ${LOST:-unknown}; chain after: $(echo "$CHAIN1" | head -c 120)"
[ $OK = yes ]
