package dev.cotangent.blas;

import java.nio.DoubleBuffer;

/**
 * Off-heap storage for doubles handed to native BLAS without copying.
 *
 * @param buffer a direct buffer of exactly the requested length, position 0
 * @param owner  whatever frees the memory when it becomes unreachable; held here so that
 *               the memory lives as long as this record does
 * @since 0.1
 */
public record DirectArray(DoubleBuffer buffer, Object owner) {
    public DirectArray {
        if (!buffer.isDirect()) {
            throw new IllegalArgumentException("DirectArray needs a direct buffer, got a heap buffer");
        }
    }
}
