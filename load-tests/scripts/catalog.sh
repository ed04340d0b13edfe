#!/usr/bin/env bash
# Catalog bridge benchmark: GetTable p50/p99 and throughput, UpdateTable throughput, from the AWS SDK
# v2 Glue client on loopback (SigV4 on), with the embedded store and with PostgreSQL (embedded
# binaries from test-support). Last line: one JSON object
#   {"bench":"catalog","get_table_p99_ms":...,"update_table_per_s":...,"postgresql_...":...}
# Takes about a minute on 2 cores. Run directly or as `./load-tests/bench catalog`.
#
# Environment: BENCH_THREADS (8), BENCH_GETS (20000), BENCH_UPDATES (2000),
#   BENCH_STORES (embedded,postgresql), BENCH_HTTP_CLIENT (apache|urlconnection),
#   BENCH_OFFLINE=1 (mvn -o), BENCH_SKIP_BUILD=1 (reuse target/).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
mvn=("$repo/mvnw" -q)
[ "${BENCH_OFFLINE:-0}" = 1 ] && mvn+=(-o)
classpath_file="$repo/load-tests/target/catalog-bench.classpath"
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "[bench] building load-tests against the installed modules" >&2
  (cd "$repo" && "${mvn[@]}" -pl load-tests package -DskipTests >&2)
fi
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$classpath_file" ]; then
  # Test scope: test-support brings the embedded PostgreSQL the bench starts.
  (cd "$repo" && "${mvn[@]}" -pl load-tests dependency:build-classpath \
    -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=test >&2)
fi
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java_bin" -Xmx1g -Daws.cborEnabled=false \
  -Dbench.threads="${BENCH_THREADS:-8}" \
  -Dbench.gets="${BENCH_GETS:-20000}" \
  -Dbench.updates="${BENCH_UPDATES:-2000}" \
  -Dbench.stores="${BENCH_STORES:-embedded,postgresql}" \
  -Dbench.http-client="${BENCH_HTTP_CLIENT:-apache}" \
  -cp "$repo/load-tests/target/classes:$(cat "$classpath_file")" \
  io.driftway.loadtests.catalog.CatalogBench "$@"
