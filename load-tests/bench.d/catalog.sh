# summary: catalog bridge: GetTable p50/p99 (and over a no-op endpoint's floor), UpdateTable/s, embedded store and PostgreSQL
#
# Runs ../scripts/catalog.sh (see there for settings). Last line: one JSON object with
#   bench, get_table_p50_ms, get_table_p99_ms, update_table_per_s, get_table_p50_over_floor (embedded),
#   postgresql_* keys and floor_* keys (the SDK client + SigV4 + HTTP on loopback, no catalog).

bench_catalog() {
  "$REPO_ROOT/load-tests/scripts/catalog.sh" "$@"
}
