package io.driftway.catalogbridge.expression;

import io.driftway.catalogbridge.model.GlueException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A recursive-descent parser for Glue's partition expression: a SQL WHERE clause over partition
 * keys. Precedence, loosest first: OR, AND, NOT, then one predicate.
 */
final class Parser {

  private enum Kind {
    IDENT,
    QUOTED_IDENT,
    STRING,
    NUMBER,
    SYMBOL,
    END
  }

  private record Token(Kind kind, String text, int position) {

    boolean isKeyword(String keyword) {
      return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
    }

    boolean isSymbol(String symbol) {
      return kind == Kind.SYMBOL && text.equals(symbol);
    }
  }

  private final String source;
  private final List<Token> tokens;
  private int next;

  Parser(String source) {
    this.source = source;
    this.tokens = tokenize(source);
  }

  Expr parse() {
    Expr expr = parseOr();
    Token end = peek();
    if (end.kind() != Kind.END) {
      throw error("unexpected '" + end.text() + "'", end);
    }
    return expr;
  }

  private Expr parseOr() {
    Expr left = parseAnd();
    while (peek().isKeyword("OR")) {
      next++;
      left = new Expr.Or(left, parseAnd());
    }
    return left;
  }

  private Expr parseAnd() {
    Expr left = parseNot();
    while (peek().isKeyword("AND")) {
      next++;
      left = new Expr.And(left, parseNot());
    }
    return left;
  }

  private Expr parseNot() {
    if (peek().isKeyword("NOT")) {
      next++;
      return new Expr.Not(parseNot());
    }
    return parsePrimary();
  }

  private Expr parsePrimary() {
    Token token = peek();
    if (token.isSymbol("(")) {
      next++;
      Expr inner = parseOr();
      expectSymbol(")");
      return inner;
    }
    if (token.kind() == Kind.STRING || token.kind() == Kind.NUMBER) {
      // A literal first: only "literal <op> column" makes sense, e.g. '2024' <= year.
      Expr.Literal literal = literal();
      Token opToken = peek();
      Expr.Op op = comparison(opToken);
      if (op == null) {
        throw error("expected a comparison operator after a value", opToken);
      }
      next++;
      String column = column();
      return new Expr.Compare(column, op.flipped(), literal);
    }
    String column = column();
    Token after = peek();
    Expr.Op op = comparison(after);
    if (op != null) {
      next++;
      return new Expr.Compare(column, op, literal());
    }
    boolean negated = false;
    if (after.isKeyword("NOT")) {
      negated = true;
      next++;
      after = peek();
    }
    if (after.isKeyword("IN")) {
      next++;
      expectSymbol("(");
      List<Expr.Literal> values = new ArrayList<>();
      values.add(literal());
      while (peek().isSymbol(",")) {
        next++;
        values.add(literal());
      }
      expectSymbol(")");
      return new Expr.In(column, values, negated);
    }
    if (after.isKeyword("BETWEEN")) {
      next++;
      Expr.Literal low = literal();
      expectKeyword("AND");
      Expr.Literal high = literal();
      return new Expr.Between(column, low, high, negated);
    }
    if (after.isKeyword("LIKE")) {
      next++;
      return new Expr.Like(column, literal(), negated);
    }
    if (!negated && after.isKeyword("IS")) {
      next++;
      boolean isNot = false;
      if (peek().isKeyword("NOT")) {
        isNot = true;
        next++;
      }
      expectKeyword("NULL");
      return new Expr.IsNull(column, isNot);
    }
    throw error("expected =, <>, <, >, <=, >=, IN, BETWEEN, LIKE or IS after " + column, after);
  }

  private static Expr.Op comparison(Token token) {
    if (token.kind() != Kind.SYMBOL) {
      return null;
    }
    return switch (token.text()) {
      case "=", "==" -> Expr.Op.EQ;
      case "<>", "!=" -> Expr.Op.NE;
      case "<" -> Expr.Op.LT;
      case "<=" -> Expr.Op.LE;
      case ">" -> Expr.Op.GT;
      case ">=" -> Expr.Op.GE;
      default -> null;
    };
  }

