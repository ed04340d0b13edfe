#!/usr/bin/env bash
# docker/smoke.sh: builds Driftway's two images from a locally made base and proves them on this
# machine, with no registry:
#   1. the base image (docker/base/make-base.sh: Debian + openjdk-17-jre-headless, cached);
#   2. the release artifacts (./mvnw -Prelease -pl distribution -am package) and both images;
#   3. the catalog bridge in the driftway image, answering the AWS CLI on the host;
#   4. `driftway demo` inside the driftway image;
#   5. a pipeline in application mode on a Flink JobManager + TaskManager from the driftway-flink
#      image (job jar from /opt/flink/usrlib, Prometheus reporter plugin), reading a Kafka broker on
#      the host (run from the release tarball's jars) and writing through the bridge: it checks that
#      every produced row is in the table;
#   6. the same on a session cluster from the driftway-flink image, the job sent by `driftway submit`
#      from the driftway image;
#   7. docker/compose.yaml with `docker compose config` (or docker-compose).
# Prints image sizes and build times; exits non-zero on any failure; removes its containers. Uses
# the Docker engine DOCKER_HOST (or the default socket) names; when none answers, it starts its own
# dockerd (data root $DRIFTWAY_SMOKE_DOCKER_ROOT, default /var/tmp/driftway-smoke-docker) and stops it
# at the end. Containers use --network host (dockerd runs with --bridge=none here).
#
#   docker/smoke.sh                # everything, Maven build included
#   docker/smoke.sh --skip-maven   # reuse distribution/target from an earlier -Prelease build
# Needs (Debian): docker.io mmdebstrap awscli docker-compose python3 and a JDK 17 on the host; as root
# with apt-get it installs the missing ones.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
skip_maven=false
for arg in "$@"; do
  case "$arg" in
    --skip-maven) skip_maven=true ;;
    -h | --help)
      sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "Cannot run smoke: unknown argument: $arg" >&2
      exit 2
      ;;
  esac
done

version="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$repo/pom.xml" | head -n 1)"
target="$repo/distribution/target"
run_id="$$"
work="$(mktemp -d /tmp/driftway-smoke-XXXXXX)"
# The containers run as their images' users (driftway 9047, flink 9999): they write here too.
chmod 0777 "$work"
containers=()
kafka_pid=""
own_dockerd_pid=""
declare -A timings=()
started_at=$SECONDS

step() { printf '\n==> %s\n' "$*"; }
fail() {
  echo "SMOKE FAILED: $*" >&2
  exit 1
}
# Runs "$@" and records its wall time under the name $1 (seconds, one decimal).
timed() {
  local name="$1" start end
  shift
  start=$(date +%s.%N)
  "$@"
  end=$(date +%s.%N)
  timings[$name]="$(printf '%.1f' "$(echo "$end - $start" | bc)")"
}
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
# wait_for <seconds> <what> <command...>: runs the command every second until it succeeds.
wait_for() {
  local limit="$1" what="$2" deadline
  shift 2
  deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then
      fail "$what not within ${limit}s"
    fi
    sleep 1
  done
}

cleanup() {
  local code=$?
  set +e
  if [ $code -ne 0 ]; then
    for c in "${containers[@]}"; do
      echo "--- last lines of container $c ---" >&2
      docker logs --tail 40 "$c" 2>&1 | sed 's/^/    /' >&2
    done
    [ -f "$work/kafka/broker.log" ] && { echo "--- last lines of the Kafka broker ---" >&2; tail -n 20 "$work/kafka/broker.log" >&2; }
  fi
  for c in "${containers[@]}"; do
    docker rm -f "$c" >/dev/null 2>&1
  done
  if [ -n "$kafka_pid" ]; then
    kill "$kafka_pid" 2>/dev/null && wait "$kafka_pid" 2>/dev/null
  fi
  if [ -n "$own_dockerd_pid" ]; then
    kill "$own_dockerd_pid" 2>/dev/null
    for _ in $(seq 1 30); do kill -0 "$own_dockerd_pid" 2>/dev/null || break; sleep 1; done
    # dockerd leaves its network namespace mounted under the exec root.
    umount "${DRIFTWAY_SMOKE_DOCKER_ROOT:-/var/tmp/driftway-smoke-docker}/exec/netns/default" 2>/dev/null
  fi
  # Files the containers wrote belong to their users: remove as whoever can.
  rm -rf "$work" 2>/dev/null || docker run --rm -v "$work:$work" driftway-base:local rm -rf "$work" 2>/dev/null
  if [ $code -eq 0 ]; then
    echo "SMOKE PASSED in $((SECONDS - started_at))s"
  fi
}
trap cleanup EXIT

