# Shared by the fault scripts (source it; needs ROOT, DIR, PORT, JAR, JAVA and BASE set).
#
#   start_app [extra jar arguments...]   starts the jar in $DIR (log: $DIR/app.log), sets APP to its pid and
#                                        waits until /actuator/health/readiness answers (exits 2 if it dies)
#   h2_shell                             extracts H2's own jar from the packaged jar to $DIR/h2.jar
#   bench_serials GTIN                   issued serials of GTIN (benchmark profile's /01/bench/serials, 2,000 drawn),
#                                        space-separated; H2 answers its column names in upper case, PostgreSQL not
#   h2_row URL SQL                       the one result row of SQL in H2's shell (H2 prints long column
#                                        headers over several lines; the row is the last line)

APP=
start_app() {
  (cd "$DIR" && exec "$JAVA" ${JAVA_OPTS:--Xmx1g} -jar "$JAR" --server.port="$PORT" "$@" >>"$DIR/app.log" 2>&1) &
  APP=$!
  for _ in $(seq 1 600); do
    if curl -fs "$BASE/actuator/health/readiness" >/dev/null 2>&1; then return 0; fi
    kill -0 "$APP" 2>/dev/null || { echo "the application died at start; see $DIR/app.log" >&2; exit 2; }
    sleep 0.5
  done
  echo "the application did not get ready; see $DIR/app.log" >&2; exit 2
}

h2_shell() {
  (cd "$DIR" && unzip -q -j -o "$JAR" 'BOOT-INF/lib/h2-*.jar' && mv h2-*.jar h2.jar)
}

h2_row() {
  "$JAVA" -cp "$DIR/h2.jar" org.h2.tools.Shell -url "$1" -user sa -password '' -sql "$2" 2>&1 \
    | grep -v '^(' | grep -v '^$' | tail -n 1 | tr -s ' '
}

bench_serials() {
  curl -s "$BASE/01/bench/serials?n=2000" | python3 -c 'import json, sys
print(" ".join(u.get("serial", u.get("SERIAL")) for u in json.load(sys.stdin) if u.get("gtin", u.get("GTIN")) == sys.argv[1]))' "$1" \
    2>/dev/null || true
}

# The disk-full scripts (fault-disk-full.sh on H2, fault-disk-full-postgres.sh): need BASE, ADMIN, PHONE, DIR.
#   scanlog                              "overall-status scanLog-status {its details} not up: components"
#   verify SERIAL                        "HTTP-status verdict-or-problem-title" (TRACE, kept in $DIR/traces.txt,
#                                        for an answer that looks like a stack trace)
#   fill_and_verify FOLDER               fills FOLDER's filesystem to the last byte ($1/filler), verifies
#                                        $REQUESTS codes (SEEN, UNSEEN, forged), prints the answers and what the
#                                        log says; sets HEALTH_FULL and LOG_TRACES
#   await_recovery                       after the space is freed: waits up to 120 s for health UP, verifies a
#                                        seen and an unseen code, checks the event chain; sets RECOVERED, LOST,
#                                        CHAIN1
#   disk_full_verdict                    the checks both scripts share (no 500, no trace in an answer, health
#                                        DOWN with the error while full, UP after, 0 lost, chain intact): sets
#                                        OK=yes|no, FIVE, FIVEHUNDRED, TRACES
scanlog() { curl -s -H "$ADMIN" "$BASE/actuator/health" | python3 -c '
import json, sys
h = json.load(sys.stdin); s = h.get("components", {}).get("scanLog", {})
down = [n for n, c in h.get("components", {}).items() if c.get("status") != "UP"]
print(h.get("status"), s.get("status"), json.dumps(s.get("details", {}))[:400], "not up:", ",".join(down) or "-")'; }
# one verification: prints "status verdict-or-title"; the body is kept when it looks like a stack trace
verify() {
  local out code
  out=$(curl -s -w '\n%{http_code}' -H 'Accept: application/json' "$BASE/01/$PHONE/21/$1")
  code=${out##*$'\n'}; out=${out%$'\n'*}
  if echo "$out" | grep -q 'Exception\|at org\.\|at java\.'; then echo "$code TRACE"; echo "$out" >>"$DIR/traces.txt"; return; fi
  echo "$code $(echo "$out" | python3 -c 'import json,sys
try:
  d=json.load(sys.stdin); print(d.get("verdict") or d.get("title") or "-")
except Exception: print("not-json")')"
}

fill_and_verify() {
  echo "== fill the filesystem"
  dd if=/dev/zero of="$1/filler" bs=1M 2>/dev/null || true
  echo "   $(df -h --output=used,avail "$1" | tail -1)"
  : >"$DIR/answers.txt"
  for i in $(seq 1 "$REQUESTS"); do
    case $((i % 3)) in
      0) echo "seen $(verify "${SEEN[$((i % 20))]}")" ;;
      1) echo "unseen $(verify "${UNSEEN[$((i % 20))]}")" ;;
      2) s=${SEEN[$((i % 20))]}; echo "forged $(verify "${s:0:19}$([ "${s: -1}" = A ] && echo B || echo A)")" ;;
    esac >>"$DIR/answers.txt"
  done
  sleep 3  # the writer flushes every 200 ms and retries; give it a few tries at the full disk
  HEALTH_FULL=$(scanlog)
  echo "   answers while full (kind, HTTP status, verdict or problem title: count):"
  sort "$DIR/answers.txt" | uniq -c | sed 's/^/     /'
  echo "   health while full: $HEALTH_FULL"
  { grep -c 'No space left\|ENOSPC\|disk full\|DISK_FULL\|disk under the database is full' "$DIR/app.log" || true; } | xargs echo "   log lines naming the full disk:"
  # an outage is an expected state, not a bug: one line per failed write at most, no stack trace in the log
  LOG_TRACES=$(grep -c '^[[:space:]]*at [a-z]' "$DIR/app.log" || true)
  LOG_ERRORS=$(grep -c ' ERROR ' "$DIR/app.log" || true)
  echo "   application log: $LOG_ERRORS ERROR lines, $LOG_TRACES stack-trace lines; the ERROR kinds:"
  { grep ' ERROR ' "$DIR/app.log" || true; } | sed 's/.*\] [^ ]* *: //' | cut -c1-90 | sort | uniq -c | sort -rn | head -8 | sed 's/^/     /'
  echo "   log entries with a stack trace (level, logger: count):"
  awk '/^20[0-9][0-9]-/ {hdr = $0; next} /^[A-Za-z].*(Exception|Error)/ {if (hdr != "") {print hdr; hdr = ""}}' "$DIR/app.log" \
    | sed -E 's/^[^ ]+ +([A-Z]+) .*\] ([^ ]+) +: .*/\1 \2/' | sort | uniq -c | sort -rn | head -8 | sed 's/^/     /'
}

