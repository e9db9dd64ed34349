#!/usr/bin/env bash
# Load benchmark of public verification against a running jar started with the "benchmark"
# profile (see docs/readme/40-verification.md). Measures, in the same run and against the same
# jar: a fixed JSON reply, a bare primary-key lookup of the unit table, JSON verification of
# random genuine serials and of random forged serials. Prints req/s, p50, p99 and the ratios.
#
#   [ROUNDS=3] [WARMUP=8] [SERIALS=5000] [SAMPLE=first|uniform] scripts/verification-benchmark.sh [base-url] [seconds-per-slice] [connections]
#
# SERIALS issued serials are picked: the first ones (default) or, with SAMPLE=uniform, drawn uniformly
# from all units (the realistic-size benchmark, scripts/scale-benchmark.sh, asks for a million of them).
#
# Needs wrk (Debian: apt-get install -y wrk), curl and python3.
set -euo pipefail
BASE=${1:-http://localhost:8080}
DURATION=${2:-5}
CONNECTIONS=${3:-32}
THREADS=2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

curl -fsS "$BASE/01/bench/serials?n=${SERIALS:-5000}&sample=${SAMPLE:-first}" -o "$WORK/serials.json"
python3 - "$WORK" <<'PY'
import json, sys
work = sys.argv[1]
units = json.load(open(f"{work}/serials.json"))
def forge(s):  # change the last character of the 40-bit tag: a code nobody issued
    return s[:-1] + ("B" if s[-1] == "A" else "A")
paths = {
    "fixed": ["/01/bench/fixed"],
    "pk": [f"/01/bench/pk/{u['SERIAL'] if 'SERIAL' in u else u['serial']}" for u in units],
    "genuine": [f"/01/{u.get('GTIN', u.get('gtin'))}/21/{u.get('SERIAL', u.get('serial'))}" for u in units],
    "forged": [f"/01/{u.get('GTIN', u.get('gtin'))}/21/{forge(u.get('SERIAL', u.get('serial')))}" for u in units],
}
for name, list_ in paths.items():
    with open(f"{work}/{name}.lua", "w") as f:
        f.write("paths = {" + ",".join(f'"{p}"' for p in list_) + "}\n")
        f.write('wrk.headers["Accept"] = "application/json"\n')
        f.write("math.randomseed(42)\n")
        f.write('request = function() return wrk.format("GET", paths[math.random(#paths)]) end\n')
print(f"{len(units)} issued units to pick from", file=sys.stderr)
PY

# CPU time the server process used (clock ticks), when APP_PID names it: on a shared machine
# CPU per request is steadier than requests per second
cpu_ticks() {
  if [[ -n "${APP_PID:-}" ]]; then awk '{print $14 + $15}' "/proc/$APP_PID/stat"; else echo 0; fi
}
# warm-up (JIT, connection pool, caches) of every endpoint before any measurement
# two passes, so that the JIT has seen every endpoint before it settles (a single pass left the
# baselines measured first still being compiled: they looked slower than they are)
for pass in 1 2; do
  for name in fixed pk genuine forged; do
    wrk -t$THREADS -c$CONNECTIONS -d${WARMUP:-8}s -s "$WORK/$name.lua" "$BASE" >/dev/null
  done
done
# Let the server's background work settle before measuring: the warm-up's forged codes are new to
# counterfeit detection (each raises a case once), and that first-time work must not fall into a round
if [[ -n "${APP_PID:-}" ]]; then
  for _ in $(seq 1 60); do
    before=$(cpu_ticks); sleep 1
    (( $(cpu_ticks) - before < 5 )) && break
  done
fi
# measure in interleaved rounds, order rotating, so drifting background load hits all four alike
ROUNDS=${ROUNDS:-3}
ORDER=(fixed pk genuine forged)
for ((r = 0; r < ROUNDS; r++)); do
  for ((i = 0; i < 4; i++)); do
    name=${ORDER[$(((i + r) % 4))]}
    before=$(cpu_ticks)
    wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency -s "$WORK/$name.lua" "$BASE" > "$WORK/$name.$r.out"
    echo "$(( $(cpu_ticks) - before ))" > "$WORK/$name.$r.cpu"
  done
done
python3 - "$WORK" "$ROUNDS" "$DURATION" "$CONNECTIONS" <<'PY'
import glob, re, statistics, sys
work, rounds, duration, conns = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
def ms(text, label):
    m = re.search(r"^\s*" + label + r"%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    v, unit = float(m.group(1)), m.group(2)
    return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
def figures(name):
    rps, p50, p99, bad, ticks, requests = [], [], [], 0, 0, 0
    for f in sorted(glob.glob(f"{work}/{name}.*.out")):
        text = open(f).read()
        ticks += int(open(f[:-4] + ".cpu").read())
        requests += int(re.search(r"(\d+) requests in", text).group(1))
        rps.append(float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)))
        p50.append(ms(text, "50")); p99.append(ms(text, "99"))
        m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
        bad += int(m.group(1)) if m else 0
    return statistics.mean(rps), statistics.median(p50), statistics.median(p99), bad, ticks * 10_000 / max(requests, 1)
labels = {"fixed": "fixed reply (baseline)", "pk": "bare PK lookup (baseline)",
          "genuine": "verify genuine (JSON)", "forged": "verify forged (JSON)"}
r = {n: figures(n) for n in labels}
load = open("/proc/loadavg").read().split()[0]
print(f"\nwrk, {conns} connections, {rounds} interleaved rounds of {duration} s each; load average after: {load}\n")
print(f"{'endpoint':28} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'server CPU us/req':>18}")
for n, label in labels.items():
    rps, p50, p99, bad, cpu = r[n]
    print(f"{label:28} {rps:9.0f} {p50:8.2f} {p99:8.2f} {bad:8d} {cpu:18.0f}")
print()
print(f"genuine / bare lookup throughput: {r['genuine'][0] / r['pk'][0]:.2f}  (target >= 0.9)")
print(f"forged  / fixed reply throughput: {r['forged'][0] / r['fixed'][0]:.2f}  (target >= 0.7)")
print(f"genuine p99 / bare lookup p99:    {r['genuine'][2] / r['pk'][2]:.2f}  (target <= 2)")
if r['pk'][4] > 0:
    print(f"server CPU per request, genuine / bare lookup: {r['genuine'][4] / r['pk'][4]:.2f}; "
          f"forged / fixed reply: {r['forged'][4] / r['fixed'][4]:.2f}")
PY