step "Tools"
missing=()
for tool in dockerd:docker.io docker:docker.io mmdebstrap:mmdebstrap /usr/bin/aws:awscli python3:python3 bc:bc; do
  command -v "${tool%%:*}" >/dev/null || missing+=("${tool##*:}")
done
if ! docker compose version >/dev/null 2>&1 && ! command -v docker-compose >/dev/null; then
  missing+=(docker-compose)
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing ${missing[*]}"
    apt-get install -y -q "${missing[@]}" >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q "${missing[@]}" >/dev/null; }
  else
    fail "missing tools, install: apt-get install -y ${missing[*]}"
  fi
fi
command -v javac >/dev/null || fail "a JDK 17 on the host is needed (javac, for the Kafka producer)"
if docker compose version >/dev/null 2>&1; then compose=(docker compose); else compose=(docker-compose); fi

step "Docker engine"
if docker info >/dev/null 2>&1; then
  echo "Using the running engine (${DOCKER_HOST:-default socket})"
else
  root="${DRIFTWAY_SMOKE_DOCKER_ROOT:-/var/tmp/driftway-smoke-docker}"
  mkdir -p "$root/data" "$root/exec"
  export DOCKER_HOST="unix://$root/docker.sock"
  dockerd --iptables=false --bridge=none --data-root "$root/data" --exec-root "$root/exec" \
    -H "$DOCKER_HOST" --pidfile "$root/dockerd.pid" >"$root/dockerd.log" 2>&1 &
  own_dockerd_pid=$!
  wait_for 60 "dockerd ready (log: $root/dockerd.log)" docker info
  echo "Started dockerd (pid $own_dockerd_pid, data root $root/data)"
fi

step "Base image"
timed base "$repo/docker/base/make-base.sh"

if [ "$skip_maven" = false ]; then
  step "Release build (./mvnw -Prelease -pl distribution -am package)"
  timed maven "$repo/mvnw" -B -q -DskipTests -Prelease -f "$repo/pom.xml" -pl distribution -am package
fi
tarball="$target/driftway-$version.tar.gz"
for f in "$tarball" "$target/driftway-flink-job-$version.jar" "$target/flink/lib"; do
  [ -e "$f" ] || fail "no $f: run ./mvnw -B -DskipTests -Prelease -pl distribution -am package"
done

step "Images"
# build <name> <Dockerfile> <tag>: FROM the local base; the legacy builder's output goes to a log.
build() {
  docker build --build-arg BASE=driftway-base:local --build-arg VERSION="$version" \
    -f "$repo/docker/$2/Dockerfile" -t "$3" "$target" >"$work/build-$1.log" 2>&1 ||
    { tail -n 30 "$work/build-$1.log"; fail "docker build of $3"; }
  echo "Built $3"
}
timed driftway_image build driftway driftway "driftway:$version"
timed flink_image build flink flink "driftway-flink:$version"
# The Flink Dockerfile's layout stage stays behind as an untagged image: remove it.
docker image prune -f --filter label=io.driftway.stage=flink-layout >/dev/null
docker run --rm "driftway:$version" --version

step "Catalog bridge in the driftway image, answering the AWS CLI"
bridge_port=$(free_port)
mkdir -p "$work/catalog" "$work/warehouse" "$work/checkpoints"
chmod 0777 "$work/catalog" "$work/warehouse" "$work/checkpoints"
cat >"$work/catalog.yaml" <<YAML
server:
  host: 127.0.0.1
  port: $bridge_port
auth:
  mode: sigv4
  region: us-east-1
  principals:
    - name: smoke
      access-key-id: AKIDDRIFTWAYSMOKE
      secret-access-key: smoke-secret
      databases:
        "*": admin
store:
  url: jdbc:h2:file:$work/catalog/catalog
YAML
containers+=("driftway-smoke-bridge-$run_id")
docker run -d --name "driftway-smoke-bridge-$run_id" --network host -v "$work:$work" \
  "driftway:$version" catalog serve --config "$work/catalog.yaml" >/dev/null
wait_for 60 "bridge health on port $bridge_port" curl -fsS "http://127.0.0.1:$bridge_port/health"
export AWS_ACCESS_KEY_ID=AKIDDRIFTWAYSMOKE AWS_SECRET_ACCESS_KEY=smoke-secret AWS_DEFAULT_REGION=us-east-1
glue() { /usr/bin/aws glue --endpoint-url "http://127.0.0.1:$bridge_port" --output json "$@"; }
glue create-database --database-input Name=smoke
glue get-databases | python3 -c 'import json,sys; d=json.load(sys.stdin)["DatabaseList"]; print("aws glue get-databases:", [x["Name"] for x in d]); assert any(x["Name"]=="smoke" for x in d)'

