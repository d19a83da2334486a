package dev.cotangent.blas.openblas;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Operands as native code reads them: a direct buffer in native byte order, positioned at the
 * operand's first element.
 *
 * <p>A direct, native-order buffer is used in place: JavaCPP passes its address plus its
 * position, so a positioned duplicate carries the offset without a copy (and without touching
 * the caller's buffer, which other threads may share). Anything else (heap buffers, read-only
 * heap views, direct buffers in the other byte order) is copied into scratch memory that
 * {@link #close()} frees; results are copied back element by element, never over elements
 * the operation does not write, so concurrent writers of neighbouring elements are safe.
 */
final class Staging implements AutoCloseable {

    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private List<Pointer> blocks;

    /** Whether native code can use {@code buffer} directly. */
    static boolean inPlace(DoubleBuffer buffer) {
        return buffer.isDirect() && buffer.order() == NATIVE;
    }

    /** Whether {@code span} elements of {@code buffer} can be handed to native code. */
    static boolean fits(DoubleBuffer buffer, int span) {
        return inPlace(buffer) || span <= NativeMemory.MAX_LENGTH;
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
        long bytes = Math.max(1L, span) * Double.BYTES;
        Pointer block = Pointer.malloc(bytes);
        if (block == null || block.isNull()) {
            throw new OutOfMemoryError("Cotangent: malloc of " + bytes + " bytes of scratch memory failed");
        }
        if (blocks == null) {
            blocks = new ArrayList<>(3);
        }
        blocks.add(block);
        DoubleBuffer copy = new BytePointer(block).capacity(bytes).asByteBuffer().order(NATIVE).asDoubleBuffer();
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

    @Override
    public void close() {
        if (blocks != null) {
            for (Pointer block : blocks) {
                Pointer.free(block);
            }
            blocks = null;
        }
    }
}
