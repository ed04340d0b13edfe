package io.driftway.schemaevolution.types;

import java.util.Locale;

/**
 * The one rule for field names, because Glue, Athena and Hive compare column names ignoring case:
 *
 * <ol>
 *   <li>Names match case-insensitively ({@link #key}: lower case in the root locale). {@code
 *       userId} and {@code userid} are the same field; a struct never holds both.
 *   <li>A column that already exists in a table keeps its spelling: a record spelling it another
 *       way writes into it and never renames it.
 *   <li>When spellings of a field new to the table differ, the merge keeps the {@linkplain
 *       #preferred preferred} one: at the first character where they differ, lower case wins
 *       ({@code userid} over {@code userId} over {@code UserId} over {@code USERID}). It is a total
 *       order, so the merge stays commutative and associative.
 * </ol>
 */
public final class FieldNames {

  private FieldNames() {}

  /** The case-insensitive key of a name. */
  public static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** The spelling the merge keeps when two spellings of one name meet. */
  public static String preferred(String a, String b) {
    return compareSpelling(a, b) <= 0 ? a : b;
  }

  /** Orders spellings of the same name: lower case first at the first difference. */
  static int compareSpelling(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        boolean xLower = Character.isLowerCase(x);
        boolean yLower = Character.isLowerCase(y);
        if (xLower != yLower) {
          return xLower ? -1 : 1;
        }
        return Character.compare(x, y);
      }
    }
    return Integer.compare(a.length(), b.length());
  }
}
