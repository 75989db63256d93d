package org.dualj.runtime;

/**
 * An immutable dual number {@code value + tangent·ε} with {@code ε² = 0}: a value together with one
 * directional derivative (its <em>tangent</em>).
 *
 * <p>Every operation returns a new {@code Dual} whose {@link #value() value} is computed by the
 * matching {@link java.lang.Math} function and whose {@link #tangent() tangent} follows the chain
 * rule. The tangent rules are fixed by the project's single tangent table, which the annotation
 * processor also uses when it generates tangent code; the two must agree entry by entry, so the
 * formulas below are deliberately written exactly as in that table. In the method descriptions,
 * {@code u} and {@code w} are the values of the receiver and the argument, {@code u̇} and
 * {@code ẇ} their tangents, and {@code v} the result value.
 *
 * <h2>No exceptions</h2>
 *
 * <p>No method throws. At singular points the one-sided derivative is taken: for example
 * {@code sqrt} at {@code ±0} with tangent {@code 1} has tangent {@code +Infinity}, {@code log(0)}
 * has value {@code -Infinity} and tangent {@code +Infinity}; division by zero gives infinities or
 * NaN. Outside a function's domain the tangent is NaN like the value ({@code log(-1)},
 * {@code asin(2)}). A NaN argument gives a NaN tangent wherever the rule's partial depends on it
 * (not for the constant partials of {@code add}, {@code subtract}, {@code negate}, {@code fma},
 * {@code toRadians}, {@code toDegrees}, {@code scalb}, {@code nextUp}, {@code nextDown},
 * {@code nextAfter}, nor along the dividend of the remainders). At infinite arguments the limit of
 * the derivative is taken where there is one (e.g. {@code atan}, {@code tanh}, {@code hypot},
 * {@code atan2}). Where the derivative is within the range of {@code double}, every tangent is
 * accurate to a few ulps at every scale of the arguments, except where an intermediate value is
 * itself subnormal (e.g. {@code v = u / w} along {@code w} for a subnormal {@code u}).
 *
 * <h2>Overloads with a {@code double} argument</h2>
 *
 * <p>Each binary operation also accepts a plain {@code double}, treated as a constant: the
 * table's formula with that argument's terms left out, exactly as generated code does when an
 * argument does not depend on the differentiated inputs. So {@code x.divide(w)} has tangent
 * {@code u̇ / w} and {@code x.multiply(w)} has {@code w·u̇}; at non-finite points this can differ
 * from {@code x.divide(Dual.constant(w))}, whose formula still contains {@code v·0}.
 *
 * <h2>Conventions at kinks</h2>
 *
 * <ul>
 *   <li>{@link #abs()}: the tangent follows the sign bit, so {@code abs(+0.0)} has tangent
 *       {@code u̇} and {@code abs(-0.0)} has tangent {@code -u̇}.
 *   <li>{@link #min(Dual)} / {@link #max(Dual)}: a tie takes the tangent of the receiver (the first
 *       argument); if either value is NaN the tangent of the argument is taken.
 *   <li>{@link #signum()}, {@link #floor()}, {@link #ceil()}, {@link #rint()}, {@link #ulp()}:
 *       piecewise constant, tangent {@code 0} everywhere, including at jumps.
 *   <li>{@link #pow(Dual)}: terms whose seed tangent is zero are skipped, so constant exponents with
 *       a negative base, and {@code pow(0, 0)}, give finite tangents.
 * </ul>
 *
 * @param value the value of the dual number
 * @param tangent the tangent (directional derivative) carried along with the value
 */
public record Dual(double value, double tangent) {

    /** {@code 1 / ln 10} correctly rounded, used by {@link #log10()}. */
    private static final double INV_LN_10 = 0.4342944819032518;

    // ---------------------------------------------------------------------------------------------
    // Factories
    // ---------------------------------------------------------------------------------------------

    /**
     * Returns a dual number with the given value and tangent.
     *
     * @param value the value
     * @param tangent the tangent
     * @return {@code value + tangent·ε}
     */
    public static Dual of(double value, double tangent) {
        return new Dual(value, tangent);
    }

    /**
     * Returns an independent variable: the given value with tangent {@code 1}.
     *
     * @param value the value
     * @return {@code value + 1·ε}
     */
    public static Dual variable(double value) {
        return new Dual(value, 1.0);
    }

    /**
     * Returns a constant: the given value with tangent {@code 0}.
     *
     * @param value the value
     * @return {@code value + 0·ε}
     */
    public static Dual constant(double value) {
        return new Dual(value, 0.0);
    }

