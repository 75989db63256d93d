package org.dualj.runtime;

import java.util.Arrays;

/**
 * The record that reverse-mode (adjoint) code keeps between its forward and its reverse sweep:
 * growable stacks of primitive values, so that a gradient over a reused tape allocates nothing
 * once the stacks have grown to what the method needs.
 *
 * <p>The forward sweep of generated adjoint code pushes what the reverse sweep will need and the
 * forward sweep overwrites (a variable's old value before an assignment, the array a variable held,
 * the block of code that ran); the reverse sweep pops them in the opposite order. Every adjoint
 * method pops exactly what it pushed, so one tape serves nested calls and the stacks are empty
 * between calls. {@link #bar} holds the adjoints of a callee's {@code double} parameters on their
 * way back to the caller.
 *
 * <p>A tape is not thread-safe: use one per thread (a {@link Workspace} holds one).
 */
public final class Tape {
    /**
     * From this many gradient columns on, a generated {@code fGradient} uses reverse mode (one
     * forward and one reverse sweep) rather than forward lanes (passes of up to 12 directions),
     * where the method has an adjoint and a differentiated {@code double[]} and its forward sweep
     * pushes onto the tape inside a loop (tape traffic that grows with the trips): the crossover
     * measured by the benchmarks' reverse suite (BENCHMARKS.md, "Reverse mode") on such a method
     * (the logistic loss, whose forward sweep records per sample: the two modes cost the same at 2
     * columns, reverse mode a quarter less at 3 since the reverse sweep reads kept values of
     * {@code exp} and {@code log1p} instead of evaluating them again).
     */
    public static final int REVERSE_FROM = 3;

    /**
     * {@link #REVERSE_FROM} for a method whose forward sweep records nothing inside its loops (at
     * most their trip counts after them): its reverse mode costs about a primal sweep and the
     * adjoint arithmetic, which two forward lanes already cost, so reverse mode takes over from 2
     * columns (the crossover measured on extended Rosenbrock and Ackley).
     */
    public static final int REVERSE_FROM_UNRECORDED_LOOPS = 2;

    /**
     * From this many columns on, a generated {@code fHessian} of a method of one differentiated
     * {@code double[]} with {@code fHessianVectorReverse} forms the Hessian column by column, each
     * column H·eᵢ by reverse over forward (n sweeps of a few gradients' cost each), rather than by
     * forward-over-forward lane passes (about n²/(2p) of them).
     */
    public static final int HESSIAN_BY_PRODUCTS_FROM = 4;

    private double[] doubles = new double[64];
    private int doubleTop;
    private int[] ints = new int[64];
    private int intTop;
    private long[] longs = new long[8];
    private int longTop;
    private Object[] objects = new Object[8];
    private int objectTop;
    private int committedDoubles;
    private int committedInts;
    private int committedLongs;
    private int committedObjects;
    private double[] bars = new double[8];
    private double[] sink = new double[0];
    private long peakBytes;

    /** An empty tape; it grows on first use. */
    public Tape() {
    }

    /**
     * Pushes a {@code double}.
     *
     * @param v the value
     */
    public void pushDouble(double v) {
        if (doubleTop == doubles.length) {
            doubles = Arrays.copyOf(doubles, 2 * doubles.length);
        }
        doubles[doubleTop++] = v;
    }

    /**
     * Pops the last {@code double} pushed.
     *
     * @return the value
     */
    public double popDouble() {
        return doubles[--doubleTop];
    }

    /**
     * Pushes an {@code int} (also {@code boolean}, {@code char}, {@code short}, {@code byte}).
     *
     * @param v the value
     */
    public void pushInt(int v) {
        if (intTop == ints.length) {
            ints = Arrays.copyOf(ints, 2 * ints.length);
        }
        ints[intTop++] = v;
    }

    /**
     * Pops the last {@code int} pushed.
     *
     * @return the value
     */
    public int popInt() {
        return ints[--intTop];
    }

    /**
     * Pushes a {@code long}.
     *
     * @param v the value
     */
    public void pushLong(long v) {
        if (longTop == longs.length) {
            longs = Arrays.copyOf(longs, 2 * longs.length);
        }
        longs[longTop++] = v;
    }

    /**
     * Pops the last {@code long} pushed.
     *
     * @return the value
     */
    public long popLong() {
        return longs[--longTop];
    }

    /**
     * Pushes a reference (an array a variable held before it was reassigned).
     *
     * @param v the reference
     */
    public void pushObject(Object v) {
        if (objectTop == objects.length) {
            objects = Arrays.copyOf(objects, 2 * objects.length);
        }
        objects[objectTop++] = v;
    }

    /**
     * Pops the last reference pushed (and forgets it, so the tape keeps no array alive).
     *
     * @return the reference
     */
    public Object popObject() {
        Object v = objects[--objectTop];
        objects[objectTop] = null;
        return v;
    }

    /**
     * Sets the adjoint of a callee's {@code double} parameter number {@code i}, which its caller
     * reads right after the call.
     *
     * @param i the number of the parameter among the callee's differentiated {@code double} ones
     * @param v its adjoint
     */
    public void bar(int i, double v) {
        if (i >= bars.length) {
            bars = Arrays.copyOf(bars, Math.max(i + 1, 2 * bars.length));
        }
        bars[i] = v;
    }

