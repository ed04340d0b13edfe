# Shared helpers for bench subcommands. Sourced by ../bench; expects REPO_ROOT and BENCH_HOME.
#
# Environment:
#   BENCH_OFFLINE=1   build with Maven offline (-o)
#   BENCH_SKIP_BUILD=1  reuse what is already built under load-tests/target
#   BENCH_ALSO_MAKE=0   build load-tests alone against installed artifacts (no -am); use while other
#                       modules are being built by someone else in the same tree

bench_log() {
  echo "[bench] $*" >&2
}

# Builds load-tests (and, by default, what it depends on) and writes its runtime classpath.
bench_build() {
  local mvn=("$REPO_ROOT/mvnw" -q)
  [ "${BENCH_OFFLINE:-0}" = 1 ] && mvn+=(-o)
  local modules=(-pl load-tests)
  [ "${BENCH_ALSO_MAKE:-1}" = 1 ] && modules+=(-am)
  local classpath_file="$REPO_ROOT/load-tests/target/bench.classpath"
  if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    bench_log "building load-tests ${modules[*]:2}"
    # The classpath in the same reactor run: with -am it names the modules' freshly built jars, not
    # what ~/.m2 holds. Every module writes the file; load-tests, last in the reactor, writes it last.
    (cd "$REPO_ROOT" && "${mvn[@]}" "${modules[@]}" package dependency:build-classpath -DskipTests \
      -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=runtime)
  elif [ ! -f "$classpath_file" ]; then
    (cd "$REPO_ROOT" && "${mvn[@]}" -pl load-tests dependency:build-classpath \
      -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=runtime)
  fi
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
