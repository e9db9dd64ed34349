#!/usr/bin/env bash
# The realistic-size benchmark of issue 15 (README "Realistic size"): on a PostgreSQL 18 of its own
# (zonky's embedded binaries from ~/.m2, a persistent data directory under DIR, port PG_PORT) it builds
# once 10,000,000 units (through the issuing service: genuine serials under the key kept in DIR),
# 100,000,000 scan-log rows and 1,000,000 custody movements (SQL generate_series), plus 1,000,000
# registrations and about 110,000 claims; then prints each figure next to its baseline of the same
# run, with the load average: verification of genuine codes drawn uniformly from all units vs a bare
# primary-key lookup (scripts/verification-benchmark.sh), scan-log insert cost, the dashboards and
# searches vs count(*), and issuing 1,000,000 serials while verification runs at half its peak.
# The figures are appended to DIR/report.md. A second run reuses the data set (only the figures).
#
#   [DIR=target/scale] [PG_PORT=18210] [UNITS=10000000] [SCANS=100000000] [CUSTODY=1000000]
#   [PHASES=load,verify,insert,dashboards,issue] [SECONDS_PER_SLICE=5] [ROUNDS=3] [SAMPLE_SERIALS=1000000] scripts/scale-benchmark.sh
#
# Needs JDK 21+ on JAVA_HOME, wrk, curl, python3, about 60 GB of free disk for the full size
# (check df -h), and about 30 minutes for the first run on 2 cores (28 measured on 2026-12-08).
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./mvnw -B -q test -Dtest=ScaleBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Xmx3g \
  -Dscale.dir="${DIR:-target/scale}" -Dscale.pg-port="${PG_PORT:-18210}" -Dscale.units="${UNITS:-10000000}" \
  -Dscale.scans="${SCANS:-100000000}" -Dscale.custody="${CUSTODY:-1000000}" \
  -Dscale.registrations="${REGISTRATIONS:-$(( ${UNITS:-10000000} / 10 ))}" -Dscale.claims="${CLAIMS:-$(( ${UNITS:-10000000} / 100 ))}" \
  -Dscale.phases="${PHASES:-load,verify,insert,dashboards,issue}" -Dscale.seconds="${SECONDS_PER_SLICE:-5}" \
  -Dscale.rounds="${ROUNDS:-3}" -Dscale.sample="${SAMPLE_SERIALS:-1000000}"
