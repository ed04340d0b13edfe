package io.driftway.schemaevolution.types;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a type from text: our names ({@code long}, {@code timestamptz}, {@code decimal(12,2)},
 * {@code array<string>}, {@code map<string,long>}, {@code struct<a:int>}, {@code
 * choice<long,string>}) and the Glue/Hive names ({@code bigint}, {@code integer}, {@code smallint},
 * {@code tinyint}, {@code real}, {@code varchar(10)}, {@code char(3)}, {@code uniontype<...>}).
 * Struct field names may be quoted with backticks.
 *
 * <pre>{@code
 * DataType amount = TypeParser.parse("decimal(12,2)");
 * DataType tags = TypeParser.parse("map<string,array<bigint>>");
 * }</pre>
 */
public final class TypeParser {

  private final String text;
  private int pos;

  private TypeParser(String text) {
    this.text = text;
  }

  /** Parses one type; the whole text must be consumed. */
  public static DataType parse(String text) {
    TypeParser parser = new TypeParser(text);
    DataType type = parser.type();
    parser.skipSpaces();
    if (parser.pos != text.length()) {
      throw parser.error("unexpected text after the type at offset " + parser.pos);
    }
    return type;
  }

  private IllegalArgumentException error(String reason) {
    return new IllegalArgumentException("Cannot parse type: " + reason + ": " + text);
  }

  private void skipSpaces() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private String word() {
    skipSpaces();
    int start = pos;
    while (pos < text.length()
        && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    if (start == pos) {
      throw error("expected a type name at offset " + start);
    }
    return text.substring(start, pos);
  }

  private boolean peek(char c) {
    skipSpaces();
    return pos < text.length() && text.charAt(pos) == c;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw error("expected '" + c + "' at offset " + pos);
    }
    pos++;
  }

  private int number() {
    skipSpaces();
    int start = pos;
    while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
      pos++;
    }
    if (start == pos) {
      throw error("expected a number at offset " + start);
    }
    return Integer.parseInt(text.substring(start, pos));
  }

  private DataType type() {
    String name = word().toLowerCase(Locale.ROOT);
    return switch (name) {
      case "null", "void" -> PrimitiveType.NULL;
      case "boolean", "bool" -> PrimitiveType.BOOLEAN;
      case "int", "integer", "smallint", "tinyint", "int32" -> PrimitiveType.INT;
      case "long", "bigint", "int64" -> PrimitiveType.LONG;
      case "float", "real" -> PrimitiveType.FLOAT;
      case "double" -> PrimitiveType.DOUBLE;
      case "string", "text" -> PrimitiveType.STRING;
      case "varchar", "char" -> {
        if (peek('(')) {
          expect('(');
          number();
          expect(')');
        }
        yield PrimitiveType.STRING;
      }
      case "binary", "bytes", "fixed" -> PrimitiveType.BINARY;
      case "date" -> PrimitiveType.DATE;
      case "time" -> PrimitiveType.TIME;
      case "timestamp", "timestamp_ntz" -> PrimitiveType.TIMESTAMP;
      case "timestamptz", "timestamp_ltz" -> PrimitiveType.TIMESTAMPTZ;
      case "uuid" -> PrimitiveType.UUID;
      case "decimal", "numeric" -> decimal();
      case "array", "list" -> {
        expect('<');
        DataType element = type();
        expect('>');
        yield ListType.of(element);
      }
      case "map" -> map();
      case "struct" -> struct();
      case "choice", "uniontype" -> choice();
      default -> throw error("unknown type name '" + name + "'");
    };
  }

  private DataType decimal() {
    if (!peek('(')) {
      return DecimalType.of(10, 0);
    }
    expect('(');
    int precision = number();
    int scale = 0;
    if (peek(',')) {
      expect(',');
      scale = number();
    }
    expect(')');
    try {
      return DecimalType.of(precision, scale);
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage(), e);
    }
  }

  private DataType map() {
    expect('<');
    DataType key = type();
    expect(',');
    DataType value = type();
    expect('>');
    if (!key.isPrimitive() || key.kind() == TypeKind.NULL) {
      throw error("map keys must be a primitive type");
    }
    return MapType.of(key, value);
  }

  private DataType choice() {
    expect('<');
    List<DataType> alternatives = new ArrayList<>();
    alternatives.add(type());
    while (peek(',')) {
      expect(',');
      alternatives.add(type());
    }
    expect('>');
    try {
      return ChoiceType.of(alternatives);
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage(), e);
    }
  }

  private IllegalArgumentException error(String reason, Exception cause) {
    IllegalArgumentException e = error(reason);
    e.initCause(cause);
    return e;
  }

  private DataType struct() {
    expect('<');
    List<Field> fields = new ArrayList<>();
    if (!peek('>')) {
      do {
        if (!fields.isEmpty()) {
          expect(',');
        }
        String name = fieldName();
        expect(':');
        fields.add(Field.optional(name, type()));
      } while (peek(','));
    }
    expect('>');
    try {
      return StructType.of(fields);
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage(), e);
    }
  }

  private String fieldName() {
    skipSpaces();
    if (peek('`')) {
      pos++;
      StringBuilder name = new StringBuilder();
      while (true) {
        if (pos >= text.length()) {
          throw error("unterminated quoted field name");
        }
        char c = text.charAt(pos++);
        if (c == '`') {
          if (pos < text.length() && text.charAt(pos) == '`') {
            name.append('`');
            pos++;
          } else {
            break;
          }
        } else {
          name.append(c);
        }
      }
      return name.toString();
    }
    int start = pos;
    while (pos < text.length() && text.charAt(pos) != ':' && text.charAt(pos) != '>') {
      pos++;
    }
    String name = text.substring(start, pos).trim();
    if (name.isEmpty()) {
      throw error("expected a field name at offset " + start);
    }
    return name;
  }
}
