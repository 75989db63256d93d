package org.dualj.processor.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The tangent table: every elementary operation the generated code differentiates, one line each,
 * as partial derivatives.
 *
 * <p>A partial is written in a small template language: {@code $0 $1 $2} are the arguments'
 * values, {@code $v} the result's value (reused where that saves work, e.g. {@code exp}), and
 * {@code Math.f(...)} any function of this table. {@link Partial#of(String, String)} gives a
 * numerator and a divisor, so that partials sharing a divisor are summed before one division
 * ({@code (u̇ − v·ẇ) / w} for division). A partial marked {@link Partial#guarded} contributes
 * exactly 0 when its argument's tangent is 0 (used by {@code pow}, whose partials can be NaN or
 * infinite where the tangent that multiplies them is zero). {@link Kind#SELECT} rules pass one
 * argument's tangent through, chosen by a condition ({@code min}, {@code max}); {@link Kind#ZERO}
 * rules are piecewise constant and have no tangent.
 *
 * <p>The runtime {@code org.dualj.runtime.Dual} follows this table term by term; a test compiles
 * every entry through the processor and compares it with {@code Dual} and with Hipparchus.
 *
 * <p>Every partial is written to stay accurate from subnormal arguments to arguments near
 * overflow (see the comments of the entries that are rewritten for it); {@code
 * ExtremeArgumentsRulesTest} checks each entry against high-precision derivatives there.
 *
 * <p>Conventions (the README's "Elementary functions" lists them all): at kinks {@code abs} uses
 * the sign bit ({@code abs'(+0.0) = 1}, {@code abs'(-0.0) = -1}) and {@code min}/{@code max} ties
 * take the first argument; at the edge of a domain the one-sided derivative (±∞); outside a domain
 * NaN, like the value; a partial that reads a NaN argument is NaN; at infinite arguments the limit
 * of the derivative where there is one; otherwise IEEE arithmetic (no exceptions).
 */
public enum Elementary {
  // ---- arithmetic ----
  ADD("+", 2, Kind.LINEAR, p("1.0"), p("1.0")),
  SUBTRACT("-", 2, Kind.LINEAR, p("1.0"), p("-1.0")),
  MULTIPLY("*", 2, Kind.LINEAR, p("$1"), p("$0")),
  DIVIDE("/", 2, Kind.LINEAR, Partial.of("1.0", "$1"), Partial.of("-$v", "$1")),
  /** Java's {@code %}: v = u − w·n with n = trunc(u/w), recovered from the value as rint((u − v)/w). */
  REMAINDER("%", 2, Kind.LINEAR, p("1.0"), p("-Math.rint(($0 - $v) / $1)")),
  /** {@code 1.0 / u}: the division with a constant numerator of one, v̇ = −v·v·u̇. */
  RECIPROCAL("1.0 /", 1, Kind.LINEAR, p("-$v * $v")),
  NEGATE("-", 1, Kind.LINEAR, p("-1.0")),
  FMA("fma", 3, Kind.LINEAR, p("$1"), p("$0"), p("1.0")),

  // ---- powers and roots ----
  /** 0.5 / v; {@code + 0.0} makes sqrt(−0.0) = −0.0 a +0.0, so that both zeros give +∞. */
  SQRT("sqrt", 1, Kind.LINEAR, Partial.of("0.5", "$v + 0.0")),
  CBRT("cbrt", 1, Kind.LINEAR, Partial.of("1.0", "3.0 * $v * $v")),
  /**
   * {@code u / hypot(u, w)} and {@code w / hypot(u, w)}, both arguments first divided by
   * s = max(|u|, |w|): no overflow or loss of precision at any scale, and the limits 1 (along an
   * infinite argument) and 0 (along a finite one) when one argument is infinite.
   */
  HYPOT("hypot", 2, Kind.LINEAR,
      Partial.of(scaled("$0"), "Math.sqrt(" + squares(scaled("$0"), scaled("$1")) + ")"),
      Partial.of(scaled("$1"), "Math.sqrt(" + squares(scaled("$0"), scaled("$1")) + ")")),
  POW("pow", 2, Kind.LINEAR,
      p("$1 == 0.0 ? 0.0 : $1 * Math.pow($0, $1 - 1.0)").guard(),
      // where the value is 0 (0^w for w > 0, or underflow) the partial v·log(u) is 0
      p("$v == 0.0 ? 0.0 : $v * Math.log($0)").guard()),

  // ---- exponentials and logarithms ----
  EXP("exp", 1, Kind.LINEAR, p("$v")),
  /** e^u; below −1, v + 1 would cancel, so e^u is computed again. */
  EXPM1("expm1", 1, Kind.LINEAR, p("$0 < -1.0 ? Math.exp($0) : $v + 1.0")),
  /**
   * 1 / u; outside the domain (u < 0) the divisor is the value, NaN; {@code + 0.0} makes −0.0 a
   * +0.0, so that log(−0.0) has the tangent of log(+0.0).
   */
  LOG("log", 1, Kind.LINEAR, Partial.of("1.0", "$0 < 0.0 ? $v : $0 + 0.0")),
  /** 1 / (1 + u); NaN outside the domain (u < −1), as for {@code log}. */
  LOG1P("log1p", 1, Kind.LINEAR, Partial.of("1.0", "$0 < -1.0 ? $v : 1.0 + $0")),
  /**
   * (1 / ln 10) / u, so that u·ln 10 cannot overflow; 0.4342944819032518 is 1 / ln 10 correctly
   * rounded, checked by a test. NaN outside the domain, as for {@code log}.
   */
  LOG10("log10", 1, Kind.LINEAR, Partial.of("0.4342944819032518", "$0 < 0.0 ? $v : $0 + 0.0")),

  // ---- trigonometric ----
  SIN("sin", 1, Kind.LINEAR, p("Math.cos($0)")),
  COS("cos", 1, Kind.LINEAR, p("-Math.sin($0)")),
  TAN("tan", 1, Kind.LINEAR, p("1.0 + $v * $v")),
  /** 1 / sqrt((1 − u)(1 + u)): the factored form does not cancel near ±1. */
  ASIN("asin", 1, Kind.LINEAR, Partial.of("1.0", "Math.sqrt($0 * $0 < 0.25 ? 1.0 - $0 * $0 : (1.0 - $0) * (1.0 + $0))")),
  ACOS("acos", 1, Kind.LINEAR, Partial.of("-1.0", "Math.sqrt($0 * $0 < 0.25 ? 1.0 - $0 * $0 : (1.0 - $0) * (1.0 + $0))")),
  /** 1 / (1 + u²), and (1 / u) / u where u² would overflow (1 + u² rounds to u² there anyway). */
  ATAN("atan", 1, Kind.LINEAR,
      p("Math.abs($0) > 100000000.0 ? 1.0 / $0 / $0 : 1.0 / (1.0 + $0 * $0)")),
  /**
   * {@code atan2(y, x)}: $0 is y, $1 is x. The partials x / (x² + y²) and −y / (x² + y²) as
   * (a / (a² + b²)) / s and −(b / (a² + b²)) / s with a = x / s, b = y / s, s = max(|x|, |y|):
   * nothing overflows or underflows before the last division.
   */
  ATAN2("atan2", 2, Kind.LINEAR,
      Partial.of(scaled("$1") + " / (" + squares(scaled("$1"), scaled("$0")) + ")", scale()),
      Partial.of("-(" + scaled("$0") + " / (" + squares(scaled("$1"), scaled("$0")) + "))", scale())),
  TO_RADIANS("toRadians", 1, Kind.LINEAR, p("Math.toRadians(1.0)")),
  TO_DEGREES("toDegrees", 1, Kind.LINEAR, p("Math.toDegrees(1.0)")),

  // ---- hyperbolic ----
  SINH("sinh", 1, Kind.LINEAR, p("Math.cosh($0)")),
  COSH("cosh", 1, Kind.LINEAR, p("Math.sinh($0)")),
  /**
   * 1 − v² for |u| < 0.5; beyond, where 1 − v² cancels, t·(1 + |v|)² with t = e^(−2|u|) (from
   * 1 − |v| = t·(1 + |v|)), accurate up to the underflow of the derivative.
   */
  TANH("tanh", 1, Kind.LINEAR,
      p("Math.abs($0) < 0.5 ? 1.0 - $v * $v"
          + " : Math.exp(-2.0 * Math.abs($0)) * ((1.0 + Math.abs($v)) * (1.0 + Math.abs($v)))")),

  // ---- inverse hyperbolic and logarithm to a base: FastMath only (java.lang.Math has none) ----
  /** 1 / sqrt(1 + u²), and 1 / |u| beyond 1e8, where u² may overflow and 1 + u² rounds to u². */
  ASINH("asinh", 1, Kind.LINEAR,
      Partial.of("1.0", "Math.abs($0) > 100000000.0 ? Math.abs($0) : Math.sqrt(1.0 + $0 * $0)")),
  /**
   * 1 / sqrt((u − 1)(u + 1)): the factored form does not cancel near 1, where the derivative is
   * +∞; u itself beyond 1e8; below 1 (where (u − 1)(u + 1) is positive again for u ≤ −1) the
   * divisor is NaN, written 0.0 / 0.0 (not the value: Hipparchus's acosh(−MAX) is +∞).
   */
  ACOSH("acosh", 1, Kind.LINEAR,
      Partial.of("1.0", "$0 < 1.0 ? 0.0 / 0.0 : ($0 > 100000000.0 ? $0 : Math.sqrt(($0 - 1.0) * ($0 + 1.0)))")),
  /**
   * 1 / (1 − u²), with 1 − u² written as for {@code asin}; ±∞ at ±1, NaN outside [−1, 1] (the
   * divisor is then the value, NaN).
   */
  ATANH("atanh", 1, Kind.LINEAR,
      Partial.of("1.0", "Math.abs($0) > 1.0 ? $v"
          + " : ($0 * $0 < 0.25 ? 1.0 - $0 * $0 : (1.0 - $0) * (1.0 + $0))")),
  /**
   * {@code FastMath.log(base, x)} = log x / log base: $0 is the base, $1 is x. Along the base
   * −(v / ln base) / base, along x (1 / ln base) / x: no product that could overflow; NaN where an
   * argument is negative (the divisor is then the value, NaN), as for {@code log}.
   */
  LOG_BASE("log", 2, Kind.LINEAR,
      Partial.of("-($v / Math.log($0))", "$0 < 0.0 ? $v : $0 + 0.0"),
      Partial.of("1.0 / Math.log($0)", "$1 < 0.0 ? $v : $1 + 0.0")),

  // ---- piecewise ----
  /**
   * The sign bit of u; NaN at a NaN argument. ({@code Math.abs(x) >= 0.0} tests that x is not NaN,
   * also for a boxed argument, where {@code x == x} would compare references.)
   */
  ABS("abs", 1, Kind.LINEAR, p("Math.abs($0) >= 0.0 ? Math.copySign(1.0, $0) : $0")),
  COPY_SIGN("copySign", 2, Kind.LINEAR,
      p("Math.abs($0) >= 0.0 ? Math.copySign(1.0, $0) * Math.copySign(1.0, $v) : $0"), null),
  MIN("min", 2, Kind.SELECT, "$0 <= $1"),
  MAX("max", 2, Kind.SELECT, "$0 >= $1"),
  IEEE_REMAINDER("IEEEremainder", 2, Kind.LINEAR, p("1.0"), p("-Math.rint(($0 - $v) / $1)")),
  NEXT_UP("nextUp", 1, Kind.LINEAR, p("1.0")),
  NEXT_DOWN("nextDown", 1, Kind.LINEAR, p("1.0")),
  NEXT_AFTER("nextAfter", 2, Kind.LINEAR, p("1.0"), null),
  /** {@code scalb(d, int n)}: the int is a pass-through argument. */
  SCALB("scalb", 2, Kind.LINEAR, p("Math.scalb(1.0, $1)"), null),
  SIGNUM("signum", 1, Kind.ZERO),
  FLOOR("floor", 1, Kind.ZERO),
  CEIL("ceil", 1, Kind.ZERO),
  RINT("rint", 1, Kind.ZERO),
  ULP("ulp", 1, Kind.ZERO);

  /** How an entry's tangent is formed. */
  public enum Kind {
    /** v̇ = Σ ∂φ/∂uⱼ · u̇ⱼ. */
    LINEAR,
    /** v̇ = condition ? u̇₀ : u̇₁. */
    SELECT,
    /** v̇ = 0: the function is piecewise constant. */
    ZERO
  }

  private final String symbol;
  private final int arity;
  private final Kind kind;
  private final List<Partial> partials;
  private final String condition;

  Elementary(String symbol, int arity, Kind kind, Partial... partials) {
    this.symbol = symbol;
    this.arity = arity;
    this.kind = kind;
    this.partials = partials.length == 0 ? List.of() : Arrays.asList(partials);
    this.condition = null;
  }

  Elementary(String symbol, int arity, Kind kind, String condition) {
    this.symbol = symbol;
    this.arity = arity;
    this.kind = kind;
    this.partials = List.of();
    this.condition = condition;
  }

  /** max(|$0|, |$1|), by which {@code hypot} and {@code atan2} scale their arguments. */
  private static String scale() {
    return "Math.max(Math.abs($0), Math.abs($1))";
  }

  /**
   * {@code a / max(|$0|, |$1|)}, in [−1, 1]; where the scale is not finite (an infinite or NaN
   * argument), ±1 for an infinite {@code a}, 0 for a finite one and NaN for a NaN one.
   */
  private static String scaled(String a) {
    String s = scale();
    return "(" + s + " - " + s + " == 0.0 ? " + a + " / " + s
        + " : (" + a + " - " + a + " == 0.0 ? 0.0 : (Math.abs(" + a + ") >= 0.0 ? Math.copySign(1.0, "
        + a + ") : " + a + ")))";
  }

  /** {@code a * a + b * b}. */
  private static String squares(String a, String b) {
    return a + " * " + a + " + " + b + " * " + b;
  }

  private static Partial p(String numerator) {
    return Partial.of(numerator, null);
  }

  /** The {@code Math} method name, or the operator for arithmetic entries. */
  public String symbol() {
    return symbol;
  }

  public int arity() {
    return arity;
  }

  public Kind kind() {
    return kind;
  }

  /** True for the operators {@code + - * / %} and unary minus, false for {@code Math} methods. */
  public boolean isOperator() {
    return ordinal() <= NEGATE.ordinal();
  }

  /** The partial with respect to argument {@code i}, or null where the result does not depend on it. */
  public Partial partial(int i) {
    return i < partials.size() ? partials.get(i) : null;
  }

  /** For {@link Kind#SELECT}: the condition choosing argument 0's tangent. */
  public String condition() {
    return condition;
  }

  /**
   * True for the entries only the {@code FastMath} classes have ({@code asinh}, {@code acosh},
   * {@code atanh}, {@code log(base, x)}): {@code java.lang.Math} and {@code StrictMath} have no
   * method of that name and arity.
   */
  public boolean fastMathOnly() {
    return this == ASINH || this == ACOSH || this == ATANH || this == LOG_BASE;
  }

  /**
   * The classes besides {@code java.lang.Math} and {@code java.lang.StrictMath} whose static
   * methods of the table's names and {@code double} signatures get the table's rules (recognised by
   * name, when they are on the class path: the processor does not depend on them). Their {@code
   * FastMath.pow(double, int)} and {@code pow(double, long)} are {@link #POW} with an integer
   * exponent. The value call stays the user's; the partials call {@code Math}.
   */
  public static final Set<String> FAST_MATH_OWNERS =
      Set.of("org.hipparchus.util.FastMath", "org.apache.commons.math3.util.FastMath");

  /** The {@code Math}/{@code StrictMath} method of this name and arity, if the table has it. */
  public static Optional<Elementary> mathFunction(String name, int arity) {
    for (Elementary e : values()) {
      if (!e.isOperator() && e.symbol.equals(name) && e.arity == arity) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /**
   * One partial derivative: {@code numerator / divisor} (divisor null means 1).
   *
   * @param guarded the term is 0 whenever the argument's tangent is 0, even if the partial is not
   *     finite
   */
  public record Partial(String numerator, String divisor, boolean guarded) {
    static Partial of(String numerator, String divisor) {
      return new Partial(numerator, divisor, false);
    }

    Partial guard() {
      return new Partial(numerator, divisor, true);
    }
  }
}
