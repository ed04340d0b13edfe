# summary: backfill job over 10,000 x 1 KB files vs 10 x 1 MB files: MB/s per core, time ratio
#
# 10 MB of 1 KB JSON lines written twice, as 10,000 one-record files and as 10 files of 1 MB; each
# set backfilled by the real backfill job (file source -> decode/track/conform -> Iceberg) on one
# MiniCluster (parallelism 2) into an Iceberg table on a local folder, in alternating order, best
# of BENCH_ROUNDS per set; rows checked. MB/s per core = MB / CPU-s of this JVM (from /proc). Bar:
# the small files take at most 2x the time of the large ones. Last line: one JSON object with
# bench, mb_per_s_per_core (large files), small_mb_per_s_per_core, small_over_large_time,
# small_over_large_cpu, bars_met. About 1.5 minutes on 2 cores after the build.
#
# Environment: BENCH_MB (10), BENCH_LARGE_FILES (10), BENCH_ROUNDS (2), BENCH_JOB (backfill, or
#   file-source: the connectors' FileSource into the pipeline's tail), BENCH_HEAP (3g), plus
#   common.sh's build settings. Files are in a local folder: S3Proxy in the same JVM would add its
#   own CPU to the job's.

bench_backfill() {
  bench_build
  local args=(
    "-Xmx${BENCH_HEAP:-3g}"
    -Dbench.mb="${BENCH_MB:-10}"
    -Dbench.large-files="${BENCH_LARGE_FILES:-10}"
    -Dbench.rounds="${BENCH_ROUNDS:-2}"
    -Dbench.job="${BENCH_JOB:-backfill}"
  )
  "$(bench_java)" "${args[@]}" -cp "$(bench_classpath)" \
    io.driftway.loadtests.backfill.BackfillBench "$@"
}