step "driftway demo inside the driftway image"
timed demo docker run --rm --network host "driftway:$version" demo --events 50 >"$work/demo.log" 2>&1 ||
  { tail -n 30 "$work/demo.log"; fail "driftway demo"; }
grep -q "^Done. Tables and Parquet files are in" "$work/demo.log" || { tail -n 30 "$work/demo.log"; fail "driftway demo printed no result"; }
tail -n 6 "$work/demo.log"

step "Kafka broker on the host (the release tarball's jars)"
tar -xzf "$tarball" -C "$work"
lib="$work/driftway-$version/lib/*"
kafka_port=$(free_port)
controller_port=$(free_port)
mkdir -p "$work/kafka"
cat >"$work/kafka/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
listeners=PLAINTEXT://127.0.0.1:$kafka_port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$kafka_port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.quorum.voters=1@127.0.0.1:$controller_port
log.dirs=$work/kafka/data
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
kafka_java=(java -Xmx512m -XX:+UseSerialGC -Dlog4j2.configurationFile="$work/driftway-$version/conf/log4j2.properties" -cp "$lib")
"${kafka_java[@]}" kafka.tools.StorageTool format -t "$(python3 -c 'import base64,uuid; print(base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("="))')" \
  -c "$work/kafka/server.properties" >"$work/kafka/format.log" 2>&1 || { cat "$work/kafka/format.log"; fail "Kafka storage format"; }
"${kafka_java[@]}" kafka.Kafka "$work/kafka/server.properties" >"$work/kafka/broker.log" 2>&1 &
kafka_pid=$!
wait_for 60 "Kafka broker on port $kafka_port" bash -c "exec 3<>/dev/tcp/127.0.0.1/$kafka_port"
echo "Kafka broker on 127.0.0.1:$kafka_port (pid $kafka_pid)"

step "Pipeline on a Flink JobManager + TaskManager from the driftway-flink image"
# Half the orders wait in the topic before the job starts (the source must exist), half arrive live.
rows=500
javac -d "$work/producer" -cp "$lib" "$repo/docker/smoke/ProduceOrders.java"
produce() {
  java -cp "$work/producer:$lib" -Dlog4j2.configurationFile="$work/driftway-$version/conf/log4j2.properties" \
    ProduceOrders "127.0.0.1:$kafka_port" orders "$1" "$2"
}
produce 1 $((rows / 2))
# pipeline_file <name> <table>: a pipeline reading topic orders into smoke.<table> through the bridge.
pipeline_file() {
  cat >"$work/$1.yaml" <<YAML
name: $1
sources:
  - kafka:
      bootstrap-servers: 127.0.0.1:$kafka_port
      topics: [orders]
      group-id: $1
      starting-position: earliest
format:
  type: json
routing:
  table: $2
tables:
  - name: $2
    database: smoke
    partition-by: [identity(region)]
warehouse:
  location: $work/warehouse
catalog:
  type: glue
  endpoint: http://127.0.0.1:$bridge_port
  region: us-east-1
  access-key-id: AKIDDRIFTWAYSMOKE
  secret-access-key: smoke-secret
checkpointing:
  interval: 2s
  storage: file://$work/checkpoints/$1
parallelism: 2
alerts:
  log: true
YAML
  echo "$work/$1.yaml"
}
# flink <role> <command...>: a JobManager or TaskManager container of the cluster on $rest_port.
flink() {
  local role="$1"
  shift
  containers+=("driftway-smoke-$role-$run_id")
  docker run -d --name "driftway-smoke-$role-$run_id" --network host -v "$work:$work" \
    -e FLINK_PROPERTIES="$flink_properties" "driftway-flink:$version" "$@" >/dev/null
}
rest_port=$(free_port)
flink_properties() {
  echo "jobmanager.rpc.port: $(free_port)
rest.port: $rest_port
blob.server.port: $(free_port)
taskmanager.rpc.port: $(free_port)
jobmanager.memory.process.size: 1024m
taskmanager.memory.process.size: 1536m
taskmanager.numberOfTaskSlots: 2
metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory
metrics.reporter.prom.port: 19249-19259"
}
flink_properties="$(flink_properties)"
flink jobmanager standalone-job --job-classname io.driftway.streamjobs.graph.PipelineApplication \
  "$(pipeline_file smoke-orders orders)"
