# summary: exactly once under seeded faults: 1,000,000 records, >= 10 faults, every row read back
#
# 1 KB JSON records (the peers drift schedule, 1% malformed) produced at a steady rate into a Kafka
# broker process, written by `driftway run` (a JVM of its own; checkpoints on S3) through the
# catalog bridge (GlueCatalog; the bridge's test-only CommitFaults hook) onto S3Proxy (a JVM of its
# own), while faults drawn from the seed strike: SIGKILL of the run JVM then run again, commits
# refused, commits applied but unanswered, bridge restart, broker restart, S3Proxy killed and
# started again. Then every row is read back and `driftway audit` runs. Last line: one JSON object
# with bench, records, faults, lost, duplicated, quarantine_expected, quarantine_rows,
# files_in_two_snapshots, wall_s, audit, passed, seed and fault_list. The full run takes about 15
# minutes after the build on 2 shared cores.
#
# Environment: BENCH_QUICK=1 (development: 50000 records at 1000/s, 6 faults, one of each kind),
#   BENCH_RECORDS (1000000), BENCH_RATE (1500 records/s, produced while the pipeline runs; 0: all
#   before it starts, a backlog), BENCH_FAULTS (12), BENCH_SEED (random, printed; set it to draw
#   the same plan again), BENCH_CHECKPOINT_SECONDS (5), BENCH_CHECKPOINTS (s3, or local: a
#   folder), BENCH_MALFORMED_RATE (0.01), BENCH_PARALLELISM (2), BENCH_RUN_HEAP (3g: the driftway
#   run JVM), BENCH_HEAP (1g: this JVM: the bridge, the producer, the read-back),
#   BENCH_STALL_MINUTES (10: give up when no commit comes for this long), BENCH_KEEP=1 (keep the
#   work folder: logs of every run), plus common.sh's build settings.

bench_chaos() {
  if [ "${BENCH_QUICK:-0}" = 1 ]; then
    : "${BENCH_RECORDS:=50000}" "${BENCH_FAULTS:=6}" "${BENCH_CHECKPOINT_SECONDS:=2}" \
      "${BENCH_STALL_MINUTES:=5}" "${BENCH_RATE:=1000}"
  fi
  bench_build
  local args=(
    "-Xmx${BENCH_HEAP:-1g}"
    -Dlog4j2.configurationFile="$BENCH_HOME/bench.d/chaos-log4j2.properties"
    -Dbench.records="${BENCH_RECORDS:-1000000}"
    -Dbench.faults="${BENCH_FAULTS:-12}"
    -Dbench.seed="${BENCH_SEED:-}"
    -Dbench.checkpoint-seconds="${BENCH_CHECKPOINT_SECONDS:-5}"
    -Dbench.malformed-rate="${BENCH_MALFORMED_RATE:-0.01}"
    -Dbench.parallelism="${BENCH_PARALLELISM:-2}"
    -Dbench.run-heap="${BENCH_RUN_HEAP:-3g}"
    -Dbench.rate="${BENCH_RATE:-1500}"
    -Dbench.checkpoints="${BENCH_CHECKPOINTS:-s3}"
    -Dbench.flink-plugins="$REPO_ROOT/stream-jobs/target/plugins"
    -Dbench.stall-minutes="${BENCH_STALL_MINUTES:-10}"
    -Dbench.keep="$([ "${BENCH_KEEP:-0}" = 1 ] && echo true || echo false)"
  )
  "$(bench_java)" "${args[@]}" -cp "$(bench_classpath)" io.driftway.loadtests.chaos.ChaosBench "$@"
}
