package org.dualj.runtime;

import java.util.Objects;

/**
 * Array helpers for {@link Dual}, used by generated derivative code at its entry points to convert
 * between {@code double[]} value/tangent pairs and {@code Dual[]}.
 *
 * <p>Every method returns a fresh array; inputs are never modified or retained. A {@code null}
 * value array maps to {@code null}, so that generated code preserves the null-handling of the
 * original method.
 */
public final class Duals {

    private Duals() {
    }

    /**
     * Writes values and tangents back into the elements of {@code xs}: what a generated {@code
     * Dual[]} form does for an array parameter the method writes into, so that the caller's array
     * holds the new values with their tangents, as the method leaves a {@code double[]}.
     *
     * @param xs the caller's array, or {@code null} (nothing is written)
     * @param values the new values, one per element of {@code xs}
     * @param tangents the new tangents, one per element of {@code xs}
     */
    public static void store(Dual[] xs, double[] values, double[] tangents) {
        if (xs == null) {
            return;
        }
        for (int i = 0; i < xs.length; i++) {
            xs[i] = Dual.of(values[i], tangents[i]);
        }
    }

    /**
     * Pairs values with tangents element by element.
     *
     * @param values the values, or {@code null}
     * @param tangents the tangents; must not be {@code null} and must have the length of
     *     {@code values} when {@code values} is not {@code null}
     * @return {@code Dual.of(values[i], tangents[i])} for each {@code i}, or {@code null} when
     *     {@code values} is {@code null}
     * @throws NullPointerException if {@code values} is not {@code null} but {@code tangents} is
     * @throws IllegalArgumentException if the two arrays have different lengths
     */
    public static Dual[] pack(double[] values, double[] tangents) {
        if (values == null) {
            return null;
        }
        Objects.requireNonNull(tangents, "tangents");
        if (tangents.length != values.length) {
            throw new IllegalArgumentException(
                    "values and tangents differ in length: " + values.length + " != " + tangents.length);
        }
        Dual[] result = new Dual[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = Dual.of(values[i], tangents[i]);
        }
        return result;
    }

    /**
     * Packs a matrix of values and one of tangents of the same shape, row by row: the
     * {@code Dual[][]} result of a method returning {@code double[][]}.
     *
     * @param values the values, or {@code null} (rows may be {@code null} and of any length)
     * @param tangents the tangents, of the shape of {@code values}
     * @return {@code Dual.of(values[i][j], tangents[i][j])}, {@code null} rows kept, or
     *     {@code null} when {@code values} is {@code null}
     * @throws IllegalArgumentException if the shapes differ
     */
    public static Dual[][] matrixPack(double[][] values, double[][] tangents) {
        if (values == null) {
            return null;
        }
        Objects.requireNonNull(tangents, "tangents");
        if (tangents.length != values.length) {
            throw new IllegalArgumentException(
                    "values and tangents differ in rows: " + values.length + " != " + tangents.length);
        }
        Dual[][] result = new Dual[values.length][];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i] == null ? null : pack(values[i], tangents[i]);
        }
        return result;
    }

    /**
     * Extracts the values.
     *
     * @param xs the dual numbers, or {@code null}; its elements must not be {@code null}
     * @return a new array with {@code xs[i].value()}, or {@code null} when {@code xs} is {@code null}
     */
    public static double[] values(Dual[] xs) {
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
     * Extracts the tangents.
     *
     * @param xs the dual numbers, or {@code null}; its elements must not be {@code null}
     * @return a new array with {@code xs[i].tangent()}, or {@code null} when {@code xs} is
     *     {@code null}
     */
    public static double[] tangents(Dual[] xs) {
        if (xs == null) {
            return null;
        }
        double[] result = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            result[i] = xs[i].tangent();
        }
        return result;
    }

    /**
     * Extracts the values of a matrix, row by row.
     *
     * @param xs the rows of dual numbers, or {@code null} (rows may be {@code null})
     * @return a new matrix of the same shape with the values, or {@code null} for {@code null}
     */
    public static double[][] matrixValues(Dual[][] xs) {
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
     * Extracts the tangents of a matrix, row by row.
     *
     * @param xs the rows of dual numbers, or {@code null} (rows may be {@code null})
     * @return a new matrix of the same shape with the tangents, or {@code null} for {@code null}
     */
    public static double[][] matrixTangents(Dual[][] xs) {
        if (xs == null) {
            return null;
        }
        double[][] result = new double[xs.length][];
        for (int i = 0; i < xs.length; i++) {
            result[i] = tangents(xs[i]);
        }
        return result;
    }

    /**
     * Seeds one element of an array as the independent variable: tangent {@code 1} at
     * {@code seedIndex} and {@code 0} everywhere else.
     *
     * @param values the values, or {@code null}
     * @param seedIndex the index of the variable, in {@code [0, values.length)}
     * @return the seeded dual numbers, or {@code null} when {@code values} is {@code null}
     * @throws IndexOutOfBoundsException if {@code seedIndex} is out of range
     */
    public static Dual[] variables(double[] values, int seedIndex) {
        if (values == null) {
            return null;
        }
        Objects.checkIndex(seedIndex, values.length);
        Dual[] result = constants(values);
        result[seedIndex] = Dual.variable(values[seedIndex]);
        return result;
    }

    /**
     * Wraps values as constants (tangent {@code 0}).
     *
     * @param values the values, or {@code null}
     * @return {@code Dual.constant(values[i])} for each {@code i}, or {@code null} when
     *     {@code values} is {@code null}
     */
    public static Dual[] constants(double[] values) {
        if (values == null) {
            return null;
        }
        Dual[] result = new Dual[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = Dual.constant(values[i]);
        }
        return result;
    }

    /**
     * The tangent of an array that does not depend on the differentiated inputs: zeros of the same
     * length. Generated code uses it when an active array variable is given an inactive value.
     *
     * @param values an array, or {@code null}
     * @return a new zero array of {@code values.length}, or {@code null} when {@code values} is
     *     {@code null}
     */
    public static double[] zeros(double[] values) {
        return values == null ? null : new double[values.length];
    }

    /**
     * The tangent of a {@code double[][]} that does not depend on the differentiated inputs: a new
     * matrix of the same shape (ragged rows and {@code null} rows included) holding zeros.
     *
     * @param values a matrix, or {@code null}
     * @return a new zero matrix of the same shape, or {@code null} when {@code values} is
     *     {@code null}
     */
    public static double[][] matrixZeros(double[][] values) {
        if (values == null) {
            return null;
        }
        double[][] zeros = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            zeros[i] = zeros(values[i]);
        }
        return zeros;
    }
}
