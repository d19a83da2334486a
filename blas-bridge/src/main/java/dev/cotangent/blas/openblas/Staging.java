package dev.cotangent.blas.openblas;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

import java.lang.ref.Cleaner;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

/**
 * Operands as native code reads them: a direct buffer in native byte order, positioned at the
 * operand's first element.
 *
 * <p>A direct, native-order buffer is used in place: JavaCPP passes its address plus its
 * position, so a positioned duplicate carries the offset without a copy (and without touching
 * the caller's buffer, which other threads may share). Anything else (heap buffers, read-only
 * heap views, direct buffers in the other byte order) is copied into scratch memory for the
 * call (the thread's reused block for up to {@link #REUSED} elements, else a block {@link #close()}
 * frees); results are copied back element by element, never over elements
 * the operation does not write, so concurrent writers of neighbouring elements are safe.
 */
final class Staging implements AutoCloseable {

    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    /** The most elements one call can stage: the scratch block's byte view is indexed by {@code int}. */
    static final int MAX_STAGED = NativeMemory.MAX_LENGTH;

    /**
     * Calls staging up to this many elements (2 MB, core's {@code Gemm.DIRECT_MIN}) reuse one
     * block per thread: products of Java arrays are the common case, and fresh memory costs a
     * page fault per 4 KB, more than the copy into a block that is in cache.
     */
    static final int REUSED = 1 << 18;

    private static final Cleaner BLOCKS = Cleaner.create(r -> {
        Thread t = new Thread(r, "cotangent-staging-memory");
        t.setDaemon(true);
        return t;
    });

    /** Each thread's reused block, grown on demand up to {@link #REUSED} elements. */
    private static final ThreadLocal<Staging> PER_THREAD = new ThreadLocal<>();

    private final Pointer block;
    private final DoubleBuffer scratch;
    private final boolean reused;
    private boolean inUse;
    private int used;

    private Staging(long elements, boolean reused) {
        long bytes = elements * Double.BYTES;
        block = Pointer.malloc(bytes);
        if (block == null || block.isNull()) {
            throw new OutOfMemoryError("Cotangent: malloc of " + bytes + " bytes of scratch memory failed");
        }
        scratch = new BytePointer(block).capacity(bytes).asByteBuffer().order(NATIVE).asDoubleBuffer();
        this.reused = reused;
    }

    /**
     * Scratch memory for {@code elements} staged elements, 1 to {@link #MAX_STAGED}: the
     * thread's reused block when it is large enough and free, else a block of its own that
     * {@link #close()} frees.
     */
    static Staging of(long elements) {
        if (elements > REUSED) {
            return new Staging(elements, false);
        }
        Staging s = PER_THREAD.get();
        if (s != null && s.inUse) {
            return new Staging(elements, false);
        }
        if (s == null || s.scratch.capacity() < elements) {
            long size = s == null ? Math.max(elements, 4096) : Math.min(REUSED, Math.max(elements, 2L * s.scratch.capacity()));
            s = new Staging(size, true);
            // Freed once the thread (or a larger block) has replaced it and nothing refers to it.
            BLOCKS.register(s, new Free(s.block));
            PER_THREAD.set(s);
        }
        s.inUse = true;
        s.used = 0;
        return s;
    }

    /** Whether native code can use {@code buffer} directly. */
    static boolean inPlace(DoubleBuffer buffer) {
        return buffer.isDirect() && buffer.order() == NATIVE;
    }

    /** How many elements staging {@code span} elements of {@code buffer} takes: 0 if it is used in place. */
    static int needed(DoubleBuffer buffer, int span) {
        return inPlace(buffer) ? 0 : span;
    }

    /** A duplicate of {@code buffer} positioned at {@code index}, limit at capacity. */
    static DoubleBuffer at(DoubleBuffer buffer, int index) {
        return whole(buffer).position(index);
    }

    /**
     * A duplicate with position 0 and limit at capacity: {@code Blas} ignores position and
     * limit, but the absolute {@code get} and {@code put} methods of a buffer respect its limit.
     */
    static DoubleBuffer whole(DoubleBuffer buffer) {
        return buffer.duplicate().clear();
    }

    /** Elements {@code [start, start + span)} of {@code buffer} for native code: in place or a copy. */
    DoubleBuffer in(DoubleBuffer buffer, int start, int span) {
        if (inPlace(buffer)) {
            return at(buffer, start);
        }
        DoubleBuffer copy = scratch.duplicate().position(used).limit(used + span).slice();
        used += span;
        copy.put(0, whole(buffer), start, span);
        return copy;
    }

    /** Copies a {@code rows × cols} result back from {@code staged} unless it was used in place. */
    static void outMatrix(DoubleBuffer staged, DoubleBuffer target, int offset, int ld, int rows, int cols) {
        if (inPlace(target)) {
            return;
        }
        DoubleBuffer t = whole(target);
        for (int i = 0; i < rows; i++) {
            t.put(offset + i * ld, staged, i * ld, cols);
        }
    }

    /** Copies an {@code n}-element strided result back, {@code low} its lowest element. */
    static void outVector(DoubleBuffer staged, DoubleBuffer target, int low, int n, int inc) {
        if (inPlace(target)) {
            return;
        }
        DoubleBuffer t = whole(target);
        int step = Math.abs(inc);
        for (int i = 0; i < n; i++) {
            t.put(low + i * step, staged.get(i * step));
        }
    }

    /** Frees one reused block; held by the cleaner, so it must not refer to the {@code Staging}. */
    private record Free(Pointer block) implements Runnable {
        @Override
        public void run() {
            Pointer.free(block);
        }
    }

    @Override
    public void close() {
        if (reused) {
            inUse = false;
        } else {
            Pointer.free(block);
        }
    }
}
