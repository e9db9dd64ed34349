#!/usr/bin/env bash
# Fault: PostgreSQL stops for OUTAGE seconds (default 30) while the public route is under load.
#
# Creates a PostgreSQL cluster of its own in $DIR/pg (Debian's binaries, PG_BIN), starts the packaged jar
# on it (profiles postgres,benchmark, demo data), verifies 20 genuine codes once so that they are cached,
# then runs CLIENTS threads that verify for the whole run: genuine codes seen before, genuine codes not seen
# before and forged codes, each answer logged with its time and status. After WARMUP seconds PostgreSQL is
# stopped (pg_ctl stop -m fast), after OUTAGE seconds started again; the load goes on for AFTER seconds.
# Meanwhile it reads /actuator/health and sends one API request a second. Prints, per phase and kind,
# the HTTP statuses; exits 1 on any 500, a stack trace in an answer, a 503 without Retry-After, health
# not DOWN during the outage or not UP after it, or scans lost (scan rows written < answered scans - dropped).
#
#   ./mvnw -DskipTests package
#   scripts/fault-postgres-outage.sh        # PORT=18202 PG_PORT=18203 DIR=target/fault-postgres OUTAGE=30 WARMUP=10 AFTER=30 CLIENTS=4
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/target/serial-registry-0.1.0-SNAPSHOT.jar}
PORT=${PORT:-18202}
PG_PORT=${PG_PORT:-18203}
DIR=${DIR:-$ROOT/target/fault-postgres}
OUTAGE=${OUTAGE:-30}
WARMUP=${WARMUP:-10}
AFTER=${AFTER:-30}
CLIENTS=${CLIENTS:-4}
JAVA=${JAVA:-java}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
BASE=http://localhost:$PORT
ADMIN='Authorization: Bearer sr_demoadmn_AdminDemoKeyNotForProduction'
PHONE=09506000134352

[ -f "$JAR" ] || { echo "no jar at $JAR: run ./mvnw -DskipTests package first" >&2; exit 2; }
[ -x "$PG_BIN/pg_ctl" ] || { echo "no PostgreSQL binaries (apt-get install -y postgresql; or set PG_BIN)" >&2; exit 2; }
PG_DATA=$DIR/pg/data
PG_LOG=$DIR/pg/log

# shared: start_app, as_pg, pg, psql_
. "$ROOT/scripts/lib.sh"
cleanup() {
  [ -n "$APP" ] && kill "$APP" 2>/dev/null && wait "$APP" 2>/dev/null || true
  pg stop -m fast 2>/dev/null || true
}
trap cleanup EXIT

pg stop -m fast 2>/dev/null || true
rm -rf "$DIR" && mkdir -p "$DIR/pg"
[ "$(id -u)" = 0 ] && chown postgres "$DIR/pg"
as_pg "$PG_BIN/initdb" -D "$DIR/pg/data" -A trust -U registry >/dev/null
pg start
as_pg "$PG_BIN/createdb" -h /tmp -p "$PG_PORT" -U registry serial_registry

echo "== start on PostgreSQL (port $PG_PORT), application port $PORT"
export SPRING_DATASOURCE_URL=jdbc:postgresql://localhost:$PG_PORT/serial_registry SPRING_DATASOURCE_USERNAME=registry \
  SPRING_DATASOURCE_PASSWORD=unused SERIAL_REGISTRY_DEMO_ENABLED=true
start_app --spring.profiles.active=postgres,benchmark \
  --serial-registry.verification.rate-limit-per-minute=1000000000 --serial-registry.verification.rate-limit-burst=1000000000
for _ in $(seq 1 180); do
  SERIALS=$(bench_serials "$PHONE")
  [ "$(wc -w <<<"$SERIALS")" -ge 40 ] && break
  sleep 1
done
[ "$(wc -w <<<"$SERIALS")" -ge 40 ] || { echo "demo data has too few phones" >&2; exit 2; }

echo "== load for $((WARMUP + OUTAGE + AFTER)) s: PostgreSQL stops at ${WARMUP} s for ${OUTAGE} s"
python3 - "$BASE" "$PHONE" "$CLIENTS" "$WARMUP" "$OUTAGE" "$AFTER" "$DIR" "$SERIALS" "$ADMIN" <<'PY' &
import http.client, json, sys, threading, time, urllib.parse
base, phone, clients, warmup, outage, after, out, serials, admin = sys.argv[1:]
clients, warmup, outage, after = int(clients), int(warmup), int(outage), int(after)
host = urllib.parse.urlparse(base)
serials = serials.split()
seen, unseen = serials[:20], serials[20:]
def forge(s): return s[:-1] + ("B" if s[-1] == "A" else "A")
start = time.time(); end = start + warmup + outage + after
rows = []; lock = threading.Lock()
def call(path, headers):
    c = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
    try:
        c.request("GET", path, headers=headers); r = c.getresponse(); body = r.read().decode("utf-8", "replace")
        return r.status, body, r.getheader("Retry-After")
    except Exception as e:
        return 0, type(e).__name__, None
    finally:
        c.close()
for s in seen:  # cached before the outage
    call(f"/01/{phone}/21/{s}", {"Accept": "application/json"})