flink taskmanager taskmanager
job_running() {
  curl -fsS "http://127.0.0.1:$rest_port/jobs/overview" |
    python3 -c 'import json,sys; jobs=json.load(sys.stdin)["jobs"]; sys.exit(0 if any(j["state"]=="RUNNING" and j["tasks"]["running"]==j["tasks"]["total"] for j in jobs) else 1)'
}
pipeline_start=$SECONDS
wait_for 180 "pipeline job RUNNING on the JobManager (REST port $rest_port)" job_running
curl -fsS "http://127.0.0.1:$rest_port/jobs/overview" | python3 -c 'import json,sys; [print("Flink job:", j["name"], j["jid"], j["state"]) for j in json.load(sys.stdin)["jobs"]]'
curl -fsS "http://127.0.0.1:$rest_port/taskmanagers" | python3 -c 'import json,sys; t=json.load(sys.stdin)["taskmanagers"]; print("TaskManagers:", len(t), "slots:", sum(x["slotsNumber"] for x in t))'
# The JobManager and the TaskManager each take a free port of the reporter's range.
jobmanager_metrics() {
  local port
  for port in $(seq 19249 19259); do
    curl -fsS "http://127.0.0.1:$port/metrics" 2>/dev/null | grep -m 1 '^flink_jobmanager_numRegisteredTaskManagers' && return 0
  done
  return 1
}
wait_for 60 "Prometheus metrics from the JobManager's reporter (ports 19249-19259)" jobmanager_metrics
echo "Prometheus reporter: $(jobmanager_metrics)"
produce $((rows / 2 + 1)) "$rows"

# table_rows <table>: the row count of smoke.<table>'s current snapshot, found through the bridge.
table_rows() {
  glue get-table --database-name smoke --name "$1" 2>/dev/null | python3 -c '
import json, sys
location = json.load(sys.stdin)["Table"]["Parameters"]["metadata_location"]
metadata = json.load(open(location.removeprefix("file:")))
current = metadata.get("current-snapshot-id")
snapshot = next((s for s in metadata.get("snapshots", []) if s["snapshot-id"] == current), None)
print(snapshot["summary"]["total-records"] if snapshot else 0)'
}
all_rows_in() { [ "$(table_rows "$1")" = "$rows" ]; }
wait_for 180 "$rows rows in smoke.orders" all_rows_in orders
timings[pipeline]=$((SECONDS - pipeline_start))
echo "smoke.orders holds $(table_rows orders) rows (of $rows produced), metadata via aws glue get-table"

step "driftway submit from the driftway image to a session cluster from the driftway-flink image"
docker rm -f "driftway-smoke-jobmanager-$run_id" "driftway-smoke-taskmanager-$run_id" >/dev/null
rest_port=$(free_port)
flink_properties="$(flink_properties)"
flink session-jobmanager jobmanager
flink session-taskmanager taskmanager
session_ready() {
  curl -fsS "http://127.0.0.1:$rest_port/taskmanagers" |
    python3 -c 'import json,sys; sys.exit(0 if json.load(sys.stdin)["taskmanagers"] else 1)'
}
wait_for 120 "session cluster with a TaskManager (REST port $rest_port)" session_ready
submit_start=$SECONDS
docker run --rm --network host -v "$work:$work" "driftway:$version" \
  submit "$(pipeline_file smoke-submitted orders_submitted)" --flink "http://127.0.0.1:$rest_port"
wait_for 180 "submitted job RUNNING on the session cluster" job_running
wait_for 180 "$rows rows in smoke.orders_submitted" all_rows_in orders_submitted
timings[submit]=$((SECONDS - submit_start))
echo "smoke.orders_submitted holds $(table_rows orders_submitted) rows (of $rows in the topic)"

step "docker/compose.yaml"
"${compose[@]}" -f "$repo/docker/compose.yaml" config -q
echo "${compose[*]} config: valid ($("${compose[@]}" -f "$repo/docker/compose.yaml" config --services | tr '\n' ' '))"

step "Summary"
size() { docker image inspect -f '{{.Size}}' "$1" | awk '{printf "%.0f MB", $1 / 1000000}'; }
printf '%-28s %10s\n' "image" "size"
for image in driftway-base:local "driftway:$version" "driftway-flink:$version"; do
  printf '%-28s %10s\n' "$image" "$(size "$image")"
done
maven_time="skipped"
[ -n "${timings[maven]:-}" ] && maven_time="${timings[maven]}s"
printf 'build times: base image %ss, maven %s, driftway image %ss, driftway-flink image %ss\n' \
  "${timings[base]}" "$maven_time" "${timings[driftway_image]}" "${timings[flink_image]}"
printf 'run times: demo in container %ss; all %s rows in the table %ss after the application cluster started, %ss after submit\n' \
  "${timings[demo]}" "$rows" "${timings[pipeline]}" "${timings[submit]}"
