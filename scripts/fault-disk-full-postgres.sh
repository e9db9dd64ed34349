#!/usr/bin/env bash
# Fault: the disk under PostgreSQL (its tables, the scan log's partitions and the WAL) fills up while the public
# route answers. The H2 twin is fault-disk-full.sh.
#
# Mounts a tmpfs of SIZE as the directory of a PostgreSQL cluster of its own (Debian's binaries, PG_BIN, data
# checksums on), starts the packaged jar on it (profiles postgres,benchmark, demo data), verifies codes, fills
# the filesystem to the last byte, keeps verifying (genuine codes seen before, genuine codes not seen before,
# forged codes), reads /actuator/health, frees the space, starts PostgreSQL again if it stopped itself (it does
# when it cannot write its WAL: an operator's step, counted in the result), waits for the scan log to catch up,
# then stops both and checks the cluster: every data page's checksum (pg_checksums) and, online, every table
# and B-tree index (pg_amcheck), the event chain and the counts. Exits 1 on a 500, a stack trace in an answer,
# health not DOWN while full (or not UP after), scans lost (not kept queued until they can be written), fewer
# scan rows than answers, a broken chain, or a corrupt page or index.
# Needs root (mount; PostgreSQL itself runs as the postgres user) and the jar:
#
#   ./mvnw -DskipTests package
#   sudo scripts/fault-disk-full-postgres.sh    # PORT=18204 PG_PORT=18205 DIR=target/fault-disk-pg SIZE=400m REQUESTS=300
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/target/serial-registry-0.1.0-SNAPSHOT.jar}
PORT=${PORT:-18204}
PG_PORT=${PG_PORT:-18205}
DIR=${DIR:-$ROOT/target/fault-disk-pg}
SIZE=${SIZE:-400m}
REQUESTS=${REQUESTS:-300}
JAVA=${JAVA:-java}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
BASE=http://localhost:$PORT
ADMIN='Authorization: Bearer sr_demoadmn_AdminDemoKeyNotForProduction'
PHONE=09506000134352
DATA=$DIR/pg/data

[ -f "$JAR" ] || { echo "no jar at $JAR: run ./mvnw -DskipTests package first" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "needs root to mount a tmpfs" >&2; exit 2; }
[ -x "$PG_BIN/pg_ctl" ] || { echo "no PostgreSQL binaries (apt-get install -y postgresql; or set PG_BIN)" >&2; exit 2; }
PG_DATA=$DATA
PG_LOG=$DIR/pg.log   # beside the cluster's tmpfs: the log stays writable while the disk is full

# shared: as_pg, pg, psql_, pg_up, start_app, bench_serials, scanlog, verify, fill_and_verify, await_recovery, disk_full_verdict
. "$ROOT/scripts/lib.sh"
cleanup() {
  [ -n "$APP" ] && kill "$APP" 2>/dev/null && wait "$APP" 2>/dev/null || true
  pg stop -m fast 2>/dev/null || true
  mountpoint -q "$DIR/pg" && umount "$DIR/pg" || true
}
trap cleanup EXIT

pg stop -m fast 2>/dev/null || true
mountpoint -q "$DIR/pg" 2>/dev/null && umount "$DIR/pg"
rm -rf "$DIR" && mkdir -p "$DIR/pg"
mount -t tmpfs -o size="$SIZE" tmpfs "$DIR/pg"
chown postgres "$DIR/pg"
touch "$DIR/pg.log" && chown postgres "$DIR/pg.log"
as_pg "$PG_BIN/initdb" -D "$DATA" -A trust -U registry --data-checksums >/dev/null
pg start
as_pg "$PG_BIN/createdb" -h /tmp -p "$PG_PORT" -U registry serial_registry

echo "== start on PostgreSQL (port $PG_PORT, its cluster in a tmpfs of $SIZE), application port $PORT"
export SPRING_DATASOURCE_URL=jdbc:postgresql://localhost:$PG_PORT/serial_registry SPRING_DATASOURCE_USERNAME=registry \
  SPRING_DATASOURCE_PASSWORD=unused SERIAL_REGISTRY_DEMO_ENABLED=true
JAVA_OPTS=-Xmx768m start_app --spring.profiles.active=postgres,benchmark \
  --serial-registry.verification.rate-limit-per-minute=1000000000 --serial-registry.verification.rate-limit-burst=1000000000
for _ in $(seq 1 180); do
  SERIALS=$(bench_serials "$PHONE")
  [ "$(wc -w <<<"$SERIALS")" -ge 40 ] && break
  sleep 1
