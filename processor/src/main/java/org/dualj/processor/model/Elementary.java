package org.dualj.processor.model;

import java.util.Optional;
import java.util.Set;

/**
 * The elementary functions the generated code differentiates by rule: the operators and the
 * {@code Math}, {@code StrictMath} and {@code FastMath} methods that map to one entry each. This
 * is their identity only (symbol, arity, which classes have them); their derivatives are the
 * tangent table {@code org.dualj.processor.rules.TangentTable}, keyed by this enum.
 *
 * <p>The runtime's {@code Dual} and {@code DualVector} are generated from this enum and the
 * tangent table when {@code dual-runtime} is built; both files depend on nothing but {@code
 * java.base} so that the runtime's build can compile them. The README's "Adding an elementary
 * function" lists what a new entry needs.
 */
public enum Elementary {
  // ---- arithmetic ----
  ADD("+", 2),
  SUBTRACT("-", 2),
  MULTIPLY("*", 2),
  DIVIDE("/", 2),
  /** Java's {@code %}. */
  REMAINDER("%", 2),
  /** {@code 1.0 / u}: the division with a constant numerator of one. */
  RECIPROCAL("1.0 /", 1),
  NEGATE("-", 1),
  FMA("fma", 3),

  // ---- powers and roots ----
  SQRT("sqrt", 1),
  CBRT("cbrt", 1),
  HYPOT("hypot", 2),
  POW("pow", 2),

  // ---- exponentials and logarithms ----
  EXP("exp", 1),
  EXPM1("expm1", 1),
  LOG("log", 1),
  LOG1P("log1p", 1),
  LOG10("log10", 1),

  // ---- trigonometric ----
  SIN("sin", 1),
  COS("cos", 1),
  TAN("tan", 1),
  ASIN("asin", 1),
  ACOS("acos", 1),
  ATAN("atan", 1),
  /** {@code atan2(y, x)}: argument 0 is y, argument 1 is x. */
  ATAN2("atan2", 2),
  TO_RADIANS("toRadians", 1),
  TO_DEGREES("toDegrees", 1),

  // ---- hyperbolic ----
  SINH("sinh", 1),
  COSH("cosh", 1),
  TANH("tanh", 1),

  // ---- inverse hyperbolic and logarithm to a base: FastMath only (java.lang.Math has none) ----
  ASINH("asinh", 1, true),
  ACOSH("acosh", 1, true),
  ATANH("atanh", 1, true),
  /** {@code FastMath.log(base, x)}: argument 0 is the base, argument 1 is x. */
  LOG_BASE("log", 2, true),

  // ---- piecewise ----
  ABS("abs", 1),
  COPY_SIGN("copySign", 2),
  MIN("min", 2),
  MAX("max", 2),
  IEEE_REMAINDER("IEEEremainder", 2),
  NEXT_UP("nextUp", 1),
  NEXT_DOWN("nextDown", 1),
  NEXT_AFTER("nextAfter", 2),
  /** {@code scalb(d, int n)}: the int is a pass-through argument. */
  SCALB("scalb", 2),
  SIGNUM("signum", 1),
  FLOOR("floor", 1),
  CEIL("ceil", 1),
  RINT("rint", 1),
  ULP("ulp", 1),

  // ---- internal: written by the processor into tangent code, never read from user code ----
  /**
   * {@code Terms.times(t, p)}: t·p, or exactly 0 when either is 0 whatever the other. The
   * term of a guarded partial (see the tangent table's {@code guarded}); differentiated again
   * (order 2, H·v) as {@code times(ṫ, p) + times(t, ṗ)}, so a term that is 0 at a point because
   * its tangent is 0 there still has the derivative p·ṫ.
   */
  GUARDED_PRODUCT("times", 2);

  /** The runtime class holding {@link #GUARDED_PRODUCT}. */
  public static final String TERMS_CLASS = "org.dualj.runtime.Terms";

  /**
   * The classes besides {@code java.lang.Math} and {@code java.lang.StrictMath} whose static
   * methods of the table's names and {@code double} signatures get the table's rules (recognised by
   * name, when they are on the class path: the processor does not depend on them). Their {@code
   * FastMath.pow(double, int)} and {@code pow(double, long)} are {@link #POW} with an integer
   * exponent. The value call stays the user's; the partials call {@code Math}.
   */
  public static final Set<String> FAST_MATH_OWNERS =
      Set.of("org.hipparchus.util.FastMath", "org.apache.commons.math3.util.FastMath");

  private final String symbol;
  private final int arity;
  private final boolean fastMathOnly;

  Elementary(String symbol, int arity) {
    this(symbol, arity, false);
  }

  Elementary(String symbol, int arity, boolean fastMathOnly) {
    this.symbol = symbol;
    this.arity = arity;
    this.fastMathOnly = fastMathOnly;
  }

  /** The {@code Math} method name, or the operator for arithmetic entries. */
  public String symbol() {
    return symbol;
  }

  public int arity() {
    return arity;
  }

  /** True for the operators {@code + - * / %} and unary minus, false for {@code Math} methods. */
  public boolean isOperator() {
    return ordinal() <= NEGATE.ordinal();
  }

  /**
   * True for the entries only the {@code FastMath} classes have ({@code asinh}, {@code acosh},
   * {@code atanh}, {@code log(base, x)}): {@code java.lang.Math} and {@code StrictMath} have no
   * method of that name and arity.
   */
  public boolean fastMathOnly() {
    return fastMathOnly;
  }

  /**
   * True for the library functions whose evaluation costs many times a store and a load (roots,
   * powers, exponentials, logarithms, trigonometric and hyperbolic functions and their inverses):
   * reverse mode keeps their values for the reverse sweep instead of evaluating them again.
   */
  public boolean costly() {
    return ordinal() >= SQRT.ordinal() && ordinal() <= LOG_BASE.ordinal()
        && this != TO_RADIANS && this != TO_DEGREES;
  }

  /** True for entries the processor writes itself, which no user call maps to. */
  public boolean internal() {
    return this == GUARDED_PRODUCT;
  }

  /** The {@code Math}/{@code StrictMath} method of this name and arity, if the table has it. */
  public static Optional<Elementary> mathFunction(String name, int arity) {
    for (Elementary e : values()) {
      if (!e.isOperator() && !e.internal() && e.symbol.equals(name) && e.arity == arity) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
