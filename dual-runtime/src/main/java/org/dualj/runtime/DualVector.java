package org.dualj.runtime;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable value with {@code p} tangents: {@code value + Σₖ tangent(k)·εₖ}. It carries the
 * derivative of one quantity along {@code p} seed directions at once, i.e. one row of a Jacobian.
 * {@code p} is the {@link #width() width}; it is fixed when the vector is created, and
 * {@code p = 0} (a value without tangents) is allowed.
 *
 * <h2>Same rules as {@link Dual}, lane by lane</h2>
 *
 * <p>Every operation has the name, overloads and tangent formula of the matching {@link Dual}
 * method (see there and the project's single tangent table), applied independently to each tangent
 * index {@code k} (a <em>lane</em>). The value is computed exactly as {@code Dual} computes it, and
 * tangent {@code k} of the result is bit for bit the tangent that {@code Dual} computes from the
 * operands' {@code k}-th tangents: the partial derivatives are computed once per operation and then
 * combined with each lane using the same arithmetic, in the same order, as {@code Dual}. In
 * particular:
 *
 * <ul>
 *   <li>the guards of {@link #pow(DualVector) pow} are applied per lane: a term is skipped in the
 *       lanes where the tangent it multiplies is exactly zero;
 *   <li>{@link #min(DualVector) min} and {@link #max(DualVector) max} compare the values once and
 *       take all tangents from the selected operand (ties: the receiver; NaN: the argument);
 *   <li>{@link #abs() abs} follows the sign bit of the value;
 *   <li>the overloads with a {@code double} argument treat it as a constant and drop its term
 *       exactly as {@code Dual}'s overloads do;
 *   <li>no arithmetic method throws: singular points follow IEEE 754 and NaN propagates.
 * </ul>
 *
 * <h2>Widths</h2>
 *
 * <p>The one exception to "no exceptions": an operation combining two or more {@code DualVector}s
 * of different widths throws {@link IllegalArgumentException}, since mixing seed sets is a
 * programming error, not a numerical condition.
 *
 * <h2>Value semantics</h2>
 *
 * <p>Instances are immutable: the factories copy their input array and {@link #tangents()} returns
 * a fresh copy. {@link #equals(Object)}, {@link #hashCode()} and {@link #toString()} are defined by
 * the value and the tangents as a record would define them, i.e. doubles compare as by
 * {@link Double#compare(double, double)} ({@code 0.0 ≠ -0.0}, {@code NaN = NaN}).
 *
 * <p>Array helpers (seeding, extracting values, assembling a Jacobian) are in {@link DualVectors}.
 */
public final class DualVector {

    /** {@code ln 10}, used by {@link #log10()}; the same constant as {@code Dual}'s. */
    private static final double INV_LN_10 = 0.4342944819032518;

    private final double value;

    /** Never modified after construction, so instances may share it. */
    private final double[] tangents;

    /** Takes ownership of {@code tangents} (no copy): callers pass fresh or shared immutable arrays. */
    private DualVector(double value, double[] tangents) {
        this.value = value;
        this.tangents = tangents;
    }

    // ---------------------------------------------------------------------------------------------
    // Factories
    // ---------------------------------------------------------------------------------------------

    /**
     * Returns a vector with the given value and tangents; its width is {@code tangents.length}.
     *
     * @param value the value
     * @param tangents the tangents, copied
     * @return {@code value + Σₖ tangents[k]·εₖ}
     * @throws NullPointerException if {@code tangents} is {@code null}
     */
    public static DualVector of(double value, double... tangents) {
        Objects.requireNonNull(tangents, "tangents");
        return new DualVector(value, tangents.clone());
    }

    /**
     * Returns the independent variable number {@code index} of {@code width}: the given value with
     * the unit vector {@code e_index} as tangents.
     *
     * @param value the value
     * @param index the seed direction, in {@code [0, width)}
     * @param width the number of tangents
     * @return {@code value + 1·ε_index}
     * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, width)}
     */
    public static DualVector variable(double value, int index, int width) {
        Objects.checkIndex(index, width);
        double[] t = new double[width];
        t[index] = 1.0;
        return new DualVector(value, t);
    }

    /**
     * Returns a constant: the given value with {@code width} zero tangents.
     *
     * @param value the value
     * @param width the number of tangents
     * @return {@code value + 0}
     * @throws IllegalArgumentException if {@code width} is negative
     */
    public static DualVector constant(double value, int width) {
        if (width < 0) {
            throw new IllegalArgumentException("negative width: " + width);
        }
        return new DualVector(value, new double[width]);
    }

    // ---------------------------------------------------------------------------------------------
    // Accessors and value semantics
    // ---------------------------------------------------------------------------------------------

    /**
     * Returns the value.
     *
     * @return the value
     */
    public double value() {
        return value;
    }

    /**
     * Returns tangent {@code k}: the derivative along seed direction {@code k}.
     *
     * @param k the tangent index, in {@code [0, width())}
     * @return tangent {@code k}
     * @throws IndexOutOfBoundsException if {@code k} is out of range
     */
    public double tangent(int k) {
        return tangents[k];
    }

    /**
     * Returns the number of tangents.
     *
     * @return the width {@code p}
     */
    public int width() {
        return tangents.length;
    }

    /**
     * Returns all tangents.
     *
     * @return a fresh copy of the tangents; changing it does not change this vector
     */
    public double[] tangents() {
        return tangents.clone();
    }

    /**
     * Compares value and tangents as a record would: each double by
     * {@link Double#compare(double, double)}, so {@code 0.0} and {@code -0.0} differ and NaN equals
     * NaN. Vectors of different widths are not equal.
     *
     * @param o the other object
     * @return whether {@code o} is a {@code DualVector} with the same value and tangents
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DualVector)) {
            return false;
        }
        DualVector other = (DualVector) o;
        // Arrays.equals(double[], double[]) compares doubleToLongBits, i.e. Double.compare == 0.
        return Double.compare(value, other.value) == 0 && Arrays.equals(tangents, other.tangents);
    }

    /**
     * Returns a hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return 31 * Double.hashCode(value) + Arrays.hashCode(tangents);
    }

    /**
     * Returns a description in record style, e.g. {@code DualVector[value=1.5, tangents=[1.0, 0.0]]}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "DualVector[value=" + value + ", tangents=" + Arrays.toString(tangents) + "]";
    }

    // ---------------------------------------------------------------------------------------------
    // Internal helpers
    // ---------------------------------------------------------------------------------------------

    /** Throws unless {@code other} has the width of this vector. */
    private void requireSameWidth(DualVector other, String operation) {
        if (other.tangents.length != tangents.length) {
            throw new IllegalArgumentException(
                    "DualVector." + operation + ": width mismatch: this has " + tangents.length
                            + " tangents, the argument has " + other.tangents.length);
        }
    }

    /** Returns {@code c·u̇} lane by lane. */
    private DualVector scaled(double v, double c) {
        double[] u = tangents;
        int n = u.length;
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = c * u[k];
        }
        return new DualVector(v, t);
    }

    /** Returns {@code u̇ / d} lane by lane. */
    private DualVector divided(double v, double d) {
        double[] u = tangents;
        int n = u.length;
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = u[k] / d;
        }
        return new DualVector(v, t);
    }

    /** Returns {@code -u̇} lane by lane. */
    private static double[] negated(double[] u) {
        int n = u.length;
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = -u[k];
        }
        return t;
    }

    // ---------------------------------------------------------------------------------------------
    // Arithmetic
    // ---------------------------------------------------------------------------------------------

    /**
     * Returns {@code this + w}. Lane {@code k}: {@code u̇ + ẇ}.
     *
     * @param w the addend
     * @return the sum
     * @throws IllegalArgumentException if the widths differ
     */
    public DualVector add(DualVector w) {
        requireSameWidth(w, "add");
        double[] u = tangents;
        double[] dw = w.tangents;
        int n = u.length;
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = u[k] + dw[k];
        }
        return new DualVector(value + w.value, t);
    }

    /**
     * Returns {@code this + w} for a constant {@code w}. Lane {@code k}: {@code u̇}.
     *
     * @param w the constant addend
     * @return the sum
     */
    public DualVector add(double w) {
        return new DualVector(value + w, tangents);
    }

    /**
     * Returns {@code this - w}. Lane {@code k}: {@code u̇ - ẇ}.
     *
     * @param w the subtrahend
     * @return the difference
     * @throws IllegalArgumentException if the widths differ
     */
    public DualVector subtract(DualVector w) {
        requireSameWidth(w, "subtract");
        double[] u = tangents;
        double[] dw = w.tangents;
        int n = u.length;
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = u[k] - dw[k];
        }
        return new DualVector(value - w.value, t);
    }

    /**
     * Returns {@code this - w} for a constant {@code w}. Lane {@code k}: {@code u̇}.
     *
     * @param w the constant subtrahend
     * @return the difference
     */
    public DualVector subtract(double w) {
        return new DualVector(value - w, tangents);
    }

    /**
     * Returns {@code this · w}. Lane {@code k}: {@code w·u̇ + u·ẇ}.
     *
     * @param w the multiplier
     * @return the product
     * @throws IllegalArgumentException if the widths differ
     */
    public DualVector multiply(DualVector w) {
        requireSameWidth(w, "multiply");
        double cu = w.value;
        double cw = value;
        double[] u = tangents;
        double[] dw = w.tangents;
        int n = u.length;
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = cu * u[k] + cw * dw[k];
        }
        return new DualVector(value * w.value, t);
    }

    /**
     * Returns {@code this · w} for a constant {@code w}. Lane {@code k}: {@code w·u̇}.
     *
     * @param w the constant multiplier
     * @return the product
     */
    public DualVector multiply(double w) {
        return scaled(value * w, w);
    }

    /**
     * Returns {@code this / w}. With {@code v = u / w}, lane {@code k}: {@code (u̇ - v·ẇ) / w}.
     * Division by zero follows IEEE 754.
     *
     * @param w the divisor
     * @return the quotient
     * @throws IllegalArgumentException if the widths differ
     */
    public DualVector divide(DualVector w) {
        requireSameWidth(w, "divide");
        double v = value / w.value;
        double d = w.value;
        double[] u = tangents;
        double[] dw = w.tangents;
        int n = u.length;
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = (u[k] - v * dw[k]) / d;
        }
        return new DualVector(v, t);
    }

    /**
     * Returns {@code this / w} for a constant {@code w}. Lane {@code k}: {@code u̇ / w}.
     *
     * @param w the constant divisor
     * @return the quotient
     */
    public DualVector divide(double w) {
        return divided(value / w, w);
    }

    /**
     * Returns {@code -this}. Lane {@code k}: {@code -u̇}.
     *
     * @return the negation
     */
    public DualVector negate() {
        return new DualVector(-value, negated(tangents));
    }

    /**
     * Returns {@code 1 / this}. With {@code v = 1 / u}, lane {@code k}: {@code -v·v·u̇}.
     *
     * @return the reciprocal
     */
    public DualVector reciprocal() {
        double v = 1.0 / value;
        return scaled(v, -v * v);
    }

    /**
     * Returns the fused multiply-add {@code this·b + c}, value computed by
     * {@link Math#fma(double, double, double)}. With {@code a = this}, lane {@code k}:
     * {@code b·ȧ + a·ḃ + ċ}.
     *
     * @param b the multiplier
     * @param c the addend
     * @return {@code this·b + c}
     * @throws IllegalArgumentException if the widths differ
     */
    public DualVector fma(DualVector b, DualVector c) {
        requireSameWidth(b, "fma");
        requireSameWidth(c, "fma");
        double ca = b.value;
        double cb = value;
        double[] da = tangents;
        double[] db = b.tangents;
        double[] dc = c.tangents;
        int n = da.length;
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = ca * da[k] + cb * db[k] + dc[k];
        }
        return new DualVector(Math.fma(value, b.value, c.value), t);
    }

    /**
     * Returns {@code this·b + c} for constants {@code b} and {@code c}. Lane {@code k}: {@code b·ȧ}.
     *
     * @param b the constant multiplier
     * @param c the constant addend
     * @return {@code this·b + c}
     */
    public DualVector fma(double b, double c) {
        return scaled(Math.fma(value, b, c), b);
    }

    /**
     * Returns Java's remainder {@code this % w}. With {@code n = rint((u - v) / w)}, lane {@code k}:
     * {@code u̇ - n·ẇ}.
     *
     * @param w the divisor
     * @return the remainder, as {@code %} computes it
     * @throws IllegalArgumentException if the widths differ
     */
    public DualVector remainder(DualVector w) {
        requireSameWidth(w, "remainder");
        double v = value % w.value;
        return remainderRule(v, Math.rint((value - v) / w.value), w);
    }

    /**
     * Returns Java's remainder {@code this % w} for a constant {@code w}. Lane {@code k}: {@code u̇}.
     *
     * @param w the constant divisor
     * @return the remainder, as {@code %} computes it
     */
    public DualVector remainder(double w) {
        return new DualVector(value % w, tangents);
    }

    /**
     * Returns the IEEE 754 remainder of {@code this / w}, value computed by
     * {@link Math#IEEEremainder(double, double)}. With {@code n = rint((u - v) / w)}, lane
     * {@code k}: {@code u̇ - n·ẇ}.
     *
     * @param w the divisor
     * @return the IEEE remainder
     * @throws IllegalArgumentException if the widths differ
     */
    public DualVector IEEEremainder(DualVector w) {
        requireSameWidth(w, "IEEEremainder");
        double v = Math.IEEEremainder(value, w.value);
        return remainderRule(v, Math.rint((value - v) / w.value), w);
    }

    /**
     * Returns the IEEE 754 remainder of {@code this / w} for a constant {@code w}. Lane {@code k}:
     * {@code u̇}.
     *
     * @param w the constant divisor
     * @return the IEEE remainder
     */
    public DualVector IEEEremainder(double w) {
        return new DualVector(Math.IEEEremainder(value, w), tangents);
    }

    /** Lane {@code k}: {@code u̇ - q·ẇ}; shared by both remainders. */
    private DualVector remainderRule(double v, double q, DualVector w) {
        double[] u = tangents;
        double[] dw = w.tangents;
        int n = u.length;
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = u[k] - q * dw[k];
        }
        return new DualVector(v, t);
    }

    // ---------------------------------------------------------------------------------------------
    // Powers and roots
    // ---------------------------------------------------------------------------------------------

    /**
     * Returns {@code this} raised to the power {@code w}, value computed by
     * {@link Math#pow(double, double)}. Lane {@code k}: {@code A + B} with
     *
     * <ul>
     *   <li>{@code A = (u̇ == 0 || w == 0) ? 0 : w·pow(u, w - 1)·u̇}
     *   <li>{@code B = (ẇ == 0) ? 0 : v·log(u)·ẇ}
     * </ul>
     *
     * <p>The guards test each lane's own tangents, so a lane in which the exponent does not vary
     * gets a finite tangent even for a negative base (see {@link Dual#pow(Dual)}).
     *
     * @param w the exponent
     * @return {@code this^w}
     * @throws IllegalArgumentException if the widths differ
     */
    public DualVector pow(DualVector w) {
        requireSameWidth(w, "pow");
        return powRule(value, tangents, w.value, w.tangents);
    }

    /**
     * Returns {@code this} raised to a constant power; the pow rule without the constant's term.
     * Lane {@code k}: {@code (u̇ == 0 || w == 0) ? 0 : w·pow(u, w - 1)·u̇}.
     *
     * @param w the constant exponent
     * @return {@code this^w}
     */
    public DualVector pow(double w) {
        return powRule(value, tangents, w, null);
    }

    /**
     * Returns {@code this} raised to a constant integer power; same as {@link #pow(double)} with
     * {@code (double) n}.
     *
     * @param n the constant exponent
     * @return {@code this^n}
     */
    public DualVector pow(int n) {
        return powRule(value, tangents, n, null);
    }

    /**
     * Returns a constant {@code base} raised to the power {@code exponent}; same as
     * {@code constant(base, exponent.width()).pow(exponent)}. Lane {@code k}:
     * {@code (ẇ == 0) ? 0 : v·log(base)·ẇ}.
     *
     * @param base the constant base
     * @param exponent the exponent
     * @return {@code base^exponent}
     */
    public static DualVector pow(double base, DualVector exponent) {
        return powRule(base, null, exponent.value, exponent.tangents);
    }

    /**
     * The {@code pow} rule of the tangent table, lane by lane; see {@link #pow(DualVector)}. A
     * {@code null} tangent array stands for a constant operand, whose term is {@code 0.0} in every
     * lane. That {@code 0.0} is still added, as {@code Dual}'s rule adds it: it turns a
     * {@code -0.0} of the other term into {@code +0.0}.
     */
    private static DualVector powRule(double u, double[] du, double w, double[] dw) {
        double v = Math.pow(u, w);
        int n = du != null ? du.length : dw.length;
        double[] t = new double[n];
        boolean zeroExponent = w == 0.0;
        if (dw == null) {
            double ca = w * Math.pow(u, w - 1.0);
            for (int k = 0; k < n; k++) {
                t[k] = ((du[k] == 0.0 || zeroExponent) ? 0.0 : ca * du[k]) + 0.0;
            }
        } else if (du == null) {
            double cb = v == 0.0 ? 0.0 : v * Math.log(u);
            for (int k = 0; k < n; k++) {
                t[k] = 0.0 + ((dw[k] == 0.0) ? 0.0 : cb * dw[k]);
            }
        } else {
            double ca = w * Math.pow(u, w - 1.0);
            double cb = v == 0.0 ? 0.0 : v * Math.log(u);
            for (int k = 0; k < n; k++) {
                t[k] = ((du[k] == 0.0 || zeroExponent) ? 0.0 : ca * du[k])
                        + ((dw[k] == 0.0) ? 0.0 : cb * dw[k]);
            }
        }
        return new DualVector(v, t);
    }

    /**
     * Returns the square root. Lane {@code k}: {@code 0.5·u̇ / (v + 0)}.
     *
     * @return {@code sqrt(this)}
     */
    public DualVector sqrt() {
        double v = Math.sqrt(value);
        double d = v + 0.0;
        double[] u = tangents;
        int n = u.length;
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = 0.5 * u[k] / d;
        }
        return new DualVector(v, t);
    }

    /**
     * Returns the cube root. Lane {@code k}: {@code u̇ / (3·v·v)}.
     *
     * @return {@code cbrt(this)}
     */
    public DualVector cbrt() {
        double v = Math.cbrt(value);
        return divided(v, 3.0 * v * v);
    }

    /**
     * Returns {@code sqrt(this² + w²)}, value computed by {@link Math#hypot(double, double)}. Lane
     * {@code k}: {@code (a·u̇ + b·ẇ) / sqrt(a·a + b·b)} with {@code a = u / s}, {@code b = w / s},
     * {@code s = max(|u|, |w|)}.
     *
     * @param w the other side
     * @return the hypotenuse
     * @throws IllegalArgumentException if the widths differ
     */
    public DualVector hypot(DualVector w) {
        requireSameWidth(w, "hypot");
        double s = Math.max(Math.abs(value), Math.abs(w.value));
        double cu = Dual.scaled(value, s);
        double cw = Dual.scaled(w.value, s);
        double d = Math.sqrt(cu * cu + cw * cw);
        double[] u = tangents;
        double[] dw = w.tangents;
        int n = u.length;
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = (cu * u[k] + cw * dw[k]) / d;
        }
        return new DualVector(Math.hypot(value, w.value), t);
    }

    /**
     * Returns {@code sqrt(this² + w²)} for a constant {@code w}. Lane {@code k}:
     * {@code a·u̇ / sqrt(a·a + b·b)} (see {@link #hypot(DualVector)}).
     *
     * @param w the constant other side
     * @return the hypotenuse
     */
    public DualVector hypot(double w) {
        double s = Math.max(Math.abs(value), Math.abs(w));
        double cu = Dual.scaled(value, s);
        double cw = Dual.scaled(w, s);
        double d = Math.sqrt(cu * cu + cw * cw);
        double[] u = tangents;
        int n = u.length;
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = cu * u[k] / d;
        }
        return new DualVector(Math.hypot(value, w), t);
    }

    // ---------------------------------------------------------------------------------------------
    // Exponentials and logarithms
    // ---------------------------------------------------------------------------------------------

    /**
     * Returns {@code e^this}. Lane {@code k}: {@code v·u̇}.
     *
     * @return {@code exp(this)}
     */
    public DualVector exp() {
        double v = Math.exp(value);
        return scaled(v, v);
    }

    /**
     * Returns {@code e^this - 1}. Lane {@code k}: {@code (v + 1)·u̇}, {@code exp(u)·u̇} for
     * {@code u < -1}.
     *
     * @return {@code expm1(this)}
     */
    public DualVector expm1() {
        double v = Math.expm1(value);
        return scaled(v, value < -1.0 ? Math.exp(value) : v + 1.0);
    }

    /**
     * Returns the natural logarithm. Lane {@code k}: {@code u̇ / (u + 0)}, NaN for {@code u < 0}.
     *
     * @return {@code log(this)}
     */
    public DualVector log() {
        double v = Math.log(value);
        return divided(v, value < 0.0 ? v : value + 0.0);
    }

    /**
     * Returns {@code log(1 + this)}. Lane {@code k}: {@code u̇ / (1 + u)}, NaN for {@code u < -1}.
     *
     * @return {@code log1p(this)}
     */
    public DualVector log1p() {
        double v = Math.log1p(value);
        return divided(v, value < -1.0 ? v : 1.0 + value);
    }

    /**
     * Returns the base-10 logarithm. Lane {@code k}: {@code (1 / ln 10)·u̇ / (u + 0)}, NaN for
     * {@code u < 0}.
     *
     * @return {@code log10(this)}
     */
    public DualVector log10() {
        double v = Math.log10(value);
        double d = value < 0.0 ? v : value + 0.0;
        double[] u = tangents;
        int n = u.length;
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = INV_LN_10 * u[k] / d;
        }
        return new DualVector(v, t);
    }

    // ---------------------------------------------------------------------------------------------
    // Trigonometric
    // ---------------------------------------------------------------------------------------------

    /**
     * Returns the sine. Lane {@code k}: {@code cos(u)·u̇}.
     *
     * @return {@code sin(this)}
     */
    public DualVector sin() {
        return scaled(Math.sin(value), Math.cos(value));
    }

    /**
     * Returns the cosine. Lane {@code k}: {@code -sin(u)·u̇}.
     *
     * @return {@code cos(this)}
     */
    public DualVector cos() {
        return scaled(Math.cos(value), -Math.sin(value));
    }

    /**
     * Returns the tangent function. Lane {@code k}: {@code (1 + v·v)·u̇}.
     *
     * @return {@code tan(this)}
     */
    public DualVector tan() {
        double v = Math.tan(value);
        return scaled(v, 1.0 + v * v);
    }

    /**
     * Returns the arc sine. Lane {@code k}: {@code u̇ / sqrt((1 - u)·(1 + u))}.
     *
     * @return {@code asin(this)}
     */
    public DualVector asin() {
        return divided(Math.asin(value), Math.sqrt(oneMinusSquare(value)));
    }

    /**
     * Returns the arc cosine. Lane {@code k}: {@code -u̇ / sqrt((1 - u)·(1 + u))}.
     *
     * @return {@code acos(this)}
     */
    public DualVector acos() {
        double d = Math.sqrt(oneMinusSquare(value));
        double[] u = tangents;
        int n = u.length;
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = -u[k] / d;
        }
        return new DualVector(Math.acos(value), t);
    }

    /**
     * Returns the arc tangent. Lane {@code k}: {@code (1 / (1 + u·u))·u̇}, or
     * {@code (1 / u / u)·u̇} for {@code |u| > 1e8}.
     *
     * @return {@code atan(this)}
     */
    public DualVector atan() {
        double p = Math.abs(value) > 100000000.0
                ? 1.0 / value / value
                : 1.0 / (1.0 + value * value);
        return scaled(Math.atan(value), p);
    }

    /**
     * Returns the angle of the point {@code (x, y)} with {@code y = this}, value computed by
     * {@link Math#atan2(double, double) Math.atan2(y, x)}. Lane {@code k}:
     * {@code ((a / q)·ẏ - (b / q)·ẋ) / s} with {@code a = x / s}, {@code b = y / s},
     * {@code q = a·a + b·b}, {@code s = max(|x|, |y|)}.
     *
     * @param x the abscissa ({@code this} is the ordinate)
     * @return {@code atan2(this, x)}
     * @throws IllegalArgumentException if the widths differ
     */
    public DualVector atan2(DualVector x) {
        requireSameWidth(x, "atan2");
        double y = value;
        double xv = x.value;
        double s = Math.max(Math.abs(y), Math.abs(xv));
        double a = Dual.scaled(xv, s);
        double b = Dual.scaled(y, s);
        double q = a * a + b * b;
        double ca = a / q;
        double cb = b / q;
        double[] dy = tangents;
        double[] dx = x.tangents;
        int n = dy.length;
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = (ca * dy[k] - cb * dx[k]) / s;
        }
        return new DualVector(Math.atan2(y, xv), t);
    }

    /**
     * Returns {@code atan2(this, x)} for a constant abscissa. Lane {@code k}:
     * {@code (a / q)·ẏ / s} (see {@link #atan2(DualVector)}).
     *
     * @param x the constant abscissa ({@code this} is the ordinate)
     * @return {@code atan2(this, x)}
     */
    public DualVector atan2(double x) {
        double s = Math.max(Math.abs(value), Math.abs(x));
        double a = Dual.scaled(x, s);
        double b = Dual.scaled(value, s);
        double ca = a / (a * a + b * b);
        double[] dy = tangents;
        int n = dy.length;
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = ca * dy[k] / s;
        }
        return new DualVector(Math.atan2(value, x), t);
    }

    /**
     * Converts an angle in degrees to radians. Lane {@code k}: {@code Math.toRadians(u̇)}.
     *
     * @return the angle in radians
     */
    public DualVector toRadians() {
        double[] u = tangents;
        int n = u.length;
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = Math.toRadians(u[k]);
        }
        return new DualVector(Math.toRadians(value), t);
    }

    /**
     * Converts an angle in radians to degrees. Lane {@code k}: {@code Math.toDegrees(u̇)}.
     *
     * @return the angle in degrees
     */
    public DualVector toDegrees() {
        double[] u = tangents;
        int n = u.length;
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = Math.toDegrees(u[k]);
        }
        return new DualVector(Math.toDegrees(value), t);
    }

    // ---------------------------------------------------------------------------------------------
    // Hyperbolic
    // ---------------------------------------------------------------------------------------------

    /**
     * Returns the hyperbolic sine. Lane {@code k}: {@code cosh(u)·u̇}.
     *
     * @return {@code sinh(this)}
     */
    public DualVector sinh() {
        return scaled(Math.sinh(value), Math.cosh(value));
    }

    /**
     * Returns the hyperbolic cosine. Lane {@code k}: {@code sinh(u)·u̇}.
     *
     * @return {@code cosh(this)}
     */
    public DualVector cosh() {
        return scaled(Math.cosh(value), Math.sinh(value));
    }

    /**
     * Returns the hyperbolic tangent. Lane {@code k}: the partial of {@link Dual#tanh()} times
     * {@code u̇}.
     *
     * @return {@code tanh(this)}
     */
    public DualVector tanh() {
        double v = Math.tanh(value);
        return scaled(v, Dual.tanhPartial(value, v));
    }

    // ---------------------------------------------------------------------------------------------
    // Inverse hyperbolic functions and logarithms to a base (FastMath's; java.lang.Math has none)
    // ---------------------------------------------------------------------------------------------

    /**
     * Returns the inverse hyperbolic sine. Lane {@code k}: {@code u̇ / sqrt(1 + u²)}, as
     * {@link Dual#asinh()}.
     *
     * @return {@code asinh(this)}
     */
    public DualVector asinh() {
        return divided(Dual.asinhValue(value), Dual.asinhDivisor(value));
    }

    /**
     * Returns the inverse hyperbolic cosine. Lane {@code k}: {@code u̇ / sqrt((u - 1)(u + 1))}, as
     * {@link Dual#acosh()}.
     *
     * @return {@code acosh(this)}
     */
    public DualVector acosh() {
        return divided(Dual.acoshValue(value), Dual.acoshDivisor(value));
    }

    /**
     * Returns the inverse hyperbolic tangent. Lane {@code k}: {@code u̇ / (1 - u²)}, as
     * {@link Dual#atanh()}.
     *
     * @return {@code atanh(this)}
     */
    public DualVector atanh() {
        double v = Dual.atanhValue(value);
        return divided(v, Dual.atanhDivisor(value, v));
    }

    /**
     * Returns the logarithm of {@code x} to {@code base}, as {@link Dual#log(Dual, Dual)}, lane by
     * lane.
     *
     * @param base the base
     * @param x the argument, with as many tangents as {@code base}
     * @return {@code log_base(x)}
     */
    public static DualVector log(DualVector base, DualVector x) {
        base.requireSameWidth(x, "log");
        double lb = Math.log(base.value);
        double v = Math.log(x.value) / lb;
        double db = Dual.logDivisor(base.value, v);
        double dx = Dual.logDivisor(x.value, v);
        double[] b = base.tangents;
        double[] u = x.tangents;
        int n = u.length;
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = -v / lb * b[k] / db + 1.0 / lb * u[k] / dx;
        }
        return new DualVector(v, t);
    }

    /**
     * Returns the logarithm of a constant {@code x} to {@code base}. Lane {@code k}:
     * {@code -(v / ln b)·ḃ / b}.
     *
     * @param base the base
     * @param x the argument
     * @return {@code log_base(x)}
     */
    public static DualVector log(DualVector base, double x) {
        double lb = Math.log(base.value);
        double v = Math.log(x) / lb;
        double db = Dual.logDivisor(base.value, v);
        double[] b = base.tangents;
        int n = b.length;
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = -v / lb * b[k] / db;
        }
        return new DualVector(v, t);
    }

    /**
     * Returns the logarithm of {@code x} to a constant {@code base}. Lane {@code k}:
     * {@code (1 / ln b)·u̇ / x}.
     *
     * @param base the base
     * @param x the argument
     * @return {@code log_base(x)}
     */
    public static DualVector log(double base, DualVector x) {
        double lb = Math.log(base);
        double v = Math.log(x.value) / lb;
        double dx = Dual.logDivisor(x.value, v);
        double[] u = x.tangents;
        int n = u.length;
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = 1.0 / lb * u[k] / dx;
        }
        return new DualVector(v, t);
    }

    // ---------------------------------------------------------------------------------------------
    // Piecewise: sign, rounding, comparisons and floating-point manipulation
    // ---------------------------------------------------------------------------------------------

    /**
     * Returns the absolute value. Every lane follows the sign bit of {@code u}: {@code -u̇} when it
     * is set ({@code u < 0} or {@code u = -0.0}), otherwise {@code u̇}.
     *
     * @return {@code |this|}
     */
    public DualVector abs() {
        return scaled(Math.abs(value), value == value ? Math.copySign(1.0, value) : value);
    }

    /**
     * Returns the smaller of {@code this} and {@code w}, value computed by
     * {@link Math#min(double, double)}. All tangents are taken from {@code this} when
     * {@code u <= w} (ties included), otherwise from {@code w} (also when either value is NaN).
     *
     * @param w the other operand
     * @return the minimum
     * @throws IllegalArgumentException if the widths differ
     */
    public DualVector min(DualVector w) {
        requireSameWidth(w, "min");
        return new DualVector(Math.min(value, w.value), (value <= w.value) ? tangents : w.tangents);
    }

    /**
     * Returns the smaller of {@code this} and a constant {@code w}. Tangents of {@code this} when
     * {@code u <= w}, otherwise zeros.
     *
     * @param w the constant other operand
     * @return the minimum
     */
    public DualVector min(double w) {
        return new DualVector(Math.min(value, w), value <= w ? tangents : new double[tangents.length]);
    }

    /**
     * Returns the larger of {@code this} and {@code w}, value computed by
     * {@link Math#max(double, double)}. All tangents are taken from {@code this} when
     * {@code u >= w} (ties included), otherwise from {@code w} (also when either value is NaN).
     *
     * @param w the other operand
     * @return the maximum
     * @throws IllegalArgumentException if the widths differ
     */
    public DualVector max(DualVector w) {
        requireSameWidth(w, "max");
        return new DualVector(Math.max(value, w.value), (value >= w.value) ? tangents : w.tangents);
    }

    /**
     * Returns the larger of {@code this} and a constant {@code w}. Tangents of {@code this} when
     * {@code u >= w}, otherwise zeros.
     *
     * @param w the constant other operand
     * @return the maximum
     */
    public DualVector max(double w) {
        return new DualVector(Math.max(value, w), value >= w ? tangents : new double[tangents.length]);
    }

    /**
     * Returns the signum. Tangents {@code 0} (piecewise constant).
     *
     * @return {@code signum(this)} as a constant of the same width
     */
    public DualVector signum() {
        return new DualVector(Math.signum(value), new double[tangents.length]);
    }

    /**
     * Returns the largest integer value not greater than {@code this}. Tangents {@code 0}.
     *
     * @return {@code floor(this)} as a constant of the same width
     */
    public DualVector floor() {
        return new DualVector(Math.floor(value), new double[tangents.length]);
    }

    /**
     * Returns the smallest integer value not less than {@code this}. Tangents {@code 0}.
     *
     * @return {@code ceil(this)} as a constant of the same width
     */
    public DualVector ceil() {
        return new DualVector(Math.ceil(value), new double[tangents.length]);
    }

    /**
     * Returns the integer value closest to {@code this} (ties to even). Tangents {@code 0}.
     *
     * @return {@code rint(this)} as a constant of the same width
     */
    public DualVector rint() {
        return new DualVector(Math.rint(value), new double[tangents.length]);
    }

    /**
     * Returns the size of an ulp of the value. Tangents {@code 0}.
     *
     * @return {@code ulp(this)} as a constant of the same width
     */
    public DualVector ulp() {
        return new DualVector(Math.ulp(value), new double[tangents.length]);
    }

    /**
     * Returns the magnitude of {@code this} with the sign of {@code sign}, value computed by
     * {@link Math#copySign(double, double)}. Lane {@code k}:
     * {@code copySign(1, u)·copySign(1, v)·u̇}; {@code sign}'s tangents do not enter, but its width
     * must match.
     *
     * @param sign the operand providing the sign
     * @return {@code this} with the sign of {@code sign}
     * @throws IllegalArgumentException if the widths differ
     */
    public DualVector copySign(DualVector sign) {
        requireSameWidth(sign, "copySign");
        return copySign(sign.value);
    }

    /**
     * Returns the magnitude of {@code this} with the sign of a constant; the same rule as
     * {@link #copySign(DualVector)}.
     *
     * @param sign the constant providing the sign
     * @return {@code this} with the sign of {@code sign}
     */
    public DualVector copySign(double sign) {
        double v = Math.copySign(value, sign);
        return scaled(
                v, value == value ? Math.copySign(1.0, value) * Math.copySign(1.0, v) : value);
    }

    /**
     * Returns the adjacent floating-point value towards positive infinity. Lane {@code k}:
     * {@code u̇}.
     *
     * @return {@code nextUp(this)}
     */
    public DualVector nextUp() {
        return new DualVector(Math.nextUp(value), tangents);
    }

    /**
     * Returns the adjacent floating-point value towards negative infinity. Lane {@code k}:
     * {@code u̇}.
     *
     * @return {@code nextDown(this)}
     */
    public DualVector nextDown() {
        return new DualVector(Math.nextDown(value), tangents);
    }

    /**
     * Returns the floating-point value adjacent to {@code this} in the direction of
     * {@code direction}. Lane {@code k}: {@code u̇}.
     *
     * @param direction the value towards which to step
     * @return {@code nextAfter(this, direction)}
     */
    public DualVector nextAfter(double direction) {
        return new DualVector(Math.nextAfter(value, direction), tangents);
    }

    /**
     * Returns {@code this · 2^n}, value computed by {@link Math#scalb(double, int)}. Lane {@code k}:
     * {@code Math.scalb(1, n)·u̇}.
     *
     * @param n the power of two
     * @return {@code this · 2^n}
     */
    public DualVector scalb(int n) {
        double c = Math.scalb(1.0, n);
        double[] u = tangents;
        int p = u.length;
        double[] t = new double[p];
        for (int k = 0; k < p; k++) {
            t[k] = c * u[k];
        }
        return new DualVector(Math.scalb(value, n), t);
    }

    /**
     * 1 − u² for asin and acos: directly where |u| < 0.5 (its derivative −2u stays exact near 0),
     * as (1 − u)(1 + u) nearer ±1 (no cancellation). The tangent table writes the same.
     */
    private static double oneMinusSquare(double u) {
        return u * u < 0.25 ? 1.0 - u * u : (1.0 - u) * (1.0 + u);
    }
}
