# summary: schema layer per record (JMH): fast path and general path vs ObjectMapper.readTree and a bare token walk
#
# Prints a table, then as its last line one JSON object:
#   {"bench":"schema","fast_vs_readtree":...,"general_vs_readtree":...,...}
# Takes about 2 minutes on 2 cores. Tune with BENCH_ROUNDS (4), BENCH_SECONDS (per iteration, 1),
# BENCH_WARMUPS (3), BENCH_ITERATIONS (3). BENCH_QUICK=1: 1 round, 5 warm-ups, 1 iteration (development;
# with fewer, a loaded machine measures the fast path before the JIT has compiled it).
# Ratios use operations per CPU-second of the benchmark threads; wall-clock figures are printed beside.

bench_schema() {
  if [ "${BENCH_QUICK:-0}" = 1 ]; then
    : "${BENCH_ROUNDS:=1}" "${BENCH_WARMUPS:=5}" "${BENCH_ITERATIONS:=1}"
  fi
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
