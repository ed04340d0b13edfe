# summary: schema layer per record (JMH): fast path and general path vs ObjectMapper.readTree
#
# Prints a table, then as its last line one JSON object:
#   {"bench":"schema","fast_vs_readtree":...,"general_vs_readtree":...,...}
# Takes about 2 minutes on 2 cores. Tune with BENCH_ROUNDS (4), BENCH_SECONDS (per iteration, 1),
# BENCH_WARMUPS (3), BENCH_ITERATIONS (3).

bench_schema() {
  bench_build
  bench_log "running SchemaPathBenchmark"
  "$(bench_java)" \
    -Dbench.rounds="${BENCH_ROUNDS:-4}" \
    -Dbench.seconds="${BENCH_SECONDS:-1}" \
    -Dbench.warmups="${BENCH_WARMUPS:-3}" \
    -Dbench.iterations="${BENCH_ITERATIONS:-3}" \
    -cp "$(bench_classpath)" \
    io.driftway.loadtests.schema.SchemaBench "$@"
}