    // ---------------------------------------------------------------------------------------------
    // Arithmetic
    // ---------------------------------------------------------------------------------------------

    /**
     * Returns {@code this + w}. Tangent {@code u̇ + ẇ}.
     *
     * @param w the addend
     * @return the sum
     */
    public Dual add(Dual w) {
        return new Dual(value + w.value, tangent + w.tangent);
    }

    /**
     * Returns {@code this + w} for a constant {@code w}; the add rule without the constant's term.
     *
     * @param w the constant addend
     * @return the sum
     */
    public Dual add(double w) {
        return new Dual(value + w, tangent);
    }

    /**
     * Returns {@code this - w}. Tangent {@code u̇ - ẇ}.
     *
     * @param w the subtrahend
     * @return the difference
     */
    public Dual subtract(Dual w) {
        return new Dual(value - w.value, tangent - w.tangent);
    }

    /**
     * Returns {@code this - w} for a constant {@code w}; the subtract rule without the constant's term.
     *
     * @param w the constant subtrahend
     * @return the difference
     */
    public Dual subtract(double w) {
        return new Dual(value - w, tangent);
    }

    /**
     * Returns {@code this · w}. Tangent {@code w·u̇ + u·ẇ}.
     *
     * @param w the multiplier
     * @return the product
     */
    public Dual multiply(Dual w) {
        return new Dual(value * w.value, w.value * tangent + value * w.tangent);
    }

    /**
     * Returns {@code this · w} for a constant {@code w}; the multiply rule without the constant's term.
     *
     * @param w the constant multiplier
     * @return the product
     */
    public Dual multiply(double w) {
        return new Dual(value * w, w * tangent);
    }

    /**
     * Returns {@code this / w}. With {@code v = u / w} the tangent is {@code (u̇ - v·ẇ) / w}. Division
     * by zero follows IEEE 754 (infinities or NaN, no exception).
     *
     * @param w the divisor
     * @return the quotient
     */
    public Dual divide(Dual w) {
        double v = value / w.value;
        return new Dual(v, (tangent - v * w.tangent) / w.value);
    }

    /**
     * Returns {@code this / w} for a constant {@code w}; the divide rule without the constant's term.
     *
     * @param w the constant divisor
     * @return the quotient
     */
    public Dual divide(double w) {
        return new Dual(value / w, tangent / w);
    }

    /**
     * Returns {@code -this}. Tangent {@code -u̇}.
     *
     * @return the negation
     */
    public Dual negate() {
        return new Dual(-value, -tangent);
    }

    /**
     * Returns {@code 1 / this}. With {@code v = 1 / u} the tangent is {@code -v·v·u̇}.
     *
     * @return the reciprocal
     */
    public Dual reciprocal() {
        double v = 1.0 / value;
        return new Dual(v, -v * v * tangent);
    }

    /**
     * Returns the fused multiply-add {@code this·b + c}, value computed by
     * {@link Math#fma(double, double, double)}. With {@code a = this}, the tangent is
     * {@code b·ȧ + a·ḃ + ċ}.
     *
     * @param b the multiplier
     * @param c the addend
     * @return {@code this·b + c}
     */
    public Dual fma(Dual b, Dual c) {
        return new Dual(
                Math.fma(value, b.value, c.value),
                b.value * tangent + value * b.tangent + c.tangent);
    }

    /**
     * Returns {@code this·b + c} for constants {@code b} and {@code c}; the
     * fma rule without the constants' terms.
     *
     * @param b the constant multiplier
     * @param c the constant addend
     * @return {@code this·b + c}
     */
    public Dual fma(double b, double c) {
        return new Dual(Math.fma(value, b, c), b * tangent);
    }

    /**
     * Returns Java's remainder {@code this % w} ({@code u - w·trunc(u/w)}). With
     * {@code n = rint((u - v) / w)} (the truncated quotient) the tangent is {@code u̇ - n·ẇ}.
     *
     * @param w the divisor
     * @return the remainder, as {@code %} computes it
     */
    public Dual remainder(Dual w) {
        double v = value % w.value;
        double n = Math.rint((value - v) / w.value);
        return new Dual(v, tangent - n * w.tangent);
    }

    /**
     * Returns Java's remainder {@code this % w} for a constant {@code w}: tangent {@code u̇}.
     *
     * @param w the constant divisor
     * @return the remainder, as {@code %} computes it
     */
    public Dual remainder(double w) {
        return new Dual(value % w, tangent);
    }

