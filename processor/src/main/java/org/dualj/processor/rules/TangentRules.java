package org.dualj.processor.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dualj.processor.model.Elementary;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Types;
import org.dualj.processor.rules.TangentTable.Partial;
import org.dualj.processor.rules.TangentTable.Rule;

/**
 * Builds the tangent expression of one elementary operation from its row of {@link TangentTable}.
 *
 * <p>Arguments and result are atoms (variables or literals), so a template may mention them more
 * than once. Terms whose partials share a divisor are summed before one division.
 */
public final class TangentRules {
  private static final Expr ZERO = new Expr.Literal("0.0", Types.DOUBLE);
  private static final Expr ONE = new Expr.Literal("1.0", Types.DOUBLE);

  private TangentRules() {}

  /**
   * The tangent of {@code fn(args)}.
   *
   * @param args the arguments' values (atoms)
   * @param result the result's value (an atom, already computed when the tangent is evaluated)
   * @param tangents each argument's tangent, or null where the argument is inactive
   * @return the tangent expression, or null when no argument with a nonzero partial is active
   */
  public static Expr tangent(Elementary fn, List<Expr> args, Expr result, List<Expr> tangents) {
    Expr t = raw(fn, args, result, tangents);
    return t == null ? null : Simplify.fold(t);
  }

  private static Expr raw(Elementary fn, List<Expr> args, Expr result, List<Expr> tangents) {
    Rule rule = TangentTable.of(fn);
    return switch (rule.kind()) {
      case ZERO -> null;
      case SELECT -> select(rule, args, result, tangents);
      case LINEAR -> linear(rule, args, result, tangents);
    };
  }

  /** True when the tangent refers to the result's value, so the value must be computed first. */
  public static boolean usesResult(Elementary fn) {
    Rule rule = TangentTable.of(fn);
    if (rule.kind() != TangentTable.Kind.LINEAR) {
      return false;
    }
    for (int i = 0; i < fn.arity(); i++) {
      Partial p = rule.partial(i);
      if (p != null
          && (TangentTable.expand(rule, p.numerator()).contains("$v")
              || (p.divisor() != null && TangentTable.expand(rule, p.divisor()).contains("$v")))) {
        return true;
      }
    }
    return false;
  }

  private static Expr select(Rule rule, List<Expr> args, Expr result, List<Expr> tangents) {
    if (tangents.get(0) == null && tangents.get(1) == null) {
      return null;
    }
    Expr cond = filled(rule, rule.condition(), args, result);
    return new Expr.Conditional(
        cond, orZero(tangents.get(0)), orZero(tangents.get(1)), Types.DOUBLE);
  }

  /** The row's template, its named parts written out, with the arguments and result filled in. */
  private static Expr filled(Rule rule, String template, List<Expr> args, Expr result) {
    return Template.fill(Template.parse(TangentTable.expand(rule, template)), args, result);
  }

  private static Expr orZero(Expr e) {
    return e == null ? ZERO : e;
  }

  private static Expr linear(Rule rule, List<Expr> args, Expr result, List<Expr> tangents) {
    if (rule.fn() == Elementary.GUARDED_PRODUCT) {
      return guardedProductTangent(args, tangents);
    }
    // divisor (null for none) -> signed terms, in order of first appearance
    Map<Expr, List<Term>> groups = new LinkedHashMap<>();
    List<Term> undivided = new ArrayList<>();
    for (int i = 0; i < rule.fn().arity(); i++) {
      Partial p = rule.partial(i);
      Expr t = tangents.get(i);
      if (p == null || t == null) {
        continue;
      }
      Expr numerator = filled(rule, p.numerator(), args, result);
      if (p.guarded()) {
        // times(t, partial): exactly 0 where t is 0, even where the partial (divisor included)
        // is infinite or NaN
        Expr partial = numerator;
        if (p.divisor() != null) {
          partial = div(partial, filled(rule, p.divisor(), args, result));
        }
        undivided.add(new Term(false, guardedProduct(t, partial)));
        continue;
      }
      Term term = term(numerator, t);
      if (p.divisor() == null) {
        undivided.add(term);
      } else {
        Expr divisor = filled(rule, p.divisor(), args, result);
        groups.computeIfAbsent(divisor, d -> new ArrayList<>()).add(term);
      }
    }
    List<Term> all = new ArrayList<>(undivided);
    for (Map.Entry<Expr, List<Term>> g : groups.entrySet()) {
      List<Term> terms = g.getValue();
      if (terms.size() == 1) {
        Term only = terms.get(0);
        all.add(new Term(only.negative(), div(only.expr(), g.getKey())));
      } else {
        all.add(new Term(false, div(sum(terms), g.getKey())));
      }
    }
    return all.isEmpty() ? null : sum(all);
  }

  /** {@code Terms.times(t, p)}, or 0 for a literal zero factor. */
  public static Expr guardedProduct(Expr t, Expr p) {
    if (t.equals(ZERO) || p.equals(ZERO)) {
      return ZERO;
    }
    return new Expr.MathCall(TERMS, Elementary.GUARDED_PRODUCT, List.of(t, p), Types.DOUBLE);
  }

  /**
   * The tangent of {@code times(t, p)}: {@code times(ṫ, p) + times(t, ṗ)}, each term 0 where its
   * zero factor is, so that a second derivative through a guarded term is p·ẗ where t is 0.
   */
  private static Expr guardedProductTangent(List<Expr> args, List<Expr> tangents) {
    Expr a = tangents.get(0) == null ? null : guardedProduct(tangents.get(0), args.get(1));
    Expr b = tangents.get(1) == null ? null : guardedProduct(args.get(0), tangents.get(1));
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    return new Expr.Binary("+", a, b, Types.DOUBLE);
  }

  private static final com.palantir.javapoet.ClassName TERMS =
      com.palantir.javapoet.ClassName.bestGuess(Elementary.TERMS_CLASS);

  private static Expr div(Expr a, Expr b) {
    return new Expr.Binary("/", a, b, Types.DOUBLE);
  }

  /** A term {@code ± expr}; keeping the sign apart lets sums print as {@code a - b}. */
  private record Term(boolean negative, Expr expr) {}

  private static Term term(Expr numerator, Expr tangent) {
    boolean negative = false;
    Expr n = numerator;
    if (n instanceof Expr.Unary u && u.op().equals("-")) {
      negative = true;
      n = u.operand();
    }
    if (n.equals(ONE)) {
      return new Term(negative, tangent);
    }
    return new Term(negative, new Expr.Binary("*", n, tangent, Types.DOUBLE));
  }

  private static Expr sum(List<Term> terms) {
    Term first = terms.get(0);
    Expr acc = first.negative() ? negateLeading(first.expr()) : first.expr();
    for (int i = 1; i < terms.size(); i++) {
      Term t = terms.get(i);
      acc = new Expr.Binary(t.negative() ? "-" : "+", acc, t.expr(), Types.DOUBLE);
    }
    return acc;
  }

  /** {@code -(a * b)} as {@code (-a) * b}, which prints as {@code -a * b} and rounds the same. */
  private static Expr negateLeading(Expr e) {
    if (e instanceof Expr.Binary b && (b.op().equals("*") || b.op().equals("/"))) {
      return new Expr.Binary(b.op(), negateLeading(b.left()), b.right(), b.type());
    }
    return new Expr.Unary("-", e, Types.DOUBLE);
  }
}
