package dev.cotangent.blas.openblas;

import dev.cotangent.blas.DirectArray;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Uninitialised off-heap memory for doubles, freed when no buffer over it is reachable.
 *
 * <p>Why not {@link ByteBuffer#allocateDirect}: it zeroes every byte (about 1 ms for 8 MB
 * here). Why not JavaCPP's {@code new DoublePointer(n)}: each one costs 2–4 µs on this machine
 * (it reads the process's resident size on every allocation), and its memory is tied to the
 * pointer object, not to the buffer handed out, so a caller that kept only the buffer could
 * see it freed. Here the memory is {@code malloc}ed, and a {@link Cleaner} frees it when the
 * root {@link ByteBuffer} becomes unreachable; every {@link DoubleBuffer} view, duplicate or
 * slice of it refers to that root, so holding any of them keeps the memory alive.
 *
 * <p>Like direct buffers, the total is capped (by {@value #MAX_BYTES_PROPERTY}, default the
 * maximum heap size): an allocation over the cap first lets the garbage collector find dead
 * arrays, then waits briefly for them to be freed, then throws {@link OutOfMemoryError}.
 */
final class NativeMemory {

    /** System property: how many bytes of direct arrays may be live at once, e.g. {@code 8g}. */
    static final String MAX_BYTES_PROPERTY = "cotangent.blas.maxDirectBytes";

    /** How long an allocation over the budget waits without any memory being freed. */
    private static final long STALL_MILLIS = 1000;

    /** The most doubles one buffer can hold: its byte view is indexed by {@code int}. */
    static final int MAX_LENGTH = Integer.MAX_VALUE / Double.BYTES;

    private static final Budget BUDGET = new Budget(maxBytes());
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "cotangent-native-memory");
        t.setDaemon(true);
        return t;
    });
    private static final DoubleBuffer EMPTY =
            ByteBuffer.allocateDirect(0).order(ByteOrder.nativeOrder()).asDoubleBuffer();

    private NativeMemory() {}

    /** {@code n} doubles of uninitialised memory; the record's owner is the root byte buffer. */
    static DirectArray allocate(int n) {
        return allocate(n, BUDGET);
    }

    /**
     * {@code n} doubles if less than half the budget would then be in use, else {@code null}:
     * for memory Cotangent can do without (a product's result, an operand's copy kept with
     * its tensor), which must never force a collection.
     */
    static DirectArray tryAllocate(int n) {
        long bytes = (long) n * Double.BYTES;
        if (n < 0 || n > MAX_LENGTH || BUDGET.reserved() + bytes > BUDGET.max / 2) {
            return null;
        }
        return allocate(n, BUDGET);
    }

    static DirectArray allocate(int n, Budget budget) {
        if (n < 0 || n > MAX_LENGTH) {
            throw new IllegalArgumentException("allocateDirect: " + n + " doubles; a direct array holds 0 to "
                    + MAX_LENGTH);
        }
        if (n == 0) {
            return new DirectArray(EMPTY, EMPTY);
        }
        long bytes = (long) n * Double.BYTES;
        budget.reserve(bytes);
        Pointer block = Pointer.malloc(bytes);
        if (block == null || block.isNull()) {
            budget.release(bytes);
            throw new OutOfMemoryError("Cotangent: malloc of " + bytes + " bytes failed");
        }
        ByteBuffer root = new BytePointer(block).capacity(bytes).asByteBuffer();
        CLEANER.register(root, new Free(block, bytes, budget));
        return new DirectArray(root.order(ByteOrder.nativeOrder()).asDoubleBuffer(), root);
    }

    /** Bytes allocated and not yet freed; for tests. */
    static long reservedBytes() {
        return BUDGET.reserved();
    }

    /** How many bytes may be live at once, and how many are. */
    static final class Budget {
        private final long max;
        private final AtomicLong reserved = new AtomicLong();

        Budget(long max) {
            this.max = max;
        }

        /**
         * Takes {@code bytes}. When the budget is full, asks for a collection (dead arrays are
         * only found by one) and waits while the cleaner frees memory; gives up with
         * {@link OutOfMemoryError} once nothing has been freed for about a second.
         */
        void reserve(long bytes) {
            if (tryReserve(bytes)) {
                return;
            }
            System.gc();
            boolean interrupted = false;
            try {
                long sleepMillis = 1;
                long stalledMillis = 0;
                long before = reserved.get();
                while (!tryReserve(bytes)) {
                    if (stalledMillis >= STALL_MILLIS) {
                        throw new OutOfMemoryError("Cotangent: cannot allocate " + bytes + " bytes of direct memory: "
                                + reserved.get() + " of at most " + max + " are in use (raise -D"
                                + MAX_BYTES_PROPERTY + ")");
                    }
                    try {
                        Thread.sleep(sleepMillis);
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                    long now = reserved.get();
                    // The cleaner may be working through many small arrays first: wait while it frees.
                    stalledMillis = now < before ? 0 : stalledMillis + sleepMillis;
                    before = now;
                    sleepMillis = Math.min(2 * sleepMillis, 64);
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        void release(long bytes) {
            reserved.addAndGet(-bytes);
        }

        long reserved() {
            return reserved.get();
        }

        private boolean tryReserve(long bytes) {
            while (true) {
                long used = reserved.get();
                if (used + bytes > max) {
                    return false;
                }
                if (reserved.compareAndSet(used, used + bytes)) {
                    return true;
                }
            }
        }
    }

    private static long maxBytes() {
        String value = System.getProperty(MAX_BYTES_PROPERTY);
        long fallback = Runtime.getRuntime().maxMemory();
        if (value == null || value.isBlank()) {
            return fallback;
        }
        long parsed = parseSize(value);
        if (parsed < 0) {
            Logger.getLogger("dev.cotangent.blas").warning("Cotangent: ignoring -D" + MAX_BYTES_PROPERTY + "="
                    + value + " (want a positive size such as 536870912, 512m or 8g); the limit stays "
                    + fallback + " bytes");
            return fallback;
        }
        return parsed;
    }

    /** Bytes, or a number followed by k, m, g or t; -1 if {@code value} is neither. */
    static long parseSize(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            return -1;
        }
        int shift = 10 * ("kmgt".indexOf(v.charAt(v.length() - 1)) + 1);
        try {
            long n = Long.parseLong(shift == 0 ? v : v.substring(0, v.length() - 1));
            if (n > 0) {
                return n > Long.MAX_VALUE >> shift ? Long.MAX_VALUE : n << shift;
            }
        } catch (NumberFormatException e) {
            // not a size
        }
        return -1;
    }

    /** Frees one block; held by the cleaner, so it must not refer to the buffer. */
    private record Free(Pointer block, long bytes, Budget budget) implements Runnable {
        @Override
        public void run() {
            Pointer.free(block);
            budget.release(bytes);
        }
    }
}