def worker(n):
    i = n
    while time.time() < end:
        kind = ("seen", "unseen", "forged")[i % 3]
        s = seen[i % 20] if kind != "unseen" else unseen[i % len(unseen)]
        if kind == "forged": s = forge(s)
        if kind == "unseen" and i % 9 != 1:  # an unseen code only every third time: each is new only once
            kind, s = "seen", seen[i % 20]
        t = time.time() - start
        status, body, retry = call(f"/01/{phone}/21/{s}", {"Accept": "application/json"})
        trace = "Exception" in body or "\tat " in body or "at org." in body
        try: verdict = json.loads(body).get("verdict") or json.loads(body).get("title") or "-"
        except Exception: verdict = "not-json"
        with lock: rows.append((t, kind, status, verdict, retry, trace))
        i += clients
def api():
    while time.time() < end:
        t = time.time() - start
        status, body, retry = call("/api/v1/lifecycle/chain-check", {"Authorization": admin.split(": ", 1)[1]})
        with lock: rows.append((t, "api", status, "-", retry, "Exception" in body or "at org." in body))
        hs, hb, _ = call("/actuator/health", {"Authorization": admin.split(": ", 1)[1]})
        try: h = json.loads(hb).get("status")
        except Exception: h = "?"
        with lock: rows.append((t, "health", hs, h, None, False))
        time.sleep(1)
threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)] + [threading.Thread(target=api)]
for t in threads: t.start()
for t in threads: t.join()
with open(f"{out}/answers.tsv", "w") as f:
    for r in rows: f.write("\t".join(str(x) for x in r) + "\n")
PY
LOAD=$!
sleep "$WARMUP"
SCANS_BEFORE_STOP=$(psql_ "select count(*) from scan_record")
echo "   $(date +%T) stop PostgreSQL (scan rows so far: $SCANS_BEFORE_STOP)"
pg stop -m fast
sleep "$OUTAGE"
echo "   $(date +%T) start PostgreSQL"
pg start
wait "$LOAD"

echo "== answers (phase, kind, HTTP status, verdict or title, Retry-After: count)"
python3 - "$DIR" "$WARMUP" "$OUTAGE" <<'PY'
import collections, sys
out, warmup, outage = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
count = collections.Counter(); bad = []
for line in open(f"{out}/answers.tsv"):
    t, kind, status, verdict, retry, trace = line.rstrip("\n").split("\t")
    t = float(t)
    phase = "1 before" if t < warmup else "2 outage" if t < warmup + outage else "3 after"
    count[(phase, kind, status, verdict, "Retry-After" if retry != "None" else "")] += 1
    if status == "500" or trace == "True" or (status == "503" and retry == "None" and kind != "health"):
        bad.append(line.strip())
for k, n in sorted(count.items()): print(f"   {' | '.join(k)}: {n}")
open(f"{out}/bad.txt", "w").write("\n".join(bad))
PY
sleep 3
SCANS_AFTER=$(psql_ "select count(*) from scan_record")
ANSWERED=$(awk -F'\t' '$2!="api" && $2!="health" && $3==200' "$DIR/answers.tsv" | wc -l)
DROPPED=$(curl -s -H "$ADMIN" "$BASE/actuator/metrics/verification.scans.dropped" | python3 -c 'import json,sys
try: print(int(json.load(sys.stdin)["measurements"][0]["value"]))
except Exception: print(0)')
LOST=$(curl -s -H "$ADMIN" "$BASE/actuator/metrics/verification.scans.failed" | python3 -c 'import json,sys
try: print(int(json.load(sys.stdin)["measurements"][0]["value"]))
except Exception: print(0)')
echo "   scan rows: $SCANS_AFTER (answered 200 in the run: $ANSWERED, plus the warm-up and seeding; dropped $DROPPED, lost $LOST)"
HEALTH_OUT=$(awk -F'\t' -v w="$WARMUP" -v o="$OUTAGE" '$2=="health" && $1>w+5 && $1<w+o-1 {print $4}' "$DIR/answers.tsv" | sort | uniq -c | tr -s ' ' | tr '\n' ',')
HEALTH_END=$(awk -F'\t' '$2=="health" {h=$4} END {print h}' "$DIR/answers.tsv")
echo "   health during the outage: $HEALTH_OUT at the end: $HEALTH_END"
# grep -c answers 1 when it counts nothing, which would end the script under set -e
{ grep -c 'ERROR' "$DIR/app.log" || true; } | xargs echo "   ERROR lines in the log:"
{ grep -c '^\s*at ' "$DIR/app.log" || true; } | xargs echo "   stack trace lines in the log:"

OK=yes
[ -s "$DIR/bad.txt" ] && { echo "   bad answers (500, stack trace, 503 without Retry-After):"; head -5 "$DIR/bad.txt" | sed 's/^/     /'; OK=no; }
case "$HEALTH_OUT" in *DOWN*) ;; *) OK=no ;; esac
case "$HEALTH_OUT" in *UP*) OK=no ;; esac
[ "$HEALTH_END" = UP ] || OK=no
[ "$LOST" = 0 ] || OK=no
[ "$SCANS_AFTER" -ge $((ANSWERED - DROPPED)) ] || OK=no
echo "== RESULT: $([ $OK = yes ] && echo PASS || echo FAIL): outage of ${OUTAGE} s; bad answers: $(wc -l <"$DIR/bad.txt" 2>/dev/null || echo 0); health during: $HEALTH_OUT end: $HEALTH_END; scans lost: $LOST"
[ $OK = yes ]
