# summary: CPU by package of JFR recordings (e.g. bench peers with BENCH_JFR), steady state only when marked
#
# Reads each <file.jfr>'s execution samples (jdk.ExecutionSample) and prints their shares by the
# top frame's package (folded: JDK 2 segments, org.apache.* 4, others 3), one column per file; with
# the <file.jfr>.marks that `bench peers` writes under BENCH_JFR, only the samples between the first
# commit and the last record's commit count. Last line: one JSON object.
#   ./load-tests/bench profile [--after first-commit|all|<seconds>|<instant>] [--top N]
#                              [--methods N] [--threads REGEX] [--depth N] <file.jfr>...
# Example: BENCH_JFR=/tmp/prof BENCH_QUICK=1 ./load-tests/bench peers; ./load-tests/bench profile /tmp/prof/*.jfr

bench_profile() {
  # Help needs no fresh build when something is built already.
  if { [ $# -eq 0 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; } \
    && [ -f "$REPO_ROOT/load-tests/target/bench.classpath" ]; then
    BENCH_SKIP_BUILD=1
  fi
  bench_build
  "$(bench_java)" -cp "$(bench_classpath)" io.driftway.loadtests.profile.JfrProfile "$@"
}