    /**
     * Returns the IEEE 754 remainder of {@code this / w}, value computed by
     * {@link Math#IEEEremainder(double, double)}. With {@code n = rint((u - v) / w)} (the integer
     * quotient used by the remainder) the tangent is {@code u̇ - n·ẇ}.
     *
     * @param w the divisor
     * @return the IEEE remainder
     */
    public Dual IEEEremainder(Dual w) {
        double v = Math.IEEEremainder(value, w.value);
        double n = Math.rint((value - v) / w.value);
        return new Dual(v, tangent - n * w.tangent);
    }

    /**
     * Returns the IEEE 754 remainder of {@code this / w} for a constant {@code w}; the
     * IEEEremainder rule without the constants' terms.
     *
     * @param w the constant divisor
     * @return the IEEE remainder
     */
    public Dual IEEEremainder(double w) {
        return new Dual(Math.IEEEremainder(value, w), tangent);
    }

    // ---------------------------------------------------------------------------------------------
    // Powers and roots
    // ---------------------------------------------------------------------------------------------

    /**
     * Returns {@code this} raised to the power {@code w}, value computed by
     * {@link Math#pow(double, double)}. The tangent is {@code A + B} with
     *
     * <ul>
     *   <li>{@code A = (u̇ == 0 || w == 0) ? 0 : w·pow(u, w - 1)·u̇}
     *   <li>{@code B = (ẇ == 0) ? 0 : (v == 0 ? 0 : v·log(u))·ẇ}
     * </ul>
     *
     * <p>The guards make a constant exponent with a negative base (e.g. {@code pow(-2, 3)}), a
     * constant base, and {@code pow(0, 0)} give finite tangents instead of {@code 0·NaN} or
     * {@code 0·Infinity}; where the value is 0 ({@code pow(0, w)} for {@code w > 0}) the partial
     * along the exponent is 0, the exact derivative, instead of {@code 0·log(0) = NaN}.
     *
     * @param w the exponent
     * @return {@code this^w}
     */
    public Dual pow(Dual w) {
        return powRule(value, tangent, w.value, w.tangent);
    }

    /**
     * Returns {@code this} raised to a constant power; the pow rule without the constant's term, so the
     * tangent is {@code (u̇ == 0 || w == 0) ? 0 : w·pow(u, w - 1)·u̇}.
     *
     * @param w the constant exponent
     * @return {@code this^w}
     */
    public Dual pow(double w) {
        return powRule(value, tangent, w, 0.0);
    }

    /**
     * Returns {@code this} raised to a constant integer power; same as {@link #pow(double)} with
     * {@code (double) n}.
     *
     * @param n the constant exponent
     * @return {@code this^n}
     */
    public Dual pow(int n) {
        return powRule(value, tangent, n, 0.0);
    }

    /**
     * Returns a constant {@code base} raised to the power {@code exponent}; same as
     * {@code constant(base).pow(exponent)}, so the tangent is
     * {@code (ẇ == 0) ? 0 : (v == 0 ? 0 : v·log(base))·ẇ}.
     *
     * @param base the constant base
     * @param exponent the exponent
     * @return {@code base^exponent}
     */
    public static Dual pow(double base, Dual exponent) {
        return powRule(base, 0.0, exponent.value, exponent.tangent);
    }

    /** The {@code pow} rule of the tangent table; see {@link #pow(Dual)}. */
    private static Dual powRule(double u, double du, double w, double dw) {
        double v = Math.pow(u, w);
        double a = (du == 0.0 || w == 0.0) ? 0.0 : w * Math.pow(u, w - 1.0) * du;
        double b = (dw == 0.0) ? 0.0 : (v == 0.0 ? 0.0 : v * Math.log(u)) * dw;
        return new Dual(v, a + b);
    }

    /**
     * Returns the square root. Tangent {@code 0.5·u̇ / (v + 0)}; at {@code ±0} this is
     * {@code +Infinity} (or NaN when {@code u̇ = 0}), NaN for negative arguments.
     *
     * @return {@code sqrt(this)}
     */
    public Dual sqrt() {
        double v = Math.sqrt(value);
        return new Dual(v, 0.5 * tangent / (v + 0.0));
    }

    /**
     * Returns the cube root. Tangent {@code u̇ / (3·v·v)}.
     *
     * @return {@code cbrt(this)}
     */
    public Dual cbrt() {
        double v = Math.cbrt(value);
        return new Dual(v, tangent / (3.0 * v * v));
    }

