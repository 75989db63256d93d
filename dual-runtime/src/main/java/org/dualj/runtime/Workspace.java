package org.dualj.runtime;

import java.util.Arrays;

/**
 * Memory that generated derivative methods reuse from call to call, so that repeated calls (an
 * optimizer's iterations, a solver's steps) allocate nothing once the workspace has grown to the
 * sizes the method needs.
 *
 * <p>A method asks for its arrays by number: {@link #array} returns array number {@code i}, at
 * least {@code length} long and zero in its first {@code length} entries (for lanes),
 * {@link #exactly} one of exactly that length (for values, whose length the code reads), and
 * {@link #rows} the rows of lanes its lane code keeps its locals in. The arrays grow when a call needs more and are kept
 * otherwise. A workspace holds no results: it can be passed to any generated method, but it is
 * not thread-safe, so use one per thread.
 */
public final class Workspace {
    private double[][] arrays = new double[8][];
    private double[][] rows = new double[0][];
    private Tape tape;

    /** An empty workspace; it grows on first use. */
    public Workspace() {
    }

    /**
     * Array number {@code i}, at least {@code length} long, its first {@code length} entries zero.
     *
     * @param i the array's number, from 0
     * @param length the entries the caller uses
     * @return the array, reused when it is long enough
     */
    public double[] array(int i, int length) {
        if (i >= arrays.length) {
            arrays = Arrays.copyOf(arrays, Math.max(i + 1, 2 * arrays.length));
        }
        double[] a = arrays[i];
        if (a == null || a.length < length) {
            a = new double[length];
            arrays[i] = a;
        } else {
            Arrays.fill(a, 0, length, 0.0);
        }
        return a;
    }

    /**
     * Array number {@code i}, exactly {@code length} long and zero: for values whose length the
     * code reads (a working copy of an input array), where a longer array would not do.
     *
     * @param i the array's number, from 0 (shared with {@link #array})
     * @param length the array's length
     * @return the array, reused when it has this length
     */
    public double[] exactly(int i, int length) {
        if (i >= arrays.length) {
            arrays = Arrays.copyOf(arrays, Math.max(i + 1, 2 * arrays.length));
        }
        double[] a = arrays[i];
        if (a == null || a.length != length) {
            a = new double[length];
            arrays[i] = a;
        } else {
            Arrays.fill(a, 0.0);
        }
        return a;
    }

    /**
     * {@link #array} of {@code work}, or a new array when there is no workspace: how the generated
     * methods that take an optional workspace get their lanes.
     *
     * @param work the caller's workspace, or null to allocate
     * @param i the array's number
     * @param length the entries used
     * @return a zero array of at least {@code length} (exactly {@code length} when allocated)
     */
    public static double[] arrayOf(Workspace work, int i, int length) {
        return work == null ? new double[length] : work.array(i, length);
    }

    /**
     * {@link #exactly} of {@code work}, or a new array when there is no workspace.
     *
     * @param work the caller's workspace, or null to allocate
     * @param i the array's number
     * @param length the array's length
     * @return a zero array of exactly {@code length}
     */
    public static double[] exactlyOf(Workspace work, int i, int length) {
        return work == null ? new double[length] : work.exactly(i, length);
    }

    /**
     * {@link #rows} of {@code work}, or new rows when there is no workspace.
     *
     * @param work the caller's workspace, or null to allocate
     * @param count the number of rows
     * @param p the lane width
     * @return at least {@code count} rows of at least {@code p}
     */
    public static double[][] rowsOf(Workspace work, int count, int p) {
        return work == null ? Lanes.workspace(count, p) : work.rows(count, p);
    }

    /**
     * Rows of lanes for the locals of lane code: at least {@code count} rows, each at least
     * {@code p} long (their contents are whatever the last user left; lane code writes before it
     * reads).
     *
     * @param count the number of rows
     * @param p the lane width
     * @return the rows, reused when there are enough and they are long enough
     */
    public double[][] rows(int count, int p) {
        if (rows.length < count) {
            rows = Arrays.copyOf(rows, count);
        }
        for (int i = 0; i < count; i++) {
            if (rows[i] == null || rows[i].length < p) {
                rows[i] = new double[p];
            }
        }
        return rows;
    }

    /**
     * The tape of reverse-mode code run with this workspace (made on first use, then reused).
     * Generated code pops everything it pushes; an exception thrown by the method's own code in
     * the middle of a sweep leaves records behind, which later calls never read (each call works
     * above what it found) and {@link Tape#clear} discards.
     *
     * @return the tape
     */
    public Tape tape() {
        if (tape == null) {
            tape = new Tape();
        }
        return tape;
    }
}
