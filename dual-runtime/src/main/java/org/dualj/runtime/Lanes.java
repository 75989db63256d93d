package org.dualj.runtime;

import java.util.Arrays;

/**
 * Helpers for generated vector-mode code, where every value carries {@code p} tangents (a lane).
 *
 * <p>Layout: the lane of a {@code double} is a {@code double[]} whose first {@code p} entries are
 * its tangents; the tangents of a {@code double[]} of length n are one flat array of {@code n·p},
 * element i's lane at {@code [i·p, i·p + p)}. The generated gradient and Jacobian methods seed the
 * input lanes with unit directions, {@code p} at a time ({@link #chunk}), run the lane code and
 * {@link #gather} the result lanes into the gradient or Jacobian.
 */
public final class Lanes {
    /** Inputs up to this many are done in one pass; more are split into passes of at most this. */
    public static final int DEFAULT_CHUNK = 12;

    private Lanes() {
    }

    /**
     * The number of tangent directions per pass for {@code n} inputs.
     *
     * @param n the number of inputs (columns of the Jacobian)
     * @param requested the {@code chunk} of the annotation; 0 for the default
     * @return {@code min(requested, n)} when requested, otherwise n up to {@link #DEFAULT_CHUNK}
     *     and, above it, the most even split into passes of at most {@link #DEFAULT_CHUNK}; at least 1
     */
    public static int chunk(int n, int requested) {
        if (n <= 1) {
            return 1;
        }
        if (requested > 0) {
            return Math.min(requested, n);
        }
        if (n <= DEFAULT_CHUNK) {
            return n;
        }
        int passes = (n + DEFAULT_CHUNK - 1) / DEFAULT_CHUNK;
        return (n + passes - 1) / passes;
    }

    /**
     * A workspace of lanes for the locals of lane code, reused across passes.
     *
     * @param lanes how many lanes
     * @param p the lane width
     * @return {@code lanes} zero arrays of length {@code p}
     */
    public static double[][] workspace(int lanes, int p) {
        // Row by row: HotSpot allocates new double[lanes][p] (multianewarray) through a slow
        // runtime call, about 200 ns even for 6 x 2.
        double[][] ws = new double[lanes][];
        for (int i = 0; i < lanes; i++) {
            ws[i] = new double[p];
        }
        return ws;
    }

    /**
     * The tangents of an array that does not depend on the inputs: zeros for each element's lane.
     *
     * @param values an array, or null
     * @param p the lane width
     * @return a new zero array of {@code values.length * p}, or null for null
     */
    public static double[] zeros(double[] values, int p) {
        return values == null ? null : new double[values.length * p];
    }