    /**
     * Returns {@code sqrt(this² + w²)} without intermediate overflow, value computed by
     * {@link Math#hypot(double, double)}. With {@code s = max(|u|, |w|)}, {@code a = u / s} and
     * {@code b = w / s}, the tangent is {@code (a·u̇ + b·ẇ) / sqrt(a·a + b·b)}: the partials
     * {@code u / v} and {@code w / v} without overflow, also where {@code v} overflows, and
     * {@code 1} along an infinite side, {@code 0} along a finite one. NaN at the origin.
     *
     * @param w the other side
     * @return the hypotenuse
     */
    public Dual hypot(Dual w) {
        double s = Math.max(Math.abs(value), Math.abs(w.value));
        double a = scaled(value, s);
        double b = scaled(w.value, s);
        return new Dual(
                Math.hypot(value, w.value), (a * tangent + b * w.tangent) / Math.sqrt(a * a + b * b));
    }

    /**
     * {@code a / s} for the scale {@code s = max(|a|, |b|)} of {@code hypot} and {@code atan2}; where
     * {@code s} is not finite, {@code ±1} for an infinite {@code a}, {@code 0} for a finite one and
     * NaN for NaN (the tangent table's form, shared with {@link DualVector}).
     */
    static double scaled(double a, double s) {
        return s - s == 0.0 ? a / s : (a - a == 0.0 ? 0.0 : (a == a ? Math.copySign(1.0, a) : a));
    }

    /**
     * Returns {@code sqrt(this² + w²)} for a constant {@code w}; the hypot rule without the constant's term.
     *
     * @param w the constant other side
     * @return the hypotenuse
     */
    public Dual hypot(double w) {
        double s = Math.max(Math.abs(value), Math.abs(w));
        double a = scaled(value, s);
        double b = scaled(w, s);
        return new Dual(Math.hypot(value, w), a * tangent / Math.sqrt(a * a + b * b));
    }

    // ---------------------------------------------------------------------------------------------
    // Exponentials and logarithms
    // ---------------------------------------------------------------------------------------------

    /**
     * Returns {@code e^this}. Tangent {@code v·u̇}.
     *
     * @return {@code exp(this)}
     */
    public Dual exp() {
        double v = Math.exp(value);
        return new Dual(v, v * tangent);
    }

    /**
     * Returns {@code e^this - 1}, accurate near {@code 0}. Tangent {@code (v + 1)·u̇}, or
     * {@code exp(u)·u̇} for {@code u < -1}, where {@code v + 1} would cancel.
     *
     * @return {@code expm1(this)}
     */
    public Dual expm1() {
        double v = Math.expm1(value);
        return new Dual(v, (value < -1.0 ? Math.exp(value) : v + 1.0) * tangent);
    }

    /**
     * Returns the natural logarithm. Tangent {@code u̇ / (u + 0)}; {@code log(±0)} has value
     * {@code -Infinity} and tangent {@code +Infinity} (for {@code u̇ > 0}); negative arguments give
     * value and tangent NaN.
     *
     * @return {@code log(this)}
     */
    public Dual log() {
        double v = Math.log(value);
        return new Dual(v, tangent / (value < 0.0 ? v : value + 0.0));
    }

    /**
     * Returns {@code log(1 + this)}, accurate near {@code 0}. Tangent {@code u̇ / (1 + u)}; NaN
     * below {@code -1}.
     *
     * @return {@code log1p(this)}
     */
    public Dual log1p() {
        double v = Math.log1p(value);
        return new Dual(v, tangent / (value < -1.0 ? v : 1.0 + value));
    }

    /**
     * Returns the base-10 logarithm. Tangent {@code (1 / ln 10)·u̇ / (u + 0)}; NaN for negative
     * arguments, as for {@link #log()}.
     *
     * @return {@code log10(this)}
     */
    public Dual log10() {
        double v = Math.log10(value);
        return new Dual(v, INV_LN_10 * tangent / (value < 0.0 ? v : value + 0.0));
    }

    // ---------------------------------------------------------------------------------------------
    // Trigonometric
    // ---------------------------------------------------------------------------------------------

    /**
     * Returns the sine (argument in radians). Tangent {@code cos(u)·u̇}.
     *
     * @return {@code sin(this)}
     */
    public Dual sin() {
        return new Dual(Math.sin(value), Math.cos(value) * tangent);
    }

    /**
     * Returns the cosine (argument in radians). Tangent {@code -sin(u)·u̇}.
     *
     * @return {@code cos(this)}
     */
    public Dual cos() {
        return new Dual(Math.cos(value), -Math.sin(value) * tangent);
    }

