#!/usr/bin/env bash
# Catalog bridge benchmark: GetTable p50/p99 and throughput, UpdateTable throughput, from the AWS SDK
# v2 Glue client on loopback (SigV4 on), with the embedded store and with PostgreSQL (embedded
# binaries from test-support). Last line: one JSON object
#   {"bench":"catalog","get_table_p99_ms":...,"update_table_per_s":...,"postgresql_...":...}
# Takes about a minute on 2 cores. Run directly or as `./load-tests/bench catalog`.
#
# Environment: BENCH_THREADS (8), BENCH_GETS (20000), BENCH_UPDATES (2000),
#   BENCH_STORES (embedded,postgresql), BENCH_HTTP_CLIENT (apache|urlconnection), plus
#   bench.d/common.sh's build settings (it builds load-tests -am from this checkout).
set -euo pipefail
BENCH_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_ROOT="$(dirname "$BENCH_HOME")"
# shellcheck source=../bench.d/common.sh
source "$BENCH_HOME/bench.d/common.sh"
bench_build
exec "$(bench_java)" -Xmx1g -Daws.cborEnabled=false \
  -Dbench.threads="${BENCH_THREADS:-8}" \
  -Dbench.gets="${BENCH_GETS:-20000}" \
  -Dbench.updates="${BENCH_UPDATES:-2000}" \
  -Dbench.stores="${BENCH_STORES:-embedded,postgresql}" \
  -Dbench.http-client="${BENCH_HTTP_CLIENT:-apache}" \
  -cp "$(bench_classpath)" \
  io.driftway.loadtests.catalog.CatalogBench "$@"
