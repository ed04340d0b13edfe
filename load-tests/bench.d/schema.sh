# summary: schema layer per record (JMH): fast path and general path vs ObjectMapper.readTree
#
# Prints a table, then as its last line one JSON object:
#   {"bench":"schema","fast_vs_readtree":...,"general_vs_readtree":...,...}
# Takes about 1.5 minutes on 2 cores. Tune with BENCH_SECONDS (per iteration, default 2),
# BENCH_WARMUPS (3), BENCH_ITERATIONS (5), BENCH_FORKS (1).

bench_schema() {
  bench_build
  bench_log "running SchemaPathBenchmark"
  "$(bench_java)" \
    -Dbench.seconds="${BENCH_SECONDS:-2}" \
    -Dbench.warmups="${BENCH_WARMUPS:-3}" \
    -Dbench.iterations="${BENCH_ITERATIONS:-5}" \
    -Dbench.forks="${BENCH_FORKS:-1}" \
    -cp "$(bench_classpath)" \
    io.driftway.loadtests.schema.SchemaBench "$@"
}
