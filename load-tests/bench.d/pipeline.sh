# summary: Kafka -> Driftway -> Iceberg vs a static-schema Flink job: records/CPU-s, freshness
#
# A Kafka broker in its own JVM, 1 KB JSON records with a new field every 100k records, then on one
# MiniCluster (parallelism 2) Driftway's pipeline and a baseline job (Flink JSON into a fixed schema,
# Iceberg's IcebergSink), each into an Iceberg table on a local folder; then freshness at 80% of the
# baseline's throughput. Last line: one JSON object with bench, records_per_cpu_s,
# baseline_records_per_cpu_s, ratio_vs_static, freshness_p50_s, freshness_p99_s,
# checkpoint_interval_s, freshness_p99_over_checkpoint_s; ratio_vs_static is the median over the rounds
# of the per-round ratio of records per CPU-second after the first commit (_min/_max: its spread).
# The default run is long (2,000,000 records x 2 jobs x 3 rounds: most of an hour on 2 cores).
#
# Environment: BENCH_QUICK=1 (development: 20000 records, 1 round, 10 s of freshness),
#   BENCH_RECORDS (2000000), BENCH_ROUNDS (3), BENCH_CHECKPOINT_SECONDS (5),
#   BENCH_FRESHNESS_SECONDS (30), BENCH_FRESHNESS_LOAD (0.8), BENCH_FRESHNESS_RATE (records/s,
#   overrides the load), BENCH_SEED (42), BENCH_HEAP (3g), plus common.sh's build settings.

bench_pipeline() {
  if [ "${BENCH_QUICK:-0}" = 1 ]; then
    : "${BENCH_RECORDS:=20000}" "${BENCH_ROUNDS:=1}" "${BENCH_FRESHNESS_SECONDS:=10}"
  fi
  bench_build
  local args=(
    "-Xmx${BENCH_HEAP:-3g}"
    -Dbench.records="${BENCH_RECORDS:-2000000}"
    -Dbench.rounds="${BENCH_ROUNDS:-3}"
    -Dbench.checkpoint-seconds="${BENCH_CHECKPOINT_SECONDS:-5}"
    -Dbench.freshness-seconds="${BENCH_FRESHNESS_SECONDS:-30}"
    -Dbench.freshness-load="${BENCH_FRESHNESS_LOAD:-0.8}"
    -Dbench.freshness-rate="${BENCH_FRESHNESS_RATE:-}"
    -Dbench.seed="${BENCH_SEED:-42}"
  )
  "$(bench_java)" "${args[@]}" -cp "$(bench_classpath)" \
    io.driftway.loadtests.pipeline.PipelineBench "$@"
}