    /**
     * The tangent lanes of a {@code double[][]} that does not depend on the inputs: for each row,
     * zeros for each element's lane ({@code null} rows stay {@code null}).
     *
     * @param values a matrix, or null
     * @param p the lane width
     * @return a new matrix whose row i has {@code values[i].length * p} zeros, or null for null
     */
    public static double[][] matrixZeros(double[][] values, int p) {
        if (values == null) {
            return null;
        }
        double[][] zeros = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            zeros[i] = zeros(values[i], p);
        }
        return zeros;
    }

    /**
     * Seeds the lane of input number {@code index} for the pass that starts at input {@code start}:
     * tangent {@code index - start} is 1 if it falls in the lane, all others 0.
     *
     * @param lane the input's lane, at least p long
     * @param p the lane width
     * @param index the input's column in the Jacobian
     * @param start the first column of this pass
     */
    public static void seed(double[] lane, int p, int index, int start) {
        Arrays.fill(lane, 0, p, 0.0);
        int j = index - start;
        if (j >= 0 && j < p) {
            lane[j] = 1.0;
        }
    }

    /**
     * Seeds the flat lanes of an array input whose element 0 is input number {@code first}.
     *
     * @param lanes the flat tangents, {@code length * p} long
     * @param length the array's length
     * @param p the lane width
     * @param first the column of the array's element 0
     * @param start the first column of this pass
     */
    public static void seed(double[] lanes, int length, int p, int first, int start) {
        Arrays.fill(lanes, 0, length * p, 0.0);
        int from = Math.max(0, start - first);
        int to = Math.min(length, start + p - first);
        for (int i = from; i < to; i++) {
            lanes[i * p + (first + i - start)] = 1.0;
        }
    }

    /**
     * Seeds the lanes of a {@code double[][]} input whose elements are columns in row-major
     * order, element [0][0] being column {@code first}: row i's lanes are seeded as an array
     * input starting after the elements of the rows before it.
     *
     * @param lanes row i holds {@code values[i].length * p} tangents
     * @param values the input, whose row lengths give the columns
     * @param p the lane width
     * @param first the column of element [0][0]
     * @param start the first column of this pass
     */
    public static void seed(double[][] lanes, double[][] values, int p, int first, int start) {
        int column = first;
        for (int i = 0; i < values.length; i++) {
            seed(lanes[i], values[i].length, p, column, start);
            column += values[i].length;
        }
    }

    /**
     * The lanes of a {@code double[][]} input: row i holds {@code values[i].length * p} zeros.
     *
     * @param values the input
     * @param p the lane width
     * @return a new matrix of lanes
     */
    public static double[][] lanes(double[][] values, int p) {
        double[][] lanes = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            lanes[i] = new double[values[i].length * p];
        }
        return lanes;
    }

    /**
     * The number of elements of a matrix: its columns in a gradient or Jacobian.
     *
     * @param values the matrix (a null row, which a method may return, counts as empty)
     * @return the sum of the row lengths
     */
    public static int count(double[][] values) {
        int n = 0;
        for (double[] row : values) {
            n += row == null ? 0 : row.length;
        }
        return n;
    }

    /**
     * Copies a scalar result's lane into the gradient: {@code out[start + k] = lane[k]} for the
     * columns of this pass.
     *
     * @param lane the result's lane
     * @param p the lane width
     * @param start the first column of this pass
     * @param n the number of columns
     * @param out the gradient
     */
    public static void gather(double[] lane, int p, int start, int n, double[] out) {
        int count = Math.min(p, n - start);
        if (count > 0) {
            System.arraycopy(lane, 0, out, start, count);
        }
    }

    /**
     * Makes a square matrix symmetric from its upper triangle: {@code m[j][i] = m[i][j]} for
     * {@code j > i}. The Hessian methods compute row i from column i on and mirror the rest.
     *
     * @param m the matrix, at least n × n
     * @param n its order
     */
    public static void mirrorUpper(double[][] m, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                m[j][i] = m[i][j];
            }
        }
    }

    /**
     * Copies an array result's lanes into the Jacobian: row i gets element i's lane.
     *
     * @param lanes the result's flat tangents
     * @param m the number of outputs (rows)
     * @param p the lane width
     * @param start the first column of this pass
     * @param n the number of columns
     * @param out the Jacobian, m rows of n
     */
    public static void gather(double[] lanes, int m, int p, int start, int n, double[][] out) {
        int count = Math.min(p, n - start);
        if (count <= 0) {
            return;
        }
        for (int i = 0; i < m; i++) {
            System.arraycopy(lanes, i * p, out[i], start, count);
        }
    }

    /**
     * Copies a matrix result's lanes into the Jacobian, its elements row by row: element [i][j]
     * gets the Jacobian row numbered after the elements of the rows before i.
     *
     * @param lanes the result's lanes, row i holding element j's lane at {@code [j·p, j·p + p)}
     * @param values the result (its rows give the number of elements per row; a null row has none)
     * @param p the lane width
     * @param start the first column of this pass
     * @param n the number of columns
     * @param out the Jacobian, {@link #count}(values) rows of n
     */
    public static void matrixGather(double[][] lanes, double[][] values, int p, int start, int n, double[][] out) {
        int count = Math.min(p, n - start);
        if (count <= 0) {
            return;
        }
        int row = 0;
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; values[i] != null && j < values[i].length; j++) {
                System.arraycopy(lanes[i], j * p, out[row++], start, count);
            }
        }
    }

    /**
     * The common width of the elements of a {@code DualVector[]} argument.
     *
     * @param inputs the vectors
     * @return their width, 0 if there are none
     * @throws IllegalArgumentException if two widths differ
     */
    public static int width(DualVector[] inputs) {
        return width((Object[]) inputs);
    }


    /**
     * The common width of {@link DualVector} arguments ({@code DualVector}, {@code DualVector[]} or
     * {@code DualVector[][]}).
     *
     * @param inputs the arguments carrying tangents
     * @return their width, 0 if there are none
     * @throws IllegalArgumentException if two widths differ
     */
    public static int width(Object... inputs) {
        int p = -1;
        for (Object in : inputs) {
            if (in instanceof DualVector x) {
                p = check(p, x);
            } else if (in instanceof DualVector[] xs) {
                for (DualVector x : xs) {
                    p = check(p, x);
                }
            } else if (in instanceof DualVector[][] rows) {
                for (DualVector[] xs : rows) {
                    for (DualVector x : xs) {
                        p = check(p, x);
                    }
                }
            }
        }
        return Math.max(p, 0);
    }

    private static int check(int p, DualVector x) {
        if (p >= 0 && x.width() != p) {
            throw new IllegalArgumentException(
                    "all DualVector arguments must have one width: " + p + " and " + x.width());
        }
        return x.width();
    }

    /**
     * The tangents of {@link DualVector}s as one flat lane array.
     *
     * @param xs the vectors, all of width p, or null
     * @param p the width
     * @return element i's tangents at {@code [i·p, i·p + p)}, or null for null
     */
    public static double[] tangents(DualVector[] xs, int p) {
        if (xs == null) {
            return null;
        }
        double[] flat = new double[xs.length * p];
        for (int i = 0; i < xs.length; i++) {
            for (int k = 0; k < p; k++) {
                flat[i * p + k] = xs[i].tangent(k);
            }
        }
        return flat;
    }

    /**
     * The tangents of a matrix of {@link DualVector}s as lanes, row by row.
     *
     * @param xs the rows of vectors, all of width p, or null (rows may be null)
     * @param p the width
     * @return row i holding element j's tangents at {@code [j·p, j·p + p)}, or null for null
     */
    public static double[][] matrixTangents(DualVector[][] xs, int p) {
        if (xs == null) {
            return null;
        }
        double[][] lanes = new double[xs.length][];
        for (int i = 0; i < xs.length; i++) {
            lanes[i] = tangents(xs[i], p);
        }
        return lanes;
    }

    /**
     * {@link DualVector}s from a matrix of values and its lanes (row i holding element j's lane at
     * {@code [j·p, j·p + p)}): the {@code DualVector[][]} result of a method returning
     * {@code double[][]}.
     *
     * @param values the values, or null (rows may be null)
     * @param lanes the lanes, of the shape of {@code values} with rows p times as long
     * @param p the width
     * @return row by row one vector per value, null rows kept, or null for null
     */
    public static DualVector[][] matrixPack(double[][] values, double[][] lanes, int p) {
        if (values == null) {
            return null;
        }
        DualVector[][] out = new DualVector[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] == null ? null : pack(values[i], lanes[i], p);
        }
        return out;
    }

    /**
     * {@link DualVector}s from values and flat lanes.
     *
     * @param values the values, or null
     * @param lanes the flat tangents, {@code values.length * p} long
     * @param p the width
     * @return one vector per value, or null for null
     */
    public static DualVector[] pack(double[] values, double[] lanes, int p) {
        if (values == null) {
            return null;
        }
        DualVector[] out = new DualVector[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = DualVector.of(values[i], Arrays.copyOfRange(lanes, i * p, i * p + p));
        }
        return out;
    }

    /**
     * A working copy of an array input, for gradient and Jacobian methods whose code may write into
     * its arrays: every pass starts from the caller's values ({@link #restore}).
     *
     * @param values the caller's array, or null
     * @return a copy, or null
     */
    public static double[] copy(double[] values) {
        return values == null ? null : values.clone();
    }

    /**
     * Resets a working copy to the caller's values before a pass.
     *
     * @param values the caller's array, or null
     * @param copy its working copy from {@link #copy}
     */
    public static void restore(double[] values, double[] copy) {
        if (values != null) {
            System.arraycopy(values, 0, copy, 0, values.length);
        }
    }

    /**
     * Gives the caller's array what the last pass left in its working copy, so that after all
     * passes it holds what one call of the method leaves in it.
     *
     * @param copy the working copy from {@link #copy}
     * @param values the caller's array, or null
     */
    public static void writeBack(double[] copy, double[] values) {
        if (values != null) {
            System.arraycopy(copy, 0, values, 0, values.length);
        }
    }
}