  private String column() {
    Token token = peek();
    if (token.kind() == Kind.QUOTED_IDENT) {
      next++;
      return token.text();
    }
    if (token.kind() == Kind.IDENT && !isReserved(token.text())) {
      next++;
      return token.text();
    }
    throw error("expected a partition key name", token);
  }

  private Expr.Literal literal() {
    Token token = peek();
    if (token.kind() == Kind.STRING) {
      next++;
      return new Expr.Literal(token.text(), true);
    }
    if (token.kind() == Kind.NUMBER) {
      next++;
      return new Expr.Literal(token.text(), false);
    }
    if (token.isSymbol("-") && tokens.get(next + 1).kind() == Kind.NUMBER) {
      next += 2;
      return new Expr.Literal("-" + tokens.get(next - 1).text(), false);
    }
    throw error("expected a value (a quoted string or a number)", token);
  }

  private void expectSymbol(String symbol) {
    Token token = peek();
    if (!token.isSymbol(symbol)) {
      throw error("expected '" + symbol + "'", token);
    }
    next++;
  }

  private void expectKeyword(String keyword) {
    Token token = peek();
    if (!token.isKeyword(keyword)) {
      throw error("expected " + keyword, token);
    }
    next++;
  }

  private Token peek() {
    return tokens.get(next);
  }

  private static boolean isReserved(String word) {
    return switch (word.toUpperCase(Locale.ROOT)) {
      case "AND", "OR", "NOT", "IN", "BETWEEN", "LIKE", "IS", "NULL" -> true;
      default -> false;
    };
  }

  private GlueException error(String reason, Token at) {
    String where = at.kind() == Kind.END ? "end" : "position " + (at.position() + 1);
    return GlueException.invalidInput(
        "Cannot parse partition expression: " + reason + " at " + where + ": " + source);
  }

  private List<Token> tokenize(String text) {
    List<Token> result = new ArrayList<>();
    int i = 0;
    int length = text.length();
    while (i < length) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'') {
        StringBuilder value = new StringBuilder();
        int start = i++;
        boolean closed = false;
        while (i < length) {
          char d = text.charAt(i);
          if (d == '\'') {
            if (i + 1 < length && text.charAt(i + 1) == '\'') {
              value.append('\'');
              i += 2;
              continue;
            }
            closed = true;
            i++;
            break;
          }
          value.append(d);
          i++;
        }
        if (!closed) {
          throw error("unterminated string", new Token(Kind.STRING, "", start));
        }
        result.add(new Token(Kind.STRING, value.toString(), start));
      } else if (c == '`' || c == '"') {
        int start = i;
        int close = text.indexOf(c, i + 1);
        if (close < 0) {
          throw error("unterminated quoted name", new Token(Kind.QUOTED_IDENT, "", start));
        }
        result.add(new Token(Kind.QUOTED_IDENT, text.substring(i + 1, close), start));
        i = close + 1;
      } else if (Character.isDigit(c)
          || (c == '.' && i + 1 < length && Character.isDigit(text.charAt(i + 1)))) {
        int start = i;
        while (i < length && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
          i++;
        }
        result.add(new Token(Kind.NUMBER, text.substring(start, i), start));
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < length
            && (Character.isLetterOrDigit(text.charAt(i))
                || text.charAt(i) == '_'
                || text.charAt(i) == '$')) {
          i++;
        }
        result.add(new Token(Kind.IDENT, text.substring(start, i), start));
      } else {
        int start = i;
        String two = i + 1 < length ? text.substring(i, i + 2) : "";
        if (two.equals("<=")
            || two.equals(">=")
            || two.equals("<>")
            || two.equals("!=")
            || two.equals("==")) {
          result.add(new Token(Kind.SYMBOL, two, start));
          i += 2;
        } else if ("=<>(),-".indexOf(c) >= 0) {
          result.add(new Token(Kind.SYMBOL, String.valueOf(c), start));
          i++;
        } else {
          throw error("unexpected character '" + c + "'", new Token(Kind.SYMBOL, "", start));
        }
      }
    }
    result.add(new Token(Kind.END, "", length));
    return result;
  }
}
