package org.dualj.runtime;

/**
 * The adjoints of the JDK's array calls, for generated reverse-mode code: where the forward sweep
 * ran {@code System.arraycopy}, {@code Arrays.fill}, {@code Arrays.copyOf} or
 * {@code Arrays.copyOfRange} on arrays that carry derivatives, the reverse sweep runs the matching
 * method here on their adjoint arrays, and {@link #save}/{@link #restore} keep the elements a copy
 * or a fill overwrites for the reverse sweep.
 *
 * <p>An adjoint array ({@code a_bar}) holds, for each element of {@code a}, the derivative of the
 * result with respect to that element. A copy moves the derivative of each destination element
 * back to the source element it came from and leaves the overwritten destination elements with
 * none; a fill gathers the derivatives of the filled elements into the filled value's.
 */
public final class Adjoints {
    private Adjoints() {
    }

    /**
     * The adjoint of {@code System.arraycopy(src, srcPos, dest, destPos, length)}: adds
     * {@code destBar[destPos + k]} into {@code srcBar[srcPos + k]} and zeroes
     * {@code destBar[destPos + k]}, for k in [0, length), as if through a temporary array, so that
     * overlapping ranges of one array ({@code srcBar == destBar}) give what the copy did.
     *
     * @param srcBar the source's adjoints, or null when the source carries no derivative
     * @param srcPos the copy's source position
     * @param destBar the destination's adjoints
     * @param destPos the copy's destination position
     * @param length the number of elements copied
     */
    public static void arraycopy(double[] srcBar, int srcPos, double[] destBar, int destPos, int length) {
        if (srcBar == null) {
            java.util.Arrays.fill(destBar, destPos, destPos + length, 0.0);
            return;
        }
        // within one array, visit the elements in the order that reads each destination adjoint
        // before the copy of another element adds into it
        if (srcPos < destPos) {
            for (int k = 0; k < length; k++) {
                double t = destBar[destPos + k];
                destBar[destPos + k] = 0.0;
                srcBar[srcPos + k] += t;
            }
        } else {
            for (int k = length - 1; k >= 0; k--) {
                double t = destBar[destPos + k];
                destBar[destPos + k] = 0.0;
                srcBar[srcPos + k] += t;
            }
        }
    }

    /**
     * The adjoint of {@code Arrays.fill(a, from, to, v)}: the sum of {@code bar[from..to)}, which
     * is the adjoint of {@code v}, and those entries zeroed.
     *
     * @param bar the filled array's adjoints
     * @param from the first filled index
     * @param to one past the last filled index
     * @return the adjoint of the filled value
     */
    public static double fill(double[] bar, int from, int to) {
        double sum = 0.0;
        for (int k = from; k < to; k++) {
            sum += bar[k];
            bar[k] = 0.0;
        }
        return sum;
    }

    /**
     * The adjoint of {@code Arrays.copyOfRange(a, from, to)} (and of {@code Arrays.copyOf(a, n)},
     * with {@code from} 0): adds {@code copyBar[k]} into {@code srcBar[from + k]} for the elements
     * the copy took from the source (the padding beyond its end has no source).
     *
     * @param copyBar the copy's adjoints
     * @param srcBar the source's adjoints
     * @param from the first index copied
     */
    public static void copyOfRange(double[] copyBar, double[] srcBar, int from) {
        int n = Math.min(copyBar.length, srcBar.length - from);
        for (int k = 0; k < n; k++) {
            srcBar[from + k] += copyBar[k];
        }
    }

    /**
     * Copies the adjoints of a {@code double[][]} into a gradient, row by row: the columns of a
     * matrix parameter, as forward mode orders them.
     *
     * @param bar the matrix's adjoints
     * @param out the gradient
     * @param at the column of element [0][0]
     */
    public static void gather(double[][] bar, double[] out, int at) {
        int column = at;
        for (double[] row : bar) {
            System.arraycopy(row, 0, out, column, row.length);
            column += row.length;
        }
    }

    /**
     * Zeroes the adjoints of a {@code double[][]}, before another reverse sweep adds into them.
     *
     * @param bar the matrix's adjoints
     */
    public static void clear(double[][] bar) {
        for (double[] row : bar) {
            java.util.Arrays.fill(row, 0.0);
        }
    }

    /**
     * Pushes {@code a[from..from + length)} on the tape, before a copy or fill overwrites them.
     *
     * @param tape the tape
     * @param a the array to be overwritten
     * @param from the first index overwritten
     * @param length the number of elements overwritten
     */
    public static void save(Tape tape, double[] a, int from, int length) {
        for (int k = 0; k < length; k++) {
            tape.pushDouble(a[from + k]);
        }
    }

    /**
     * Pops what {@link #save} pushed back into {@code a[from..from + length)}.
     *
     * @param tape the tape
     * @param a the array overwritten
     * @param from the first index overwritten
     * @param length the number of elements overwritten
     */
    public static void restore(Tape tape, double[] a, int from, int length) {
        for (int k = length - 1; k >= 0; k--) {
            a[from + k] = tape.popDouble();
        }
    }

    /**
     * Pushes every element of {@code a} on the tape, before a call that may write into it.
     *
     * @param tape the tape
     * @param a the array (null: nothing is pushed)
     */
    public static void save(Tape tape, double[] a) {
        if (a != null) {
            save(tape, a, 0, a.length);
        }
    }

    /**
     * Pushes every element of {@code a} on the tape, before a call that may write into it (an
     * argsort filling an index array the reverse sweep reads).
     *
     * @param tape the tape
     * @param a the array (null: nothing is pushed)
     */
    public static void save(Tape tape, int[] a) {
        if (a != null) {
            for (int v : a) {
                tape.pushInt(v);
            }
        }
    }

    /**
     * Pops what {@link #save(Tape, int[])} pushed back into {@code a}.
     *
     * @param tape the tape
     * @param a the array (null: nothing is popped)
     */
    public static void restore(Tape tape, int[] a) {
        if (a != null) {
            for (int k = a.length - 1; k >= 0; k--) {
                a[k] = tape.popInt();
            }
        }
    }

    /**
     * Pops what {@link #save(Tape, double[])} pushed back into {@code a}.
     *
     * @param tape the tape
     * @param a the array (null: nothing is popped)
     */
    public static void restore(Tape tape, double[] a) {
        if (a != null) {
            restore(tape, a, 0, a.length);
        }
    }

    /**
     * Throws {@code t} as it is, checked or not. The reverse sweep of a method that catches a
     * callee's checked exception in its {@code try} calls that callee's adjoint, which declares
     * the exception; as the callee ran without throwing in the forward sweep, its adjoint does
     * not throw it either, and the generated code passes on whatever it does throw unchanged.
     *
     * @param t what was thrown
     * @return never: the declared type lets the caller write {@code throw Adjoints.unchecked(t)}
     */
    public static RuntimeException unchecked(Throwable t) {
        return Adjoints.<RuntimeException>sneak(t);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneak(Throwable t) throws T {
        throw (T) t;
    }
}
