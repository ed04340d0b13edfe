# summary: catalog bridge: GetTable p50/p99, UpdateTable/s, embedded store and PostgreSQL
#
# Runs ../scripts/catalog.sh (see there for settings). Last line: one JSON object with
#   bench, get_table_p50_ms, get_table_p99_ms, update_table_per_s (embedded) and postgresql_* keys.

bench_catalog() {
  "$REPO_ROOT/load-tests/scripts/catalog.sh" "$@"
}