    /**
     * Returns the tangent function (argument in radians). Tangent {@code (1 + v·v)·u̇}.
     *
     * @return {@code tan(this)}
     */
    public Dual tan() {
        double v = Math.tan(value);
        return new Dual(v, (1.0 + v * v) * tangent);
    }

    /**
     * Returns the arc sine. Tangent {@code u̇ / sqrt((1 - u)·(1 + u))}; infinite at {@code ±1}, NaN
     * outside {@code [-1, 1]}.
     *
     * @return {@code asin(this)}
     */
    public Dual asin() {
        return new Dual(Math.asin(value), tangent / Math.sqrt(oneMinusSquare(value)));
    }

    /**
     * Returns the arc cosine. Tangent {@code -u̇ / sqrt((1 - u)·(1 + u))}; infinite at {@code ±1},
     * NaN outside {@code [-1, 1]}.
     *
     * @return {@code acos(this)}
     */
    public Dual acos() {
        return new Dual(Math.acos(value), -tangent / Math.sqrt(oneMinusSquare(value)));
    }

    /**
     * Returns the arc tangent. Tangent {@code (1 / (1 + u·u))·u̇}, or {@code (1 / u / u)·u̇} for
     * {@code |u| > 1e8}, where {@code u·u} could overflow.
     *
     * @return {@code atan(this)}
     */
    public Dual atan() {
        double p = Math.abs(value) > 100000000.0
                ? 1.0 / value / value
                : 1.0 / (1.0 + value * value);
        return new Dual(Math.atan(value), p * tangent);
    }

    /**
     * Returns the angle of the point {@code (x, y)} with {@code y = this}, value computed by
     * {@link Math#atan2(double, double) Math.atan2(y, x)}. The tangent is
     * {@code (x·ẏ - y·ẋ) / (x·x + y·y)} computed with {@code x} and {@code y} divided by
     * {@code s = max(|x|, |y|)}: with {@code a = x / s}, {@code b = y / s} and
     * {@code q = a·a + b·b} it is {@code ((a / q)·ẏ - (b / q)·ẋ) / s}, free of overflow and
     * underflow at every scale; NaN at the origin, 0 when an argument is infinite.
     *
     * @param x the abscissa ({@code this} is the ordinate)
     * @return {@code atan2(this, x)}
     */
    public Dual atan2(Dual x) {
        double y = value;
        double s = Math.max(Math.abs(y), Math.abs(x.value));
        double a = scaled(x.value, s);
        double b = scaled(y, s);
        double q = a * a + b * b;
        return new Dual(Math.atan2(y, x.value), (a / q * tangent - b / q * x.tangent) / s);
    }

    /**
     * Returns {@code atan2(this, x)} for a constant abscissa; the atan2 rule without the constant's term.
     *
     * @param x the constant abscissa ({@code this} is the ordinate)
     * @return {@code atan2(this, x)}
     */
    public Dual atan2(double x) {
        double s = Math.max(Math.abs(value), Math.abs(x));
        double a = scaled(x, s);
        double b = scaled(value, s);
        double q = a * a + b * b;
        return new Dual(Math.atan2(value, x), a / q * tangent / s);
    }

    /**
     * Converts an angle in degrees to radians. Tangent {@code Math.toRadians(u̇)} (a linear map).
     *
     * @return the angle in radians
     */
    public Dual toRadians() {
        return new Dual(Math.toRadians(value), Math.toRadians(tangent));
    }

    /**
     * Converts an angle in radians to degrees. Tangent {@code Math.toDegrees(u̇)} (a linear map).
     *
     * @return the angle in degrees
     */
    public Dual toDegrees() {
        return new Dual(Math.toDegrees(value), Math.toDegrees(tangent));
    }

    // ---------------------------------------------------------------------------------------------
    // Hyperbolic
    // ---------------------------------------------------------------------------------------------

    /**
     * Returns the hyperbolic sine. Tangent {@code cosh(u)·u̇}.
     *
     * @return {@code sinh(this)}
     */
    public Dual sinh() {
        return new Dual(Math.sinh(value), Math.cosh(value) * tangent);
    }

    /**
     * Returns the hyperbolic cosine. Tangent {@code sinh(u)·u̇}.
     *
     * @return {@code cosh(this)}
     */
    public Dual cosh() {
        return new Dual(Math.cosh(value), Math.sinh(value) * tangent);
    }

    /**
     * Returns the hyperbolic tangent. Tangent {@code (1 - v·v)·u̇} for {@code |u| < 0.5}; beyond,
     * where {@code 1 - v·v} cancels, {@code t·(1 + |v|)²·u̇} with {@code t = exp(-2|u|)}.
     *
     * @return {@code tanh(this)}
     */
    public Dual tanh() {
        double v = Math.tanh(value);
        return new Dual(v, tanhPartial(value, v) * tangent);
    }

