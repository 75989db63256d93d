package org.dualj.processor.rules;

import static org.dualj.processor.model.Elementary.*;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dualj.processor.model.Elementary;

/**
 * The tangent table: the derivative of every {@link Elementary} function, one row each, as
 * partial derivatives. The processor builds tangent and adjoint code from it ({@link
 * TangentRules}); the runtime's {@code Dual} and {@code DualVector} are generated from it when
 * {@code dual-runtime} is built (so this file and {@link Elementary} use nothing but {@code
 * java.base}).
 *
 * <p>A partial is written in a small template language: {@code $0 $1 $2} are the arguments'
 * values, {@code $v} the result's value (reused where that saves work, e.g. {@code exp}), and
 * {@code Math.f(...)} any function of this table. {@link Partial#of(String, String)} gives a
 * numerator and a divisor, so that partials sharing a divisor are summed before one division
 * ({@code (u̇ − v·ẇ) / w} for division). A partial marked {@link Partial#guarded} (those that
 * are infinite or NaN at some point: {@code pow}, roots, logarithms, {@code hypot}, {@code atan2},
 * the inverse sines and cosines, …) forms its term, divisor included, as {@code Terms.times(u̇,
 * partial)}, exactly 0 where either factor is 0: a zero tangent contributes nothing whatever the
 * partial (no {@code 0 · ∞ = NaN}), and the term is differentiated again (order 2, H·v) as a product,
 * so a term that is 0 at a point because its tangent is 0 there keeps its derivative. {@link Kind#SELECT} rules pass one
 * argument's tangent through, chosen by a condition ({@code min}, {@code max}); {@link Kind#ZERO}
 * rules are piecewise constant and have no tangent.
 *
 * <p>Every partial is written to stay accurate from subnormal arguments to arguments near
 * overflow (see the notes of the rows that are rewritten for it); {@code
 * ExtremeArgumentsRulesTest} checks each row against high-precision derivatives there.
 *
 * <p>Conventions (the README's "Elementary functions" lists them all): at kinks {@code abs} uses
 * the sign bit ({@code abs'(+0.0) = 1}, {@code abs'(-0.0) = -1}) and {@code min}/{@code max} ties
 * take the first argument; at the edge of a domain the one-sided derivative (±∞); outside a domain
 * NaN, like the value; a partial that reads a NaN argument is NaN; at infinite arguments the limit
 * of the derivative where there is one; otherwise IEEE arithmetic (no exceptions).
 *
 * <p>Each row also says what the function is ({@code about}) and, where a partial is written in a
 * non-obvious form, why ({@code note}): the runtime's generated Javadoc is made of them.
 */
public final class TangentTable {

  /** How a row's tangent is formed. */
  public enum Kind {
    /** v̇ = Σ ∂φ/∂uⱼ · u̇ⱼ. */
    LINEAR,
    /** v̇ = condition ? u̇₀ : u̇₁. */
    SELECT,
    /** v̇ = 0: the function is piecewise constant. */
    ZERO
  }

  /**
   * One partial derivative: {@code numerator / divisor} (divisor null means 1).
   *
   * @param guarded the term is {@code Terms.times(tangent, numerator / divisor)}: 0 whenever the
   *     argument's tangent is 0, even if the partial is not finite
   */
  public record Partial(String numerator, String divisor, boolean guarded) {
    static Partial of(String numerator, String divisor) {
      return new Partial(numerator, divisor, false);
    }

    Partial guard() {
      return new Partial(numerator, divisor, true);
    }
  }

