package io.driftway.catalogbridge.expression;

import io.driftway.catalogbridge.model.Column;
import io.driftway.catalogbridge.model.GlueException;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Types a parsed expression against a table's partition keys and turns it into a filter. */
final class Binder {

  /** How Hive (and so Glue crawlers and Spark) write a null partition value. */
  static final String HIVE_NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__";

  private final List<Column> keys;

  Binder(List<Column> keys) {
    this.keys = keys == null ? List.of() : List.copyOf(keys);
  }

  PartitionFilter bind(Expr expr) {
    if (expr instanceof Expr.And and) {
      PartitionFilter left = bind(and.left());
      PartitionFilter right = bind(and.right());
      return values -> left.matches(values) && right.matches(values);
    }
    if (expr instanceof Expr.Or or) {
      PartitionFilter left = bind(or.left());
      PartitionFilter right = bind(or.right());
      return values -> left.matches(values) || right.matches(values);
    }
    if (expr instanceof Expr.Not not) {
      PartitionFilter inner = bind(not.inner());
      return values -> !inner.matches(values);
    }
    if (expr instanceof Expr.Compare compare) {
      Key key = key(compare.column());
      Object literal = key.literal(compare.value());
      Expr.Op op = compare.op();
      return values -> {
        Object value = key.value(values);
        if (value == null) {
          return false;
        }
        int order = key.type().compare(value, literal);
        return switch (op) {
          case EQ -> order == 0;
          case NE -> order != 0;
          case LT -> order < 0;
          case LE -> order <= 0;
          case GT -> order > 0;
          case GE -> order >= 0;
        };
      };
    }
    if (expr instanceof Expr.In in) {
      Key key = key(in.column());
      List<Object> literals = new ArrayList<>();
      for (Expr.Literal literal : in.values()) {
        literals.add(key.literal(literal));
      }
      boolean negated = in.negated();
      return values -> {
        Object value = key.value(values);
        if (value == null) {
          return false;
        }
        boolean found = false;
        for (Object literal : literals) {
          if (key.type().compare(value, literal) == 0) {
            found = true;
            break;
          }
        }
        return found != negated;
      };
    }
    if (expr instanceof Expr.Between between) {
      Key key = key(between.column());
      Object low = key.literal(between.low());
      Object high = key.literal(between.high());
      boolean negated = between.negated();
      return values -> {
        Object value = key.value(values);
        if (value == null) {
          return false;
        }
        boolean inside =
            key.type().compare(value, low) >= 0 && key.type().compare(value, high) <= 0;
        return inside != negated;
      };
    }
    if (expr instanceof Expr.Like like) {
      Key key = key(like.column());
      Pattern pattern = likePattern(like.pattern().text());
      boolean negated = like.negated();
      return values -> {
        String raw = key.raw(values);
        if (raw == null) {
          return false;
        }
        return pattern.matcher(raw).matches() != negated;
      };
    }
    if (expr instanceof Expr.IsNull isNull) {
      Key key = key(isNull.column());
      boolean negated = isNull.negated();
      return values -> (key.raw(values) == null) != negated;
    }
    throw new IllegalStateException("Cannot bind partition expression: unknown node: " + expr);
  }

  private Key key(String name) {
    for (int i = 0; i < keys.size(); i++) {
      Column column = keys.get(i);
      if (column.name() != null && column.name().equalsIgnoreCase(name)) {
        KeyType type = KeyType.of(column.type());
        if (type == null) {
          throw GlueException.invalidInput(
              "Cannot filter partitions: partition key type "
                  + column.type()
                  + " is not supported in expressions (string, date, timestamp, int, bigint, long,"
                  + " tinyint, smallint, decimal): "
                  + column.name());
        }
        return new Key(column.name(), i, type);
      }
    }
    List<String> names = new ArrayList<>();
    for (Column column : keys) {
      names.add(column.name());
    }
    throw GlueException.invalidInput(
        "Cannot filter partitions: unknown partition key (keys are " + names + "): " + name);
  }

  /** SQL LIKE: {@code %} any run, {@code _} one character, everything else literal. */
  private static Pattern likePattern(String like) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < like.length(); i++) {
      char c = like.charAt(i);
      if (c == '%' || c == '_') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '%' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  /** One partition key: where its value sits and how it is typed. */
  private record Key(String name, int index, KeyType type) {

    String raw(List<String> values) {
      if (index >= values.size()) {
        return null;
      }
      String value = values.get(index);
      return value == null || HIVE_NULL_PARTITION.equals(value) ? null : value;
    }

    /** The typed value, or null when absent or not of the key's type (never matches then). */
    Object value(List<String> values) {
      String raw = raw(values);
      if (raw == null) {
        return null;
      }
      try {
        return type.parse(raw);
      } catch (NumberFormatException | DateTimeParseException e) {
        return null;
      }
    }

    Object literal(Expr.Literal literal) {
      try {
        return type.parse(literal.text());
      } catch (NumberFormatException | DateTimeParseException e) {
        throw GlueException.invalidInput(
            "Cannot filter partitions: '"
                + literal.text()
                + "' is not a valid "
                + type.name().toLowerCase(Locale.ROOT)
                + " value for partition key: "
                + name);
      }
    }
  }
}