await_recovery() {
  RECOVERED=no
  for _ in $(seq 1 120); do
    # the overall status and the scanLog component's (an ADMIN key sees the components)
    H=$(scanlog); case "$H" in "UP UP"*) RECOVERED=yes; break ;; esac
    sleep 1
  done
  echo "   health after: $H (recovered: $RECOVERED)"
  # scans the writer gave up on while the disk was full (it should keep them queued until it can write)
  LOST=$(echo "$H" | sed -n 's/.*"lost": \([0-9]*\).*/\1/p')
  echo "   verification after: seen $(verify "${SEEN[0]}"), unseen $(verify "${UNSEEN[0]}")"
  CHAIN1=$(curl -s -H "$ADMIN" "$BASE/api/v1/lifecycle/chain-check")
  echo "   event chain after: $CHAIN1"
}

disk_full_verdict() {
  FIVE=$(grep -c ' 5[0-9][0-9] ' "$DIR/answers.txt" || true)
  FIVEHUNDRED=$(grep -c ' 500 ' "$DIR/answers.txt" || true)
  TRACES=$(grep -c ' TRACE' "$DIR/answers.txt" || true)
  OK=yes
  [ "$FIVEHUNDRED" = 0 ] || OK=no
  [ "$TRACES" = 0 ] || OK=no
  case "$HEALTH_FULL" in *" DOWN "*error*) ;; *) OK=no ;; esac
  [ "$RECOVERED" = yes ] || OK=no
  [ "${LOST:-x}" = 0 ] || OK=no
  echo "$CHAIN1" | grep -q '"intact":true' || OK=no
}

# A PostgreSQL cluster of the script's own (fault-postgres-outage.sh, fault-disk-full-postgres.sh): Debian's
# binaries in PG_BIN, the cluster in PG_DATA, its log PG_LOG, socket in /tmp, port PG_PORT, user registry.
#   as_pg CMD...                         runs CMD as the postgres user when root (PostgreSQL refuses root)
#   pg start|stop ...                    pg_ctl on the cluster
#   psql_ SQL                            one statement in serial_registry, unaligned
#   pg_up                                true while the server accepts connections
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg() { as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -o "-p $PG_PORT -k /tmp" -l "$PG_LOG" -w "$@" >/dev/null; }
psql_() { as_pg "$PG_BIN/psql" -h /tmp -p "$PG_PORT" -U registry -d serial_registry -Atc "$1"; }
pg_up() { as_pg "$PG_BIN/pg_isready" -q -h /tmp -p "$PG_PORT" -U registry -d serial_registry; }