  /**
   * One row of the table.
   *
   * @param partials the partial along each argument, null where the result does not depend on it
   *     (empty for {@link Kind#SELECT} and {@link Kind#ZERO})
   * @param condition for {@link Kind#SELECT}: the condition choosing argument 0's tangent
   * @param about what the function computes, as a noun phrase ("the hyperbolic sine")
   * @param note why a partial is written as it is, or null
   * @param definitions named parts of the partials, in order: {@code $s} in a template stands for
   *     the definition named {@code s} (which may use the ones before it)
   */
  public record Rule(
      Elementary fn,
      Kind kind,
      List<Partial> partials,
      String condition,
      String about,
      String note,
      Map<String, String> definitions) {

    /** The partial along argument {@code i}, or null where the result does not depend on it. */
    public Partial partial(int i) {
      return i < partials.size() ? partials.get(i) : null;
    }
  }

  /** max(|$0|, |$1|), by which {@code hypot} and {@code atan2} scale their arguments. */
  private static final String SCALE = "Math.max(Math.abs($0), Math.abs($1))";

  private static final Map<Elementary, Rule> RULES = new EnumMap<>(Elementary.class);

  static {
    // ---- arithmetic ----
    linear(ADD, "the sum", null, p("1.0"), p("1.0"));
    linear(SUBTRACT, "the difference", null, p("1.0"), p("-1.0"));
    linear(MULTIPLY, "the product", null, p("$1"), p("$0"));
    linear(DIVIDE, "the quotient", "Division by zero follows IEEE 754 (infinities or NaN).",
        Partial.of("1.0", "$1"), Partial.of("-$v", "$1"));
    linear(REMAINDER, "Java's remainder",
        "v = u − w·n with n = trunc(u/w), recovered from the value as rint((u − v)/w).",
        p("1.0"), p("-Math.rint(($0 - $v) / $1)"));
    linear(RECIPROCAL, "the reciprocal",
        "The division with a constant numerator of one: v̇ = −v·v·u̇.", p("-$v * $v").guard());
    linear(NEGATE, "the negation", null, p("-1.0"));
    linear(FMA, "the fused multiply-add {@code u·b + c}", null, p("$1"), p("$0"), p("1.0"));

    // ---- powers and roots ----
    linear(SQRT, "the square root",
        "0.5 / v; {@code + 0.0} makes sqrt(−0.0) = −0.0 a +0.0, so that both zeros give +∞.",
        Partial.of("0.5", "$v + 0.0").guard());
    linear(CBRT, "the cube root", null, Partial.of("1.0", "3.0 * $v * $v").guard());
    linear(HYPOT, "{@code sqrt(u² + w²)} without intermediate overflow",
        "{@code u / hypot(u, w)} and {@code w / hypot(u, w)} as a / sqrt(a² + b²) and"
            + " b / sqrt(a² + b²), with a = u / s, b = w / s, s = max(|u|, |w|): no overflow or"
            + " loss of precision at any scale, and the limits 1 (along an infinite argument) and 0"
            + " (along a finite one) when one argument is infinite.",
        where("s", SCALE, "a", scaled("$0"), "b", scaled("$1")),
        Partial.of("$a", "Math.sqrt($a * $a + $b * $b)").guard(),
        Partial.of("$b", "Math.sqrt($a * $a + $b * $b)").guard());
    linear(POW, "the power {@code u^w}",
        "Each term is 0 where its argument's tangent is 0, so that a constant exponent with a"
            + " negative base and pow(0, 0) give finite tangents; where the value is 0 (0^w for"
            + " w > 0, or underflow) the partial v·log(u) is 0.",
        p("$1 == 0.0 ? 0.0 : $1 * Math.pow($0, $1 - 1.0)").guard(),
        p("$v == 0.0 ? 0.0 : $v * Math.log($0)").guard());

    // ---- exponentials and logarithms ----
    linear(EXP, "the exponential {@code e^u}", null, p("$v"));
    linear(EXPM1, "{@code e^u - 1}, accurate near 0",
        "e^u; below −1, v + 1 would cancel, so e^u is computed again.",
        p("$0 < -1.0 ? Math.exp($0) : $v + 1.0"));
    linear(LOG, "the natural logarithm",
        "1 / u; outside the domain (u < 0) the divisor is the value, NaN; {@code + 0.0} makes −0.0"
            + " a +0.0, so that log(−0.0) has the tangent of log(+0.0).",
        Partial.of("1.0", "$0 < 0.0 ? $v : $0 + 0.0").guard());
    linear(LOG1P, "{@code log(1 + u)}, accurate near 0",
        "1 / (1 + u); NaN outside the domain (u < −1), as for {@code log}.",
        Partial.of("1.0", "$0 < -1.0 ? $v : 1.0 + $0").guard());
    linear(LOG10, "the base-10 logarithm",
        "(1 / ln 10) / u, so that u·ln 10 cannot overflow; 0.4342944819032518 is 1 / ln 10"
            + " correctly rounded, checked by a test. NaN outside the domain, as for {@code log}.",
        Partial.of("0.4342944819032518", "$0 < 0.0 ? $v : $0 + 0.0").guard());

    // ---- trigonometric ----
    linear(SIN, "the sine (argument in radians)", null, p("Math.cos($0)"));
    linear(COS, "the cosine (argument in radians)", null, p("-Math.sin($0)"));
    linear(TAN, "the tangent (argument in radians)", null, p("1.0 + $v * $v"));
    linear(ASIN, "the arc sine",
        "1 / sqrt((1 − u)(1 + u)): the factored form does not cancel near ±1.",
        Partial.of("1.0", oneMinusSquare("Math.sqrt(", ")")).guard());
    linear(ACOS, "the arc cosine", "As for {@code asin}, negated.",
        Partial.of("-1.0", oneMinusSquare("Math.sqrt(", ")")).guard());
    linear(ATAN, "the arc tangent",
        "1 / (1 + u²), and (1 / u) / u where u² would overflow (1 + u² rounds to u² there anyway).",
        p("Math.abs($0) > 100000000.0 ? 1.0 / $0 / $0 : 1.0 / (1.0 + $0 * $0)"));
    linear(ATAN2, "the angle {@code atan2(y, x)} of the point (x, y)",
        "The receiver is y. The partials x / (x² + y²) and −y / (x² + y²) as (a / (a² + b²)) / s"
            + " and −(b / (a² + b²)) / s with a = x / s, b = y / s, s = max(|x|, |y|): nothing"
            + " overflows or underflows before the last division.",
        where("s", SCALE, "a", scaled("$1"), "b", scaled("$0")),
        Partial.of("$a / ($a * $a + $b * $b)", "$s").guard(),
        Partial.of("-($b / ($a * $a + $b * $b))", "$s").guard());
    linear(TO_RADIANS, "the angle in radians of an angle in degrees", null,
        p("Math.toRadians(1.0)"));
    linear(TO_DEGREES, "the angle in degrees of an angle in radians", null,
        p("Math.toDegrees(1.0)"));

    // ---- hyperbolic ----
    linear(SINH, "the hyperbolic sine", null, p("Math.cosh($0)"));
    linear(COSH, "the hyperbolic cosine", null, p("Math.sinh($0)"));
    linear(TANH, "the hyperbolic tangent",
        "1 − v² for |u| < 0.5; beyond, where 1 − v² cancels, t·(1 + |v|)² with t = e^(−2|u|) (from"
            + " 1 − |v| = t·(1 + |v|)), accurate up to the underflow of the derivative.",
        p("Math.abs($0) < 0.5 ? 1.0 - $v * $v"
            + " : Math.exp(-2.0 * Math.abs($0)) * ((1.0 + Math.abs($v)) * (1.0 + Math.abs($v)))"));

    // ---- inverse hyperbolic and logarithm to a base: FastMath only (java.lang.Math has none) ----
    linear(ASINH, "the inverse hyperbolic sine",
        "1 / sqrt(1 + u²), and 1 / |u| beyond 1e8, where u² may overflow and 1 + u² rounds to u².",
        Partial.of("1.0", "Math.abs($0) > 100000000.0 ? Math.abs($0) : Math.sqrt(1.0 + $0 * $0)"));
    linear(ACOSH, "the inverse hyperbolic cosine",
        "1 / sqrt((u − 1)(u + 1)): the factored form does not cancel near 1, where the derivative"
            + " is +∞; u itself beyond 1e8; below 1 (where (u − 1)(u + 1) is positive again for"
            + " u ≤ −1) the divisor is NaN, written 0.0 / 0.0 (not the value: Hipparchus's"
            + " acosh(−MAX) is +∞).",
        Partial.of("1.0",
            "$0 < 1.0 ? 0.0 / 0.0 : ($0 > 100000000.0 ? $0 : Math.sqrt(($0 - 1.0) * ($0 + 1.0)))")
            .guard());
    linear(ATANH, "the inverse hyperbolic tangent",
        "1 / (1 − u²), with 1 − u² written as for {@code asin}; ±∞ at ±1, NaN outside [−1, 1] (the"
            + " divisor is then the value, NaN).",
        Partial.of("1.0", "Math.abs($0) > 1.0 ? $v : " + oneMinusSquare("(", ")")).guard());
    linear(LOG_BASE, "the logarithm of x to a base",
        "log(x) / log(base), the base first. Along the base −(v / ln base) / base, along x"
            + " (1 / ln base) / x: no product that could overflow; NaN where an argument is"
            + " negative (the divisor is then the value, NaN), as for {@code log}.",
        Partial.of("-($v / Math.log($0))", "$0 < 0.0 ? $v : $0 + 0.0").guard(),
        Partial.of("1.0 / Math.log($0)", "$1 < 0.0 ? $v : $1 + 0.0").guard());

    // ---- piecewise ----
    linear(ABS, "the absolute value",
        "The sign bit of u; NaN at a NaN argument. ({@code Math.abs(x) >= 0.0} tests that x is not"
            + " NaN, also for a boxed argument, where {@code x == x} would compare references.)",
        p("Math.abs($0) >= 0.0 ? Math.copySign(1.0, $0) : $0"));
    linear(COPY_SIGN, "the magnitude of u with the sign of w",
        "The tangent does not depend on w's: u̇ where the sign is kept, −u̇ where it is flipped.",
        p("Math.abs($0) >= 0.0 ? Math.copySign(1.0, $0) * Math.copySign(1.0, $v) : $0"), null);
    select(MIN, "the smaller of u and w", "$0 <= $1");
    select(MAX, "the larger of u and w", "$0 >= $1");
    linear(IEEE_REMAINDER, "the IEEE 754 remainder of u / w",
        "As for {@code %}, with the integer quotient n = rint((u − v)/w) of the IEEE remainder.",
        p("1.0"), p("-Math.rint(($0 - $v) / $1)"));
    linear(NEXT_UP, "the adjacent double towards +∞", null, p("1.0"));
    linear(NEXT_DOWN, "the adjacent double towards −∞", null, p("1.0"));
    linear(NEXT_AFTER, "the adjacent double towards w", null, p("1.0"), null);
    linear(SCALB, "u times a power of two", "The int n is a pass-through argument.",
        p("Math.scalb(1.0, $1)"), null);
    zero(SIGNUM, "the signum (−1, 0 or 1, keeping signed zeros and NaN)");
    zero(FLOOR, "the largest integer value not greater than u");
    zero(CEIL, "the smallest integer value not less than u");
    zero(RINT, "the integer value closest to u (ties to even)");
    zero(ULP, "the size of an ulp of u");

    // ---- internal ----
    linear(GUARDED_PRODUCT, "t·p, exactly 0 where t is 0 (the term of a guarded partial)",
        "Written by the processor only; its tangent is times(ṫ, p) + times(t, ṗ) (TangentRules).",
        p("$1"), p("$0"));

    for (Elementary fn : Elementary.values()) {
      if (!RULES.containsKey(fn)) {
        throw new IllegalStateException("no tangent rule for " + fn);
      }
    }
  }

