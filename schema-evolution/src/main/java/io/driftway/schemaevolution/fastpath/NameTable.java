package io.driftway.schemaevolution.fastpath;

/**
 * Field name to column position, by open addressing on the name's hash. Jackson hands out the same
 * canonical {@link String} for a repeated field name, whose hash is cached, so a lookup is a masked
 * index and a reference check; a spelling that differs in case falls back to a scan.
 */
final class NameTable {

  private final String[] keys;
  private final int[] positions;
  private final int mask;
  private final String[] names;

  NameTable(String[] names) {
    this.names = names.clone();
    int capacity = Integer.highestOneBit(Math.max(4, names.length * 4) - 1) << 1;
    this.keys = new String[capacity];
    this.positions = new int[capacity];
    this.mask = capacity - 1;
    for (int i = 0; i < names.length; i++) {
      if (names[i] == null) {
        continue;
      }
      int slot = spread(names[i].hashCode()) & mask;
      while (keys[slot] != null) {
        slot = (slot + 1) & mask;
      }
      keys[slot] = names[i];
      positions[slot] = i;
    }
  }

  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }

  /** The position of {@code name} (case-insensitively), or -1. */
  int find(String name) {
    int slot = spread(name.hashCode()) & mask;
    String key;
    while ((key = keys[slot]) != null) {
      if (key.equals(name)) {
        return positions[slot];
      }
      slot = (slot + 1) & mask;
    }
    for (int i = 0; i < names.length; i++) {
      if (names[i] != null && names[i].equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }
}
