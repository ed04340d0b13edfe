#!/usr/bin/env bash
# The driftway-flink image's entry point when the image is built on a plain Java base (the Flink
# distribution's jars assembled from Maven Central, see Dockerfile). It takes the same commands and
# environment as the official Flink image's entry point, so compose files and manifests work with
# either base:
#   jobmanager                                 a session cluster's JobManager (driftway submit)
#   standalone-job --job-classname <class> ... an application cluster's JobManager running <class>
#                                              from /opt/flink/usrlib (application mode)
#   taskmanager                                a TaskManager
#   anything else                              run as a command
# Environment: FLINK_PROPERTIES (config.yaml lines, "key: value", override the defaults below),
# JOB_MANAGER_RPC_ADDRESS (default localhost), ENABLE_BUILT_IN_PLUGINS (jar names from opt/, ';'-
# separated: each becomes a plugin, e.g. flink-s3-fs-hadoop-2.1.1.jar for s3:// checkpoints; a jar of
# another version of the same plugin stands in when opt/ has no such file).
set -euo pipefail

FLINK_HOME="${FLINK_HOME:-/opt/flink}"
conf_dir="$FLINK_HOME/conf"
conf="$conf_dir/config.yaml"

# config.yaml: the defaults, then every FLINK_PROPERTIES line (a key set twice would be a YAML error,
# so keys are merged here, the last value winning, in order of first appearance).
write_config() {
  declare -A value=()
  local -a order=()
  local line key
  while IFS= read -r line; do
    [[ $line =~ ^[[:space:]]*([^#:[:space:]][^:]*):[[:space:]]*(.*)$ ]] || continue
    key="${BASH_REMATCH[1]}"
    key="${key%"${key##*[![:space:]]}"}"
    [ -n "${value[$key]+set}" ] || order+=("$key")
    value[$key]="${BASH_REMATCH[2]}"
  done <<DEFAULTS
jobmanager.rpc.address: ${JOB_MANAGER_RPC_ADDRESS:-localhost}
jobmanager.rpc.port: 6123
jobmanager.bind-host: 0.0.0.0
jobmanager.memory.process.size: 1600m
taskmanager.bind-host: 0.0.0.0
taskmanager.memory.process.size: 1728m
taskmanager.numberOfTaskSlots: 2
parallelism.default: 1
rest.address: ${JOB_MANAGER_RPC_ADDRESS:-localhost}
rest.bind-address: 0.0.0.0
blob.server.port: 6124
query.server.port: 6125
${FLINK_PROPERTIES:-}
DEFAULTS
  mkdir -p "$conf_dir"
  : >"$conf"
  for key in "${order[@]}"; do
    printf '%s: %s\n' "$key" "${value[$key]}" >>"$conf"
  done
}

enable_plugins() {
  local jar name
  IFS=';' read -ra jars <<<"${ENABLE_BUILT_IN_PLUGINS:-}"
  local -a found
  for jar in "${jars[@]}"; do
    [ -n "$jar" ] || continue
    if [ ! -f "$FLINK_HOME/opt/$jar" ]; then
      # The same plugin at another version (the jars here are the releases Maven Central has).
      found=("$FLINK_HOME/opt/${jar%%-[0-9]*}"-[0-9]*.jar)
      if [ ! -f "${found[0]}" ]; then
        echo "Cannot enable plugin: no such jar in $FLINK_HOME/opt: $jar" >&2
        exit 1
      fi
      echo "Enabling $(basename "${found[0]}") for $jar" >&2
      jar="$(basename "${found[0]}")"
    fi
    name="${jar%.jar}"
    mkdir -p "$FLINK_HOME/plugins/$name"
    ln -sf "$FLINK_HOME/opt/$jar" "$FLINK_HOME/plugins/$name/$jar"
  done
}

# A config.yaml key's value, as written above (for the JVM options Flink's own scripts honour).
config_value() {
  sed -n "s/^$1: //p" "$conf" | tail -n 1
}

# The JVM and dynamic options Flink's own scripts compute for a process (BashJavaUtils): heap,
# direct and metaspace sizes from the memory model, and the derived memory settings a TaskManager
# must be started with. Two result lines: JVM options, then dynamic properties.
resource_params() {
  local output
  output="$(java -cp "$FLINK_HOME/lib/*" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" \
    --configDir "$conf_dir" 2>&1)" || {
    echo "Cannot start Flink: computing the memory settings failed:" >&2
    echo "$output" >&2
    exit 1
  }
  echo "$output" | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p' | tail -n 2
}

# Java 17 needs these opens for Flink's serializers (Flink's default config.yaml sets the same).
java17_opens="--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED"

# exec java for a Flink process: $1 the role (jobmanager | taskmanager), $2 the BashJavaUtils
# command, $3 the main class, then its arguments.
run_flink() {
  local role="$1" utils="$2" main="$3"
  shift 3
  local params jvm dynamic
  params="$(resource_params "$utils")"
  jvm="$(echo "$params" | head -n 1)"
  dynamic="$(echo "$params" | tail -n 1)"
  # shellcheck disable=SC2086,SC2046 # option lists, split on purpose
  exec java $java17_opens $jvm $(config_value env.java.opts.all) $(config_value "env.java.opts.$role") \
    -Dlog.file="$FLINK_HOME/log/flink-$role.log" \
    -Dlog4j.configurationFile="file:$conf_dir/log4j-console.properties" \
    -cp "$FLINK_HOME/lib/*" "$main" --configDir "$conf_dir" $dynamic "$@"
}

case "${1:-}" in
  jobmanager)
    shift
    write_config
    enable_plugins
    run_flink jobmanager GET_JM_RESOURCE_PARAMS \
      org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint "$@"
    ;;
  standalone-job)
    shift
    write_config
    enable_plugins
    run_flink jobmanager GET_JM_RESOURCE_PARAMS \
      org.apache.flink.container.entrypoint.StandaloneApplicationClusterEntryPoint "$@"
    ;;
  taskmanager)
    shift
    write_config
    enable_plugins
    run_flink taskmanager GET_TM_RESOURCE_PARAMS \
      org.apache.flink.runtime.taskexecutor.TaskManagerRunner "$@"
    ;;
  *)
    exec "$@"
    ;;
esac
