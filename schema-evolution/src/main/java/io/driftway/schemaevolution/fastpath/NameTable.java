package io.driftway.schemaevolution.fastpath;

/**
 * Field name to column position, by open addressing: first on the exact name's hash (cached in the
 * {@link String}), then on a case-insensitive hash, so a spelling that differs in case and a name
 * the table does not have are found or refused without scanning every column.
 */
final class NameTable {

  private final String[] names;
  private final int[] exact;
  private final int[] folded;
  private final int mask;

  NameTable(String[] names) {
    this.names = names.clone();
    int capacity = Integer.highestOneBit(Math.max(4, names.length * 4) - 1) << 1;
    this.exact = new int[capacity];
    this.folded = new int[capacity];
    this.mask = capacity - 1;
    for (int i = 0; i < names.length; i++) {
      put(exact, spread(names[i].hashCode()), i);
      put(folded, foldedHash(names[i]), i);
    }
  }

  private void put(int[] slots, int hash, int position) {
    int slot = hash & mask;
    while (slots[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    slots[slot] = position + 1;
  }

  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }

  /** Equal for any two names {@link String#equalsIgnoreCase} finds equal. */
  private static int foldedHash(String name) {
    int h = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      h = 31 * h + (c < 128 ? (c >= 'A' && c <= 'Z' ? c + 32 : c) : foldUnicode(c));
    }
    return spread(h);
  }

  private static int foldUnicode(char c) {
    return Character.toLowerCase(Character.toUpperCase(c));
  }

  /** The position of {@code name} (case-insensitively), or -1. */
  int find(String name) {
    int slot = spread(name.hashCode()) & mask;
    int entry;
    while ((entry = exact[slot]) != 0) {
      if (names[entry - 1].equals(name)) {
        return entry - 1;
      }
      slot = (slot + 1) & mask;
    }
    slot = foldedHash(name) & mask;
    while ((entry = folded[slot]) != 0) {
      if (names[entry - 1].equalsIgnoreCase(name)) {
        return entry - 1;
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }
}
