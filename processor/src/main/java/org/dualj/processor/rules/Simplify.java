package org.dualj.processor.rules;

import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.Types;

/**
 * Folds the constant parts of a filled-in tangent template, so that {@code Math.pow(x, 3)} gets
 * the tangent {@code 3 * Math.pow(x, 2.0) * x_dot} rather than a test of {@code 3 == 0.0}.
 * Only {@code double} arithmetic on literals is folded, which is exactly what Java evaluates.
 */
final class Simplify {
  private Simplify() {}

  static Expr fold(Expr e) {
    Expr x = Exprs.mapChildren(e, Simplify::fold);
    try {
      return foldNode(x);
    } catch (ArithmeticException nonFinite) {
      return x;
    }
  }

  private static Expr foldNode(Expr x) {
    if (x instanceof Expr.Binary b
        && number(b.left()) != null
        && number(b.right()) != null
        && (isDouble(b.left()) || isDouble(b.right()))) {
      double l = number(b.left());
      double r = number(b.right());
      switch (b.op()) {
        case "+":
          return literal(l + r);
        case "-":
          return literal(l - r);
        case "*":
          return literal(l * r);
        case "/":
          return literal(l / r);
        case "==":
          return new Expr.Literal(String.valueOf(l == r), Types.BOOLEAN);
        default:
          return x;
      }
    }
    if (x instanceof Expr.Conditional c && c.cond() instanceof Expr.Literal l) {
      if (l.code().equals("true")) {
        return c.whenTrue();
      }
      if (l.code().equals("false")) {
        return c.whenFalse();
      }
    }
    return x;
  }

  private static boolean isDouble(Expr e) {
    return Types.DOUBLE.equals(e.type());
  }

  /** The value of an int or double literal, or null. */
  private static Double number(Expr e) {
    if (!(e instanceof Expr.Literal l)
        || !(Types.DOUBLE.equals(l.type()) || Types.INT.equals(l.type()))) {
      return null;
    }
    try {
      return Double.parseDouble(l.code());
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  private static Expr literal(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new ArithmeticException("non-finite constant");
    }
    return new Expr.Literal(Double.toString(v), Types.DOUBLE);
  }
}
