# summary: Driftway vs Iceberg's Kafka Connect sink vs a static-schema Flink job: records/CPU-s, freshness
#
# A Kafka broker in its own JVM, BENCH_RECORDS 1 KB and as many 150-byte JSON records with drift,
# and the 1 KB records again in Avro (Confluent wire format, every schema version in a registry on
# 127.0.0.1 the bench starts), then each system in its own JVM on the same records (backlog),
# interleaved over BENCH_ROUNDS rounds (the Kafka Connect sink on JSON only: Confluent's
# AvroConverter is not on Maven Central), then each at one sustained rate (freshness). Headline:
# records per CPU-second after the first commit; ratios as median (min..max) of the rounds. Prints
# a table, writes load-tests/results/<yyyy-MM-dd>/peers-<HHmmss>.md with PNG charts; last line: one
# JSON object with ratio_vs_kc, ratio_vs_static (steady-state medians), their _min/_max, the _150b
# and _avro ratios (ratio_vs_kc_avro null, kc_avro the reason) and every figure. See
# load-tests/README.md. The default run is long (over an hour on 2 cores).
#
# Environment: BENCH_QUICK=1 (development: 20000 records, 1 round, a commit every 2 s, no sustained phase),
#   BENCH_RECORDS (2000000), BENCH_SIZE (1kb; 150b or a byte count with BENCH_FIELDS),
#   BENCH_SMALL_SIZE (150b; empty: no second size), BENCH_AVRO (1; 0: no Avro workload),
#   BENCH_DRIFT (the peers schedule),
#   BENCH_ROUNDS (3), BENCH_COMMIT_SECONDS (5),
#   BENCH_PARALLELISM (2), BENCH_JOB_HEAP (2g), BENCH_SUSTAINED_SECONDS (30; 0 skips),
#   BENCH_SUSTAINED_LOAD (0.7), BENCH_RATE (records/s; overrides the load), BENCH_PEERS
#   (kc,static,driftway), BENCH_CATALOG (jdbc: PostgreSQL; or hadoop), BENCH_SEED (42),
#   BENCH_RESULTS (load-tests/results), BENCH_JFR (a folder: a JFR CPU profile of each system's
#   JVM), BENCH_STATIC_SCHEMA (base: the static job knows the base fields only and drops the drift
#   fields; final: it also declares every field the drift adds, so it writes Driftway's columns),
#   plus common.sh's.

bench_peers() {
  if [ "${BENCH_QUICK:-0}" = 1 ]; then
    # Commits every 2 s: on a quiet machine 20,000 records fit in one 5 s interval, and a run whose
    # first commit holds every record has no steady state to report.
    : "${BENCH_RECORDS:=20000}" "${BENCH_ROUNDS:=1}" "${BENCH_SUSTAINED_SECONDS:=0}" "${BENCH_COMMIT_SECONDS:=2}"
  fi
  bench_build
  local kc_classpath="$REPO_ROOT/load-tests/target/kafka-connect.classpath"
  if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$kc_classpath" ]; then
    local mvn=("$REPO_ROOT/mvnw" -q)
    [ "${BENCH_OFFLINE:-0}" = 1 ] && mvn+=(-o)
    bench_log "resolving the Kafka Connect worker classpath (load-tests/kafka-connect/pom.xml)"
    (cd "$REPO_ROOT" && "${mvn[@]}" -f load-tests/kafka-connect/pom.xml dependency:build-classpath \
      -Dmdep.outputFile="$kc_classpath" -Dmdep.includeScope=runtime)
  fi
  local args=(
    "-Xmx${BENCH_HEAP:-1g}"
    -Djava.awt.headless=true
    -Dlog4j2.configurationFile="$BENCH_HOME/bench.d/peers-log4j2.properties"
    -Dbench.records="${BENCH_RECORDS:-2000000}"
    -Dbench.size="${BENCH_SIZE:-1kb}"
    -Dbench.small-size="${BENCH_SMALL_SIZE-150b}"
    -Dbench.avro="${BENCH_AVRO:-1}"
    -Dbench.fields="${BENCH_FIELDS:-20}"
    -Dbench.rounds="${BENCH_ROUNDS:-3}"
    -Dbench.commit-seconds="${BENCH_COMMIT_SECONDS:-5}"
    -Dbench.parallelism="${BENCH_PARALLELISM:-2}"
    -Dbench.heap="${BENCH_JOB_HEAP:-2g}"
    -Dbench.sustained-seconds="${BENCH_SUSTAINED_SECONDS:-30}"
    -Dbench.sustained-load="${BENCH_SUSTAINED_LOAD:-0.7}"
    -Dbench.rate="${BENCH_RATE:-}"
    -Dbench.peers="${BENCH_PEERS:-kc,static,driftway}"
    -Dbench.seed="${BENCH_SEED:-42}"
    -Dbench.catalog="${BENCH_CATALOG:-jdbc}"
    -Dbench.static-schema="${BENCH_STATIC_SCHEMA:-base}"
    -Dbench.jfr="${BENCH_JFR:-}"
    -Dbench.kc-classpath="$kc_classpath"
    -Dbench.results="${BENCH_RESULTS:-$REPO_ROOT/load-tests/results}"
  )
  [ -n "${BENCH_DRIFT:-}" ] && args+=(-Dbench.drift="$BENCH_DRIFT")
  "$(bench_java)" "${args[@]}" -cp "$(bench_classpath)" io.driftway.loadtests.peers.PeersBench "$@"
}
