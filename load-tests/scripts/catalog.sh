#!/usr/bin/env bash
# Catalog bridge benchmark: GetTable p50/p99 and throughput, UpdateTable throughput, from the AWS SDK
# v2 Glue client on loopback (SigV4 on), with the embedded store and with PostgreSQL (embedded
# binaries from test-support). Last line: one JSON object
#   {"bench":"catalog","get_table_p99_ms":...,"update_table_per_s":...,"get_table_p50_over_floor":...,
#    "postgresql_...":...,"floor_get_table_p50_ms":...}
# The floor: the same SDK client (SigV4) against a no-op endpoint on 127.0.0.1 answering a fixed GetTable
# body, same threads, same run; get_table_p50_over_floor = a store's GetTable p50 / the floor's.
# Takes 2-4 minutes on 2 cores (each GetTable phase warms up until the JIT has settled). Run directly or as `./load-tests/bench catalog`.
#
# Environment: BENCH_THREADS (8), BENCH_GETS (20000), BENCH_UPDATES (2000),
#   BENCH_STORES (embedded,postgresql), BENCH_HTTP_CLIENT (apache|urlconnection), BENCH_FLOOR (1: also
#   GetTable on a no-op endpoint, the floor; 0 skips it), BENCH_QUICK=1 (2000 gets, 200 updates), plus
#   bench.d/common.sh's build settings (it builds load-tests -am from this checkout).
set -euo pipefail
BENCH_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_ROOT="$(dirname "$BENCH_HOME")"
# shellcheck source=../bench.d/common.sh
source "$BENCH_HOME/bench.d/common.sh"
if [ "${BENCH_QUICK:-0}" = 1 ]; then
  : "${BENCH_GETS:=2000}" "${BENCH_UPDATES:=200}"
fi
floor=true
[ "${BENCH_FLOOR:-1}" = 0 ] && floor=false
bench_build
exec "$(bench_java)" -Xmx1g -Daws.cborEnabled=false \
  -Dbench.threads="${BENCH_THREADS:-8}" \
  -Dbench.gets="${BENCH_GETS:-20000}" \
  -Dbench.updates="${BENCH_UPDATES:-2000}" \
  -Dbench.stores="${BENCH_STORES:-embedded,postgresql}" \
  -Dbench.http-client="${BENCH_HTTP_CLIENT:-apache}" \
  -Dbench.floor="$floor" \
  -cp "$(bench_classpath)" \
  io.driftway.loadtests.catalog.CatalogBench "$@"