    /** The tanh partial of the tangent table, shared with {@link DualVector#tanh()}. */
    static double tanhPartial(double u, double v) {
        return Math.abs(u) < 0.5
                ? 1.0 - v * v
                : Math.exp(-2.0 * Math.abs(u)) * ((1.0 + Math.abs(v)) * (1.0 + Math.abs(v)));
    }

    // ---------------------------------------------------------------------------------------------
    // Inverse hyperbolic functions and logarithms to a base (FastMath's; java.lang.Math has none)
    // ---------------------------------------------------------------------------------------------

    /** {@code ln 2} correctly rounded. */
    private static final double LN_2 = 0.6931471805599453;

    /**
     * Returns the inverse hyperbolic sine, as {@code FastMath.asinh}. Tangent
     * {@code u̇ / sqrt(1 + u²)} ({@code u̇ / |u|} beyond {@code |u| = 1e8}, where {@code u²} may
     * overflow).
     *
     * @return {@code asinh(this)}
     */
    public Dual asinh() {
        return new Dual(asinhValue(value), tangent / asinhDivisor(value));
    }

    /**
     * Returns the inverse hyperbolic cosine, as {@code FastMath.acosh}. Tangent
     * {@code u̇ / sqrt((u - 1)(u + 1))}: {@code +Infinity} at 1, NaN below 1 (as the value).
     *
     * @return {@code acosh(this)}
     */
    public Dual acosh() {
        return new Dual(acoshValue(value), tangent / acoshDivisor(value));
    }

    /**
     * Returns the inverse hyperbolic tangent, as {@code FastMath.atanh}. Tangent
     * {@code u̇ / (1 - u²)}: {@code +Infinity} at ±1, NaN outside [-1, 1] (as the value).
     *
     * @return {@code atanh(this)}
     */
    public Dual atanh() {
        double v = atanhValue(value);
        return new Dual(v, tangent / atanhDivisor(value, v));
    }

    /**
     * Returns the logarithm of {@code x} to {@code base}, {@code log(x) / log(base)}, as
     * {@code FastMath.log(base, x)}. Tangent {@code -(v / ln b)·ḃ / b + (1 / ln b)·ẋ / x}; NaN for
     * a negative base or x, as for {@link #log()}.
     *
     * @param base the base
     * @param x the argument
     * @return {@code log_base(x)}
     */
    public static Dual log(Dual base, Dual x) {
        double lb = Math.log(base.value);
        double v = Math.log(x.value) / lb;
        return new Dual(
                v,
                -v / lb * base.tangent / logDivisor(base.value, v)
                        + 1.0 / lb * x.tangent / logDivisor(x.value, v));
    }

    /**
     * Returns the logarithm of {@code x} to a constant {@code base}: tangent
     * {@code (1 / ln b)·ẋ / x}.
     *
     * @param base the base
     * @param x the argument
     * @return {@code log_base(x)}
     */
    public static Dual log(double base, Dual x) {
        double lb = Math.log(base);
        double v = Math.log(x.value) / lb;
        return new Dual(v, 1.0 / lb * x.tangent / logDivisor(x.value, v));
    }

    /**
     * Returns the logarithm of a constant {@code x} to {@code base}: tangent
     * {@code -(v / ln b)·ḃ / b}.
     *
     * @param base the base
     * @param x the argument
     * @return {@code log_base(x)}
     */
    public static Dual log(Dual base, double x) {
        double lb = Math.log(base.value);
        double v = Math.log(x) / lb;
        return new Dual(v, -v / lb * base.tangent / logDivisor(base.value, v));
    }

    /** u + 0 (both zeros as +0), or the value, NaN, for a negative u: the divisor of log's rules. */
    static double logDivisor(double u, double v) {
        return u < 0.0 ? v : u + 0.0;
    }

    /** The divisor of the asinh partial of the tangent table. */
    static double asinhDivisor(double u) {
        return Math.abs(u) > 100000000.0 ? Math.abs(u) : Math.sqrt(1.0 + u * u);
    }

    /** The divisor of the acosh partial of the tangent table: NaN below 1. */
    static double acoshDivisor(double u) {
        return u < 1.0 ? Double.NaN : (u > 100000000.0 ? u : Math.sqrt((u - 1.0) * (u + 1.0)));
    }

