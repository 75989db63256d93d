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

    // ---------------------------------------------------------------------------------------------
    // Elementary functions: one method per overload of every row of the tangent table, generated
    // here by org.dualj.runtime.build.RuntimeGenerator (see dual-runtime/src/build).
    // ---------------------------------------------------------------------------------------------

    // @elementary-functions@
}
