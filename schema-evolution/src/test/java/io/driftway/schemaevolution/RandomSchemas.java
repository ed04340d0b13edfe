package io.driftway.schemaevolution;

import io.driftway.schemaevolution.types.ChoiceType;
import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.DecimalType;
import io.driftway.schemaevolution.types.Field;
import io.driftway.schemaevolution.types.ListType;
import io.driftway.schemaevolution.types.MapType;
import io.driftway.schemaevolution.types.PrimitiveType;
import io.driftway.schemaevolution.types.StructType;
import io.driftway.schemaevolution.types.Widening;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Random nested schemas and JSON records for property tests. */
public final class RandomSchemas {

  /** Names that collide ignoring case, so the case rule is exercised. */
  private static final String[] NAMES = {
    "a", "b", "id", "Id", "ID", "userId", "userid", "price", "items", "x", "Tags", "tags"
  };

  private static final DataType[] PRIMITIVES = {
    PrimitiveType.NULL,
    PrimitiveType.BOOLEAN,
    PrimitiveType.INT,
    PrimitiveType.LONG,
    PrimitiveType.FLOAT,
    PrimitiveType.DOUBLE,
    DecimalType.of(5, 2),
    DecimalType.of(9, 2),
    DecimalType.of(10, 0),
    PrimitiveType.STRING,
    PrimitiveType.BINARY,
    PrimitiveType.DATE,
    PrimitiveType.TIMESTAMP,
    PrimitiveType.TIMESTAMPTZ,
    PrimitiveType.UUID
  };

  private RandomSchemas() {}

  /** Random record schemas up to three levels deep. */
  public static Arbitrary<StructType> structs() {
    return Arbitraries.randomValue(random -> struct(random, 3, true));
  }

  /** A random struct. */
  public static StructType struct(Random random, int depth, boolean allowCaseVariants) {
    int size = random.nextInt(5);
    List<Field> fields = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < size; i++) {
      String name = NAMES[random.nextInt(allowCaseVariants ? NAMES.length : 3) % NAMES.length];
      if (!allowCaseVariants) {
        name = "f" + random.nextInt(6);
      }
      if (!keys.add(name.toLowerCase(java.util.Locale.ROOT))) {
        continue;
      }
      fields.add(new Field(name, type(random, depth - 1, allowCaseVariants), random.nextBoolean()));
    }
    return StructType.of(fields);
  }

  /** A random type. */
  public static DataType type(Random random, int depth, boolean allowCaseVariants) {
    int pick = random.nextInt(depth > 0 ? 20 : 15);
    if (pick < 15) {
      return PRIMITIVES[pick];
    }
    return switch (pick) {
      case 15, 16 -> struct(random, depth, allowCaseVariants);
      case 17 -> new ListType(type(random, depth - 1, allowCaseVariants), random.nextBoolean());
      case 18 ->
          new MapType(
              random.nextBoolean() ? PrimitiveType.STRING : PrimitiveType.INT,
              type(random, depth - 1, allowCaseVariants),
              random.nextBoolean());
      default -> choice(random, depth, allowCaseVariants);
    };
  }

  private static DataType choice(Random random, int depth, boolean allowCaseVariants) {
    List<DataType> alternatives = new ArrayList<>();
    Set<String> classes = new HashSet<>();
    for (int i = 0; i < 2 + random.nextInt(2); i++) {
      DataType alternative = type(random, depth - 1, allowCaseVariants);
      if (alternative.kind() != io.driftway.schemaevolution.types.TypeKind.NULL
          && alternative.kind() != io.driftway.schemaevolution.types.TypeKind.CHOICE
          && classes.add(Widening.joinClass(alternative))) {
        alternatives.add(alternative);
      }
    }
    return alternatives.size() < 2 ? PrimitiveType.STRING : ChoiceType.of(alternatives);
  }
}
