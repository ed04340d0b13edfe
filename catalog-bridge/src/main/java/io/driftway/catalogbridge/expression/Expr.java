package io.driftway.catalogbridge.expression;

import java.util.List;

/** The parsed form of a partition expression, before it is typed against partition keys. */
sealed interface Expr {

  /** A literal as written: a quoted string or a number (kept as text until typed). */
  record Literal(String text, boolean quoted) {}

  enum Op {
    EQ("="),
    NE("<>"),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    /** The operator seen from the other side: {@code 5 < x} is {@code x > 5}. */
    Op flipped() {
      return switch (this) {
        case LT -> GT;
        case LE -> GE;
        case GT -> LT;
        case GE -> LE;
        default -> this;
      };
    }
  }

  record And(Expr left, Expr right) implements Expr {}

  record Or(Expr left, Expr right) implements Expr {}

  record Not(Expr inner) implements Expr {}

  record Compare(String column, Op op, Literal value) implements Expr {}

  record In(String column, List<Literal> values, boolean negated) implements Expr {
    public In {
      values = List.copyOf(values);
    }
  }

  record Between(String column, Literal low, Literal high, boolean negated) implements Expr {}

  record Like(String column, Literal pattern, boolean negated) implements Expr {}

  record IsNull(String column, boolean negated) implements Expr {}
}