    /** The divisor of the atanh partial of the tangent table ({@code v} is atanh(u)). */
    static double atanhDivisor(double u, double v) {
        return Math.abs(u) > 1.0 ? v : oneMinusSquare(u);
    }

    /**
     * asinh(x) = sign(x)·ln(|x| + sqrt(x² + 1)), in forms that neither cancel nor overflow:
     * {@code log1p(a + a²/(1 + sqrt(1 + a²)))} up to a = 2 (accurate near 0),
     * {@code ln(2a + 1/(sqrt(a² + 1) + a))} up to 2^28, and {@code ln a + ln 2} beyond, where the
     * rest is below half an ulp.
     */
    static double asinhValue(double x) {
        double a = Math.abs(x);
        double r;
        if (!(a < 0x1p28)) {
            r = Math.log(a) + LN_2; // also infinite and NaN arguments
        } else if (a > 2.0) {
            r = Math.log(2.0 * a + 1.0 / (Math.sqrt(a * a + 1.0) + a));
        } else {
            double a2 = a * a;
            r = Math.log1p(a + a2 / (1.0 + Math.sqrt(1.0 + a2)));
        }
        return Math.copySign(r, x);
    }

    /**
     * acosh(x) = ln(x + sqrt(x² − 1)) for x ≥ 1: {@code log1p(t + sqrt(2t + t²))} with t = x − 1
     * (exact) up to 2, {@code ln(2x − 1/(x + sqrt(x² − 1)))} up to 2^28, {@code ln x + ln 2}
     * beyond; NaN below 1.
     */
    static double acoshValue(double x) {
        if (!(x >= 1.0)) {
            return Double.NaN;
        }
        if (x >= 0x1p28) {
            return Math.log(x) + LN_2;
        }
        if (x > 2.0) {
            return Math.log(2.0 * x - 1.0 / (x + Math.sqrt(x * x - 1.0)));
        }
        double t = x - 1.0;
        return Math.log1p(t + Math.sqrt(2.0 * t + t * t));
    }

    /**
     * atanh(x) = ½·ln((1 + x)/(1 − x)) = sign(x)·½·log1p(2a/(1 − a)), a = |x|; below a = 0.5 as
     * {@code ½·log1p(2a + 2a²/(1 − a))}, accurate near 0. ±∞ at ±1, NaN beyond.
     */
    static double atanhValue(double x) {
        double a = Math.abs(x);
        double r =
                a < 0.5
                        ? 0.5 * Math.log1p(2.0 * a + 2.0 * a * a / (1.0 - a))
                        : 0.5 * Math.log1p(2.0 * a / (1.0 - a));
        return Math.copySign(r, x);
    }

    // ---------------------------------------------------------------------------------------------
    // Piecewise: sign, rounding, comparisons and floating-point manipulation
    // ---------------------------------------------------------------------------------------------

    /**
     * Returns the absolute value. The tangent follows the sign bit of {@code u}:
     * {@code copySign(1, u)·u̇}, i.e. {@code -u̇} when it is set ({@code u < 0} or {@code u = -0.0}),
     * otherwise {@code u̇}. So {@code abs(+0.0)} has tangent {@code u̇} and {@code abs(-0.0)} has
     * tangent {@code -u̇}. A NaN argument gives a NaN tangent.
     *
     * @return {@code |this|}
     */
    public Dual abs() {
        return new Dual(Math.abs(value), (value == value ? Math.copySign(1.0, value) : value) * tangent);
    }

    /**
     * Returns the smaller of {@code this} and {@code w}, value computed by
     * {@link Math#min(double, double)}. Tangent {@code (u <= w) ? u̇ : ẇ}: a tie takes the tangent of
     * {@code this}; if either value is NaN (result value NaN) the tangent of {@code w} is taken.
     *
     * @param w the other operand
     * @return the minimum
     */
    public Dual min(Dual w) {
        return new Dual(Math.min(value, w.value), (value <= w.value) ? tangent : w.tangent);
    }

    /**
     * Returns the smaller of {@code this} and a constant {@code w}; the
     * min rule without the constants' terms.
     *
     * @param w the constant other operand
     * @return the minimum
     */
    public Dual min(double w) {
        return new Dual(Math.min(value, w), value <= w ? tangent : 0.0);
    }

    /**
     * Returns the larger of {@code this} and {@code w}, value computed by
     * {@link Math#max(double, double)}. Tangent {@code (u >= w) ? u̇ : ẇ}: a tie takes the tangent of
     * {@code this}; if either value is NaN (result value NaN) the tangent of {@code w} is taken.
     *
     * @param w the other operand
     * @return the maximum
     */
    public Dual max(Dual w) {
        return new Dual(Math.max(value, w.value), (value >= w.value) ? tangent : w.tangent);
    }