    /**
     * The adjoint of a callee's {@code double} parameter number {@code i}, set by {@link #bar(int,
     * double)}.
     *
     * @param i the parameter's number
     * @return its adjoint
     */
    public double bar(int i) {
        return bars[i];
    }

    /**
     * An array of at least {@code length} entries whose contents nobody reads: the adjoint a callee
     * adds into for an array argument the caller does not differentiate.
     *
     * @param length the entries the callee may write
     * @return a reused array
     */
    public double[] sink(int length) {
        if (sink.length < length) {
            sink = new double[Math.max(length, 2 * sink.length)];
        }
        return sink;
    }

    /**
     * Pushes the elements of an array parameter the method writes into, as the caller gave them,
     * and returns where they start: the adjoint core overwrites them with the array's final state
     * ({@link #storeDoubles}) when its forward sweep ends, and pops them back into the array
     * ({@link Adjoints#restore(Tape, double[])}) when its reverse sweep, which needs the earlier
     * values, is done; if the forward sweep throws, {@link #loadDoubles} gives the caller its array
     * back as it was.
     *
     * @param a the array (null: nothing is pushed)
     * @return the position of its first element on the stack
     */
    public int reserveDoubles(double[] a) {
        int at = doubleTop;
        if (a != null) {
            for (double v : a) {
                pushDouble(v);
            }
        }
        return at;
    }

    /**
     * Overwrites the elements {@link #reserveDoubles} pushed with {@code a}'s current elements.
     *
     * @param at where they start
     * @param a the same array (null: nothing)
     */
    public void storeDoubles(int at, double[] a) {
        if (a != null) {
            System.arraycopy(a, 0, doubles, at, a.length);
        }
    }

    /**
     * Copies the elements {@link #reserveDoubles} pushed back into {@code a}, leaving the stack
     * as it is.
     *
     * @param at where they start
     * @param a the same array (null: nothing)
     */
    public void loadDoubles(int at, double[] a) {
        if (a != null) {
            System.arraycopy(doubles, at, a, 0, a.length);
        }
    }

    /**
     * Marks what is on the stacks now as complete: the state {@link #rollback} returns to.
     * Generated code calls it inside the forward sweep of a {@code try}, where it enters the
     * {@code try} and after each record of a statement in it.
     */
    public void commit() {
        committedDoubles = doubleTop;
        committedInts = intTop;
        committedLongs = longTop;
        committedObjects = objectTop;
    }

    /**
     * Drops what was pushed since the last {@link #commit}: the records of a statement that an
     * exception interrupted, which the reverse sweep would otherwise take for those of the
     * statements before it. Generated code calls it where a {@code catch} or {@code finally} of
     * the forward sweep starts.
     */
    public void rollback() {
        doubleTop = Math.min(doubleTop, committedDoubles);
        intTop = Math.min(intTop, committedInts);
        longTop = Math.min(longTop, committedLongs);
        if (committedObjects < objectTop) {
            Arrays.fill(objects, committedObjects, objectTop, null);
            objectTop = committedObjects;
        }
    }

    /**
     * Records the current use of the stacks towards {@link #peakBytes}; generated code calls it at
     * the end of each forward sweep, where the tape is fullest.
     */
    public void mark() {
        long bytes = 8L * doubleTop + 4L * intTop + 8L * longTop + 8L * objectTop;
        if (bytes > peakBytes) {
            peakBytes = bytes;
        }
    }

    /**
     * The most the stacks held at once (values, not the arrays' capacity) since this tape was made
     * or {@link #resetPeak} was called, in bytes (8 per {@code double}, {@code long} or reference,
     * 4 per {@code int}).
     *
     * @return the peak use in bytes
     */
    public long peakBytes() {
        return peakBytes;
    }

    /** Starts a new measurement of {@link #peakBytes}. */
    public void resetPeak() {
        peakBytes = 0;
    }

    /**
     * The memory the stacks have grown to, in bytes: what the tape keeps between calls.
     *
     * @return the capacity in bytes
     */
    public long capacityBytes() {
        return 8L * doubles.length + 4L * ints.length + 8L * longs.length + 8L * objects.length
                + 8L * bars.length + 8L * sink.length;
    }

    /**
     * True when every stack is empty: between two calls of generated code, always.
     *
     * @return whether nothing is recorded
     */
    public boolean isEmpty() {
        return doubleTop == 0 && intTop == 0 && longTop == 0 && objectTop == 0;
    }

    /**
     * Empties the stacks (after an exception left a sweep half done); the memory is kept.
     */
    public void clear() {
        committedDoubles = 0;
        committedInts = 0;
        committedLongs = 0;
        committedObjects = 0;
        doubleTop = 0;
        intTop = 0;
        longTop = 0;
        Arrays.fill(objects, 0, objectTop, null);
        objectTop = 0;
    }

    /**
     * The tape of {@code work}, or a new tape when there is no workspace.
     *
     * @param work the caller's workspace, or null
     * @return a tape
     */
    public static Tape of(Workspace work) {
        return work == null ? new Tape() : work.tape();
    }
}