done
read -r -a ALL <<<"$SERIALS"
[ "${#ALL[@]}" -ge 40 ] || { echo "demo data has too few phones: ${#ALL[@]}" >&2; exit 2; }
SEEN=("${ALL[@]:0:20}"); UNSEEN=("${ALL[@]:20:20}")
for s in "${SEEN[@]}"; do verify "$s" >/dev/null; done
for _ in $(seq 1 20); do case "$(scanlog)" in *'"queued": 0'*) break ;; esac; sleep 0.5; done
SCANS0=$(psql_ "select count(*) from scan_record")
echo "   before: $(df -h --output=used,avail "$DIR/pg" | tail -1), health: $(scanlog), scan rows: $SCANS0"
echo "   event chain before: $(curl -s -H "$ADMIN" "$BASE/api/v1/lifecycle/chain-check")"

fill_and_verify "$DIR/pg"
PG_WHILE_FULL=$(pg_up && echo running || echo stopped)
echo "   PostgreSQL while full: $PG_WHILE_FULL; its log: $(grep -c 'No space left on device' "$DIR/pg.log" || true) lines naming the full disk," \
  "$(grep -c 'PANIC' "$DIR/pg.log" || true) PANIC"
{ grep 'PANIC\|FATAL' "$DIR/pg.log" || true; } | sed 's/^[^:]*:[^:]*:[^:]*: *//' | cut -c1-110 | sort | uniq -c | head -5 | sed 's/^/     /'

echo "== free the space"
rm -f "$DIR/pg/filler"
RESTARTED=no
if ! pg_up; then
  sleep 2
  if ! pg_up; then
    echo "   PostgreSQL stopped itself while the disk was full: started again (an operator's step)"
    pg start
    RESTARTED=yes
  fi
fi
await_recovery
# every answer with a verdict logged a scan: the 20 before, the 200s while full, the 2 after (PostgreSQL's
# commits are durable, so none may be missing once the queue has been written)
EXPECTED=$((SCANS0 + $(grep -c ' 200 ' "$DIR/answers.txt" || true) + 2))
SCANS1=0
for _ in $(seq 1 30); do
  SCANS1=$(psql_ "select count(*) from scan_record" 2>/dev/null || echo 0)
  [ "$SCANS1" -ge "$EXPECTED" ] && break
  sleep 1
done
echo "   scan rows: $SCANS1 for $EXPECTED answered scans"
kill "$APP"; wait "$APP" 2>/dev/null || true; APP=

echo "== the cluster after it all: B-tree indexes and tables online (pg_amcheck), every page's checksum offline"
psql_ "create extension if not exists amcheck" >/dev/null
AMCHECK=ok
as_pg "$PG_BIN/pg_amcheck" -h /tmp -p "$PG_PORT" -U registry -d serial_registry --heapallindexed >"$DIR/amcheck.txt" 2>&1 \
  || AMCHECK="FAILED: $(head -c 300 "$DIR/amcheck.txt")"
echo "   pg_amcheck: $AMCHECK"
pg stop -m fast
CHECKSUMS=ok
as_pg "$PG_BIN/pg_checksums" --check -D "$DATA" >"$DIR/checksums.txt" 2>&1 || CHECKSUMS="FAILED: $(head -c 300 "$DIR/checksums.txt")"
echo "   pg_checksums: $CHECKSUMS ($(grep -i 'Bad checksums\|Blocks scanned' "$DIR/checksums.txt" | tr -s ' ' | paste -sd ';'))"

disk_full_verdict
[ "$SCANS1" -ge "$EXPECTED" ] || OK=no
[ "$AMCHECK" = ok ] || OK=no
[ "$CHECKSUMS" = ok ] || OK=no
echo "== RESULT: $([ $OK = yes ] && echo PASS || echo FAIL): $FIVE of $REQUESTS answers 5xx ($FIVEHUNDRED of them 500), $TRACES with a stack trace; $LOG_TRACES stack-trace lines in the log; PostgreSQL while full: $PG_WHILE_FULL, started again by hand: $RESTARTED; scan log health while full: ${HEALTH_FULL%% \{*}; recovered: $RECOVERED; scans lost: ${LOST:-unknown}; scan rows $SCANS1 of $EXPECTED; chain after: $(echo "$CHAIN1" | head -c 60); amcheck $AMCHECK; checksums $CHECKSUMS"
[ $OK = yes ]
