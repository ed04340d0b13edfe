# Shared helpers for bench subcommands. Sourced by ../bench; expects REPO_ROOT and BENCH_HOME.
#
# Environment:
#   BENCH_OFFLINE=1     build with Maven offline (-o)
#   BENCH_SKIP_BUILD=1  reuse what an earlier run built under load-tests/target
#
# The build is always one reactor run from this checkout (-pl load-tests -am): a fresh clone works,
# and no io.driftway artifact is ever taken from ~/.m2.

bench_log() {
  echo "[bench] $*" >&2
}

# Builds load-tests and the modules it depends on, and writes its runtime classpath.
bench_build() {
  local mvn=("$REPO_ROOT/mvnw" -q)
  [ "${BENCH_OFFLINE:-0}" = 1 ] && mvn+=(-o)
  local classpath_file="$REPO_ROOT/load-tests/target/bench.classpath"
  if [ "${BENCH_SKIP_BUILD:-0}" = 1 ]; then
    if [ ! -f "$classpath_file" ]; then
      echo "Cannot skip the build: nothing built yet: $classpath_file (run once without BENCH_SKIP_BUILD)" >&2
      exit 2
    fi
    return
  fi
  bench_log "building load-tests -am"
  # The classpath in the same reactor run: it names the modules' freshly built jars, not what
  # ~/.m2 holds. Every module writes the file; load-tests, last in the reactor, writes it last.
  (cd "$REPO_ROOT" && "${mvn[@]}" -pl load-tests -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=runtime >&2)
}

# The classpath to run a benchmark main class: load-tests classes plus its runtime dependencies.
bench_classpath() {
  echo "$REPO_ROOT/load-tests/target/classes:$(cat "$REPO_ROOT/load-tests/target/bench.classpath")"
}

# The java binary: JAVA_HOME's when set, else the one on PATH.
bench_java() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    echo "$JAVA_HOME/bin/java"
  else
    echo java
  fi
}
