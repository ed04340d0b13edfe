# summary: Kafka -> Driftway -> Iceberg vs a static-schema Flink job: records/CPU-s, freshness
#
# A Kafka broker in its own JVM, 1 KB JSON records with a new field every 100k records, then on one
# MiniCluster (parallelism 2) Driftway's pipeline and a baseline job (Flink JSON into a fixed schema,
# Iceberg's IcebergSink), each into an Iceberg table on a local folder; then freshness at 80% of the
# baseline's throughput. Last line: one JSON object with bench, records_per_cpu_s,
# baseline_records_per_cpu_s, ratio_vs_static, freshness_p50_s, freshness_p99_s,
# checkpoint_interval_s, freshness_p99_over_checkpoint_s. About 2.5 minutes on 2 cores after the build.
#
# Environment: BENCH_RECORDS (200000), BENCH_ROUNDS (2), BENCH_CHECKPOINT_SECONDS (5),
#   BENCH_FRESHNESS_SECONDS (30), BENCH_FRESHNESS_LOAD (0.8), BENCH_FRESHNESS_RATE (records/s,
#   overrides the load), BENCH_SEED (42), BENCH_HEAP (3g), plus common.sh's build settings.

bench_pipeline() {
  bench_build
  local args=(
    "-Xmx${BENCH_HEAP:-3g}"
    -Dbench.records="${BENCH_RECORDS:-200000}"
    -Dbench.rounds="${BENCH_ROUNDS:-2}"
    -Dbench.checkpoint-seconds="${BENCH_CHECKPOINT_SECONDS:-5}"
    -Dbench.freshness-seconds="${BENCH_FRESHNESS_SECONDS:-30}"
    -Dbench.freshness-load="${BENCH_FRESHNESS_LOAD:-0.8}"
    -Dbench.freshness-rate="${BENCH_FRESHNESS_RATE:-}"
    -Dbench.seed="${BENCH_SEED:-42}"
  )
  "$(bench_java)" "${args[@]}" -cp "$(bench_classpath)" \
    io.driftway.loadtests.pipeline.PipelineBench "$@"
}