  private TangentTable() {}

  /** The row of {@code fn}. */
  public static Rule of(Elementary fn) {
    return RULES.get(fn);
  }

  /** True when {@code fn} is piecewise constant: its tangent is always 0. */
  public static boolean isConstant(Elementary fn) {
    return of(fn).kind() == Kind.ZERO;
  }

  /** True when the tangent of {@code fn} may depend on argument {@code i}'s tangent. */
  public static boolean dependsOn(Elementary fn, int i) {
    Rule r = of(fn);
    return r.kind() == Kind.SELECT || (r.kind() == Kind.LINEAR && r.partial(i) != null);
  }

  /**
   * {@code template} with every named part ({@code $s}, {@code $a}, …) of the row written out, in
   * parentheses: the template the processor parses.
   */
  public static String expand(Rule rule, String template) {
    String t = template;
    for (int round = 0; round <= rule.definitions().size(); round++) {
      for (Map.Entry<String, String> d : rule.definitions().entrySet()) {
        t = t.replace("$" + d.getKey(), "(" + d.getValue() + ")");
      }
    }
    return t;
  }

  private static void linear(Elementary fn, String about, String note, Partial... partials) {
    linear(fn, about, note, Map.of(), partials);
  }

  private static void linear(
      Elementary fn,
      String about,
      String note,
      Map<String, String> definitions,
      Partial... partials) {
    add(new Rule(fn, Kind.LINEAR, Collections.unmodifiableList(Arrays.asList(partials)), null,
        about, note, definitions));
  }

