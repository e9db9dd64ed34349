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
