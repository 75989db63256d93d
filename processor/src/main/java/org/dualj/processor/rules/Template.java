package org.dualj.processor.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dualj.processor.model.Elementary;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.Types;

/**
 * Parses the tangent table's template strings into model expressions and fills in their
 * placeholders.
 *
 * <p>Grammar (enough for the table): ternary {@code ?:}, comparisons, {@code + - * /}, unary
 * minus, parentheses, decimal literals, {@code $0 $1 $2 $v} and {@code Math.name(args)} where
 * {@code name} is an {@link Elementary} function.
 */
final class Template {
  private static final Map<String, Expr> CACHE = new ConcurrentHashMap<>();

  private final String src;
  private int pos;

  private Template(String src) {
    this.src = src;
  }

  /** The parsed template with placeholders {@code $0..$2} and {@code $v} as variables. */
  static Expr parse(String template) {
    return CACHE.computeIfAbsent(template, t -> new Template(t).parseAll());
  }

  /** Replaces the placeholders by the given atoms. */
  static Expr fill(Expr e, List<Expr> args, Expr result) {
    if (e instanceof Expr.Var v && v.name().equals("$v")) {
      return result;
    } else if (e instanceof Expr.Var v && v.name().startsWith("$")) {
      return args.get(Integer.parseInt(v.name().substring(1)));
    }
    return Exprs.mapChildren(e, x -> fill(x, args, result));
  }

  private Expr parseAll() {
    Expr e = ternary();
    skipSpaces();
    if (pos != src.length()) {
      throw error("trailing input");
    }
    return e;
  }

  private Expr ternary() {
    Expr cond = comparison();
    if (accept("?")) {
      Expr a = ternary();
      expect(":");
      Expr b = ternary();
      return new Expr.Conditional(cond, a, b, Types.DOUBLE);
    }
    return cond;
  }

  private Expr comparison() {
    Expr left = additive();
    for (String op : new String[] {"==", "<=", ">=", "<", ">"}) {
      if (accept(op)) {
        return new Expr.Binary(op, left, additive(), Types.BOOLEAN);
      }
    }
    return left;
  }

  private Expr additive() {
    Expr left = multiplicative();
    while (true) {
      if (accept("+")) {
        left = new Expr.Binary("+", left, multiplicative(), Types.DOUBLE);
      } else if (accept("-")) {
        left = new Expr.Binary("-", left, multiplicative(), Types.DOUBLE);
      } else {
        return left;
      }
    }
  }

  private Expr multiplicative() {
    Expr left = unary();
    while (true) {
      if (accept("*")) {
        left = new Expr.Binary("*", left, unary(), Types.DOUBLE);
      } else if (accept("/")) {
        left = new Expr.Binary("/", left, unary(), Types.DOUBLE);
      } else {
        return left;
      }
    }
  }

  private Expr unary() {
    if (accept("-")) {
      return new Expr.Unary("-", unary(), Types.DOUBLE);
    }
    return primary();
  }

  private Expr primary() {
    skipSpaces();
    if (accept("(")) {
      Expr e = ternary();
      expect(")");
      return e;
    }
    if (accept("$")) {
      char c = src.charAt(pos++);
      return new Expr.Var("$" + c, Types.DOUBLE);
    }
    if (accept("Math.")) {
      int start = pos;
      while (pos < src.length() && Character.isJavaIdentifierPart(src.charAt(pos))) {
        pos++;
      }
      String name = src.substring(start, pos);
      expect("(");
      List<Expr> args = new ArrayList<>();
      if (!accept(")")) {
        do {
          args.add(ternary());
        } while (accept(","));
        expect(")");
      }
      Elementary fn =
          Elementary.mathFunction(name, args.size())
              .orElseThrow(() -> error("no table entry Math." + name));
      return new Expr.MathCall(Types.MATH, fn, args, Types.DOUBLE);
    }
    int start = pos;
    while (pos < src.length()
        && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
      pos++;
    }
    if (start == pos) {
      throw error("expected a term");
    }
    return new Expr.Literal(src.substring(start, pos), Types.DOUBLE);
  }

  private void skipSpaces() {
    while (pos < src.length() && src.charAt(pos) == ' ') {
      pos++;
    }
  }

  private boolean accept(String token) {
    skipSpaces();
    if (src.startsWith(token, pos)) {
      pos += token.length();
      return true;
    }
    return false;
  }

  private void expect(String token) {
    if (!accept(token)) {
      throw error("expected '" + token + "'");
    }
  }

  private IllegalStateException error(String what) {
    return new IllegalStateException(what + " at " + pos + " in tangent template: " + src);
  }
}