  private static void select(Elementary fn, String about, String condition) {
    add(new Rule(fn, Kind.SELECT, List.of(), condition, about,
        "A tie takes the first argument's tangent; if either value is NaN, the second's.",
        Map.of()));
  }

  private static void zero(Elementary fn, String about) {
    add(new Rule(fn, Kind.ZERO, List.of(), null, about,
        "Piecewise constant: the tangent is 0 everywhere, including at the jumps.", Map.of()));
  }

  /** Named parts of a row's partials: name, template, name, template, … (names of one letter). */
  private static Map<String, String> where(String... namesAndTemplates) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < namesAndTemplates.length; i += 2) {
      String name = namesAndTemplates[i];
      if (name.length() != 1 || !Character.isLetter(name.charAt(0)) || name.equals("v")) {
        throw new IllegalStateException("a named part is one letter other than v: " + name);
      }
      m.put(name, namesAndTemplates[i + 1]);
    }
    return Collections.unmodifiableMap(m);
  }

  private static void add(Rule r) {
    if (r.partials().size() > r.fn().arity()) {
      throw new IllegalStateException("more partials than arguments: " + r.fn());
    }
    if (RULES.put(r.fn(), r) != null) {
      throw new IllegalStateException("two rows for " + r.fn());
    }
  }

  private static Partial p(String numerator) {
    return Partial.of(numerator, null);
  }

  /**
   * 1 − u² for asin, acos and atanh, between {@code open} and {@code close}: directly where |u| <
   * 0.5 (its derivative −2u stays exact near 0), as (1 − u)(1 + u) nearer ±1 (no cancellation).
   */
  private static String oneMinusSquare(String open, String close) {
    return open + "$0 * $0 < 0.25 ? 1.0 - $0 * $0 : (1.0 - $0) * (1.0 + $0)" + close;
  }

  /**
   * {@code a / $s}, in [−1, 1]; where the scale {@code $s} is not finite (an infinite or NaN
   * argument), ±1 for an infinite {@code a}, 0 for a finite one and NaN for a NaN one.
   */
  private static String scaled(String a) {
    return "($s - $s == 0.0 ? " + a + " / $s"
        + " : (" + a + " - " + a + " == 0.0 ? 0.0"
        + " : (Math.abs(" + a + ") >= 0.0 ? Math.copySign(1.0, " + a + ") : " + a + ")))";
  }
}