    /**
     * Returns the larger of {@code this} and a constant {@code w}; the
     * max rule without the constants' terms.
     *
     * @param w the constant other operand
     * @return the maximum
     */
    public Dual max(double w) {
        return new Dual(Math.max(value, w), value >= w ? tangent : 0.0);
    }

    /**
     * Returns the signum ({@code -1}, {@code 0} or {@code 1}, keeping signed zeros and NaN). Tangent
     * {@code 0} (piecewise constant, including at {@code 0}).
     *
     * @return {@code signum(this)} as a constant
     */
    public Dual signum() {
        return constant(Math.signum(value));
    }

    /**
     * Returns the largest integer value not greater than {@code this}. Tangent {@code 0} (piecewise
     * constant, including at the jumps).
     *
     * @return {@code floor(this)} as a constant
     */
    public Dual floor() {
        return constant(Math.floor(value));
    }

    /**
     * Returns the smallest integer value not less than {@code this}. Tangent {@code 0} (piecewise
     * constant, including at the jumps).
     *
     * @return {@code ceil(this)} as a constant
     */
    public Dual ceil() {
        return constant(Math.ceil(value));
    }

    /**
     * Returns the integer value closest to {@code this} (ties to even). Tangent {@code 0} (piecewise
     * constant, including at the jumps).
     *
     * @return {@code rint(this)} as a constant
     */
    public Dual rint() {
        return constant(Math.rint(value));
    }

    /**
     * Returns the size of an ulp of the value. Tangent {@code 0} (piecewise constant).
     *
     * @return {@code ulp(this)} as a constant
     */
    public Dual ulp() {
        return constant(Math.ulp(value));
    }

    /**
     * Returns the magnitude of {@code this} with the sign of {@code sign}, value computed by
     * {@link Math#copySign(double, double)}. The tangent does not depend on {@code sign}'s tangent:
     * {@code copySign(1, u)·copySign(1, v)·u̇}, i.e. {@code u̇} when the sign is kept and
     * {@code -u̇} when it is flipped (signed zeros count); NaN when {@code this} is NaN.
     *
     * @param sign the operand providing the sign
     * @return {@code this} with the sign of {@code sign}
     */
    public Dual copySign(Dual sign) {
        double v = Math.copySign(value, sign.value);
        double p = value == value ? Math.copySign(1.0, value) * Math.copySign(1.0, v) : value;
        return new Dual(v, p * tangent);
    }

    /**
     * Returns the magnitude of {@code this} with the sign of a constant; same as
     * {@code copySign(constant(sign))}.
     *
     * @param sign the constant providing the sign
     * @return {@code this} with the sign of {@code sign}
     */
    public Dual copySign(double sign) {
        return copySign(constant(sign));
    }

    /**
     * Returns the adjacent floating-point value towards positive infinity. Tangent {@code u̇}.
     *
     * @return {@code nextUp(this)}
     */
    public Dual nextUp() {
        return new Dual(Math.nextUp(value), tangent);
    }

    /**
     * Returns the adjacent floating-point value towards negative infinity. Tangent {@code u̇}.
     *
     * @return {@code nextDown(this)}
     */
    public Dual nextDown() {
        return new Dual(Math.nextDown(value), tangent);
    }

    /**
     * Returns the floating-point value adjacent to {@code this} in the direction of
     * {@code direction}. Tangent {@code u̇}.
     *
     * @param direction the value towards which to step
     * @return {@code nextAfter(this, direction)}
     */
    public Dual nextAfter(double direction) {
        return new Dual(Math.nextAfter(value, direction), tangent);
    }

    /**
     * Returns {@code this · 2^n}, value computed by {@link Math#scalb(double, int)}. Tangent
     * {@code Math.scalb(1, n)·u̇} (a linear map; the partial {@code 2^n} is infinite or zero
     * beyond the range of {@code double}).
     *
     * @param n the power of two
     * @return {@code this · 2^n}
     */
    public Dual scalb(int n) {
        return new Dual(Math.scalb(value, n), Math.scalb(1.0, n) * tangent);
    }

    /**
     * 1 − u² for asin and acos: directly where |u| < 0.5 (its derivative −2u stays exact near 0),
     * as (1 − u)(1 + u) nearer ±1 (no cancellation). The tangent table writes the same.
     */
    private static double oneMinusSquare(double u) {
        return u * u < 0.25 ? 1.0 - u * u : (1.0 - u) * (1.0 + u);
    }
}
