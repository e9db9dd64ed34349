#!/usr/bin/env bash
# Recall of one lot of UNITS units (default 1,000,000) through the recall campaign job, next to a plain
# UPDATE of the same rows in the same run (see README "Recalls", benchmark). Prints a Markdown row per
# database. Needs JDK 21+ on JAVA_HOME (or PATH).
#
#   [UNITS=1000000] [DB=h2|postgres|h2,postgres] [CHUNK=2000] scripts/recall-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./mvnw -B -q test -Dtest=RecallBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Xmx1g \
  -Dbench.units="${UNITS:-1000000}" -Dbench.db="${DB:-h2}" -Dbench.chunk="${CHUNK:-2000}"
