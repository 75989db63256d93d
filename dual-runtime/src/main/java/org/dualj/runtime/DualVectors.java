package org.dualj.runtime;

import java.util.Objects;

/**
 * Array helpers for {@link DualVector}: seed all inputs at once, read the values back, and
 * assemble the Jacobian.
 *
 * <p>These live in their own class rather than in {@link Duals} because overloads such as
 * {@code values(DualVector[])} next to {@code Duals.values(Dual[])} would make a call with a
 * {@code null} literal ambiguous.
 *
 * <p>As in {@link Duals}, every method returns fresh arrays; inputs are never modified or retained,
 * and a {@code null} array maps to {@code null}.
 *
 * <p>Typical use, for {@code f: ℝⁿ → ℝᵐ} written with {@code DualVector} arithmetic:
 *
 * <pre>{@code
 * DualVector[] x = DualVectors.variables(point);   // width n, x[i] seeded with e_i
 * DualVector[] y = f(x);
 * double[] fx = DualVectors.values(y);
 * double[][] jac = DualVectors.jacobian(y);        // jac[i][j] = ∂y_i / ∂x_j
 * }</pre>
 */
public final class DualVectors {

    private DualVectors() {
    }

    /**
     * Seeds every element as an independent variable: element {@code i} is
     * {@code DualVector.variable(values[i], i, values.length)}, so the tangents of the result form
     * the identity matrix and each output's tangents are its gradient.
     *
     * @param values the values, or {@code null}
     * @return the seeded vectors, all of width {@code values.length}, or {@code null} when
     *     {@code values} is {@code null}
     */
    public static DualVector[] variables(double[] values) {
        if (values == null) {
            return null;
        }
        int n = values.length;
        DualVector[] result = new DualVector[n];
        for (int i = 0; i < n; i++) {
            result[i] = DualVector.variable(values[i], i, n);
        }
        return result;
    }

    /**
     * Writes values and lanes back into the elements of {@code xs}: what a generated {@code
     * DualVector[]} form does for an array parameter the method writes into.
     *
     * @param xs the caller's array, or {@code null} (nothing is written)
     * @param values the new values, one per element of {@code xs}
     * @param lanes the new tangents, element i's at {@code [i·p, i·p + p)}
     * @param p the number of directions
     */
    public static void store(DualVector[] xs, double[] values, double[] lanes, int p) {
        if (xs == null) {
            return;
        }
        for (int i = 0; i < xs.length; i++) {
            xs[i] = DualVector.of(values[i], java.util.Arrays.copyOfRange(lanes, i * p, i * p + p));
        }
    }

    /**
     * Extracts the values.
     *
     * @param xs the vectors, or {@code null}; its elements must not be {@code null}
     * @return a new array with {@code xs[i].value()}, or {@code null} when {@code xs} is {@code null}
     */
    public static double[] values(DualVector[] xs) {
        if (xs == null) {
            return null;
        }
        double[] result = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            result[i] = xs[i].value();
        }
        return result;
    }

    /**
     * Extracts the values of a matrix, row by row.
     *
     * @param xs the rows of vectors, or {@code null} (rows may be {@code null})
     * @return a new matrix of the same shape with the values, or {@code null} for {@code null}
     */
    public static double[][] matrixValues(DualVector[][] xs) {
        if (xs == null) {
            return null;
        }
        double[][] result = new double[xs.length][];
        for (int i = 0; i < xs.length; i++) {
            result[i] = values(xs[i]);
        }
        return result;
    }

    /**
     * Assembles the Jacobian: row {@code i} is {@code outputs[i].tangents()}, so entry
     * {@code [i][j]} is the derivative of output {@code i} along seed direction {@code j} (with
     * {@link #variables(double[])} seeding, {@code ∂y_i / ∂x_j}).
     *
     * @param outputs the outputs, or {@code null}; its elements must not be {@code null} and must all
     *     have the same width
     * @return a new {@code outputs.length × width} matrix (an empty array when there are no
     *     outputs), or {@code null} when {@code outputs} is {@code null}
     * @throws IllegalArgumentException if the outputs differ in width
     */
    public static double[][] jacobian(DualVector[] outputs) {
        if (outputs == null) {
            return null;
        }
        double[][] result = new double[outputs.length][];
        for (int i = 0; i < outputs.length; i++) {
            DualVector y = Objects.requireNonNull(outputs[i], "outputs[" + i + "]");
            if (y.width() != outputs[0].width()) {
                throw new IllegalArgumentException(
                        "outputs differ in width: outputs[0] has " + outputs[0].width()
                                + " tangents, outputs[" + i + "] has " + y.width());
            }
            result[i] = y.tangents();
        }
        return result;
    }
}
