# summary: seeded JSON/Avro events with drift to Kafka, Kinesis or stdout (the data generator)
#
# Runs io.driftway.loadtests.data.GenerateCommand; see load-tests/README.md for the options.
#   ./load-tests/bench gen --to kafka --bootstrap-servers HOST:PORT --topic T --records 200000 --size 1kb
#   ./load-tests/bench gen --to kinesis --endpoint http://127.0.0.1:4567 --stream S --rate 2000 --seconds 60
# Last line: one JSON object with to, format, records, bytes, seconds, records_per_s.

bench_gen() {
  bench_build
  "$(bench_java)" -cp "$(bench_classpath)" io.driftway.loadtests.data.GenerateCommand "$@"
}
