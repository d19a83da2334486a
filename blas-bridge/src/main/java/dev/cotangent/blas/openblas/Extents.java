package dev.cotangent.blas.openblas;

import java.nio.DoubleBuffer;
import java.nio.ReadOnlyBufferException;

/**
 * Checks that every element an operation will touch lies inside its buffer, so that a bad
 * argument is an {@link IllegalArgumentException} here and never a stray native write.
 *
 * <p>The rules and messages follow {@code JavaBlas.checkGemm}: an empty matrix (no rows or no
 * columns) is not checked at all; a non-empty one needs {@code ld >= cols} and its last
 * element inside the buffer's capacity (position and limit are ignored, as in {@code Blas}).
 */
final class Extents {

    private Extents() {}

    /** Checks a stored {@code rows × cols} matrix; returns how many elements it spans from its offset. */
    static int matrix(String op, String name, DoubleBuffer buffer, long offset, int ld, int rows, int cols) {
        if (rows == 0 || cols == 0) {
            return 0;
        }
        if (ld < cols) {
            throw new IllegalArgumentException(op + ": leading dimension of " + name + " is " + ld
                    + " but its rows hold " + cols + " elements");
        }
        long span = (long) (rows - 1) * ld + cols;
        long capacity = capacity(op, name, buffer);
        if (offset < 0 || offset + span > capacity) {
            throw new IllegalArgumentException(op + ": " + name + " (" + rows + "×" + cols + ", offset " + offset
                    + ", ld " + ld + ") reaches element " + (offset + span) + " of a buffer of " + capacity);
        }
        return (int) span;
    }

    /**
     * Checks a vector of {@code n} elements at {@code offset + i·inc} (so a negative {@code inc}
     * walks down from {@code offset}); returns the index of its lowest element.
     */
    static int vector(String op, String name, DoubleBuffer buffer, int offset, int inc, int n) {
        if (n == 0) {
            return offset;
        }
        long last = offset + (long) (n - 1) * inc;
        long low = Math.min(offset, last);
        long high = Math.max(offset, last);
        long capacity = capacity(op, name, buffer);
        if (low < 0 || high >= capacity) {
            throw new IllegalArgumentException(op + ": " + name + " (" + n + " elements from " + offset + " by " + inc
                    + ") reaches element " + (low < 0 ? low : high) + " of a buffer of " + capacity);
        }
        return (int) low;
    }

    /** How many elements a vector of {@code n} elements with stride {@code inc} spans. */
    static int vectorSpan(int n, int inc) {
        return n == 0 ? 0 : (n - 1) * Math.abs(inc) + 1;
    }

    /** Rejects negative sizes. */
    static void sizes(String op, int... sizes) {
        for (int s : sizes) {
            if (s < 0) {
                throw new IllegalArgumentException(op + ": negative size " + s);
            }
        }
    }

    /** Rejects an output buffer that cannot be written, as {@code put} on it would. */
    static void writable(DoubleBuffer buffer) {
        if (buffer.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
    }

    private static long capacity(String op, String name, DoubleBuffer buffer) {
        if (buffer == null) {
            throw new IllegalArgumentException(op + ": " + name + " is null");
        }
        return buffer.capacity();
    }
}
