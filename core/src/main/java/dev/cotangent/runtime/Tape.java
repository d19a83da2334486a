package dev.cotangent.runtime;

import java.util.Arrays;

/**
 * What the forward sweep of a gradient records for the reverse sweep: values about to be
 * overwritten, values that are costly to recompute, and which way control went at each
 * join. Four typed stacks (no boxing), each growing by doubling; the reverse sweep pops in
 * exactly the opposite order of the pushes, stack by stack.
 *
 * <p>A tape belongs to one gradient computation at a time. {@link #acquire()} lends the
 * calling thread its tape, reset; nested gradients on the same thread get tapes of their
 * own, so generated code is safe to run from many threads and re-entrantly.
 *
 * <p>Part of the small surface woven code calls; not for users.
 */
public final class Tape {

    private static final ThreadLocal<Tape> FREE = new ThreadLocal<>();
    private static final int INITIAL = 64;

    private double[] doubles = new double[INITIAL];
    private int doubleTop;
    private int[] ints = new int[INITIAL];
    private int intTop;
    private long[] longs = new long[8];
    private int longTop;
    private Object[] objects = new Object[16];
    private int objectTop;

    /** Where a forward sweep leaves the shadow (adjoint array) of an array it returns. */
    public Object resultShadow;

    /** The shadow arrays pushed, so that a record can be replayed with them zeroed again. */
    private final java.util.List<Object> shadows = new java.util.ArrayList<>();

    /** The error a reverse sweep throws when what it pops does not match what its forward sweep pushed. */
    public static IllegalStateException outOfStep(String message) {
        return new IllegalStateException(message);
    }

    /** A reset tape for this thread's next gradient; give it back with {@link #release}. */
    public static Tape acquire() {
        Tape t = FREE.get();
        if (t == null) {
            return new Tape();
        }
        FREE.set(null);
        return t;
    }

    /** Returns a tape for reuse by this thread; references it holds are dropped. */
    public static void release(Tape tape) {
        tape.reset();
        FREE.set(tape);
    }

    /** Empties the tape, dropping object references so that they can be collected. */
    public void reset() {
        Arrays.fill(objects, 0, objectTop, null);
        doubleTop = 0;
        intTop = 0;
        longTop = 0;
        objectTop = 0;
        resultShadow = null;
        shadows.clear();
    }

    public void pushDouble(double v) {
        if (doubleTop == doubles.length) {
            doubles = Arrays.copyOf(doubles, doubles.length * 2);
        }
        doubles[doubleTop++] = v;
    }

    public double popDouble() {
        return doubles[--doubleTop];
    }

    public void pushInt(int v) {
        if (intTop == ints.length) {
            ints = Arrays.copyOf(ints, ints.length * 2);
        }
        ints[intTop++] = v;
    }

    public int popInt() {
        return ints[--intTop];
    }

    public void pushLong(long v) {
        if (longTop == longs.length) {
            longs = Arrays.copyOf(longs, longs.length * 2);
        }
        longs[longTop++] = v;
    }

    public long popLong() {
        return longs[--longTop];
    }

    public void pushObject(Object v) {
        if (objectTop == objects.length) {
            objects = Arrays.copyOf(objects, objects.length * 2);
        }
        objects[objectTop++] = v;
    }

    /** Pushes a shadow array (an adjoint holder the reverse sweep accumulates into). */
    public void pushShadow(Object shadow) {
        pushObject(shadow);
        if (shadow != null) {
            shadows.add(shadow);
        }
    }

    public Object popObject() {
        Object v = objects[--objectTop];
        objects[objectTop] = null;
        return v;
    }

    /**
     * A copy of this record that can be replayed by another reverse sweep: the stacks are
     * copied (a reverse sweep pops them), and the shadow arrays recorded are zeroed, since the
     * reverse sweep accumulates into them.
     */
    public Tape replay() {
        Tape t = new Tape();
        t.doubles = Arrays.copyOf(doubles, Math.max(doubleTop, 1));
        t.doubleTop = doubleTop;
        t.ints = Arrays.copyOf(ints, Math.max(intTop, 1));
        t.intTop = intTop;
        t.longs = Arrays.copyOf(longs, Math.max(longTop, 1));
        t.longTop = longTop;
        t.objects = Arrays.copyOf(objects, Math.max(objectTop, 1));
        t.objectTop = objectTop;
        t.resultShadow = resultShadow;
        t.shadows.addAll(shadows);
        for (Object s : shadows) {
            Values.zero(s);
        }
        if (resultShadow != null) {
            Values.zero(resultShadow);
        }
        return t;
    }

    /** Whether every push has been popped (a check for tests and for the end of a gradient). */
    public boolean isEmpty() {
        return doubleTop == 0 && intTop == 0 && longTop == 0 && objectTop == 0;
    }

    /** Bytes the stacks hold now: 8 per double, long or reference, 4 per int. */
    public long bytes() {
        return 8L * (doubleTop + longTop + objectTop) + 4L * intTop;
    }

    /** The size of the stacks' backing arrays: what recording the largest gradient so far needed. */
    public long capacityBytes() {
        return 8L * (doubles.length + longs.length + objects.length) + 4L * ints.length;
    }
}
