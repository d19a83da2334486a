package dev.cotangent.blas.openblas;

import dev.cotangent.blas.DirectArray;

import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NativeMemoryTest {

    @Test
    void allocatesDirectNativeOrderBuffersOfTheRequestedLength() {
        for (int n : new int[] {0, 1, 7, 1 << 20}) {
            DirectArray d = NativeMemory.allocate(n);
            DoubleBuffer b = d.buffer();
            assertThat(b.isDirect()).isTrue();
            assertThat(b.order()).isEqualTo(ByteOrder.nativeOrder());
            assertThat(b.isReadOnly()).isFalse();
            assertThat(b.capacity()).isEqualTo(n);
            assertThat(b.position()).isZero();
            if (n > 0) {
                b.put(n - 1, 42.0);
                assertThat(b.get(n - 1)).isEqualTo(42.0);
            }
        }
    }

    @Test
    void memoryLivesWhileAnyViewOfItIsReachableAndIsFreedAfter() throws InterruptedException {
        int n = 3 << 20;
        long bytes = 8L * n;
        DoubleBuffer view = keepOnlyADuplicate(n);
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
        // The record and its owner are gone; the duplicate alone holds the memory.
        assertThat(NativeMemory.reservedBytes()).isGreaterThanOrEqualTo(bytes);
        assertThat(view.get(n - 1)).isEqualTo(n - 1.0);
        assertThat(view.get(0)).isEqualTo(0.0);

        long withView = NativeMemory.reservedBytes();
        view = null;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (NativeMemory.reservedBytes() > withView - bytes && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(NativeMemory.reservedBytes()).isLessThanOrEqualTo(withView - bytes);
    }

    private static DoubleBuffer keepOnlyADuplicate(int n) {
        DirectArray d = NativeMemory.allocate(n);
        d.buffer().put(0, 0.0);
        d.buffer().put(n - 1, n - 1.0);
        return d.buffer().duplicate();
    }

    @Test
    void aFullBudgetWaitsForDeadArraysToBeFreed() {
        NativeMemory.Budget budget = new NativeMemory.Budget(64L << 20);
        for (int i = 0; i < 100; i++) {
            DirectArray dropped = NativeMemory.allocate(1 << 20, budget);
            dropped.buffer().put(0, i);
        }
        assertThat(budget.reserved()).isLessThanOrEqualTo(64L << 20);
    }

    @Test
    void aBudgetFullOfLiveArraysThrows() {
        NativeMemory.Budget budget = new NativeMemory.Budget(16L << 20);
        DirectArray a = NativeMemory.allocate(1 << 20, budget);
        DirectArray b = NativeMemory.allocate(1 << 20, budget);
        assertThatThrownBy(() -> NativeMemory.allocate(1, budget))
                .isInstanceOf(OutOfMemoryError.class).hasMessageContaining("cotangent.blas.maxDirectBytes");
        assertThat(a.buffer().capacity() + b.buffer().capacity()).isEqualTo(2 << 20);
    }

    @Test
    void parsesSizes() {
        assertThat(NativeMemory.parseSize("536870912")).isEqualTo(536870912L);
        assertThat(NativeMemory.parseSize("512m")).isEqualTo(512L << 20);
        assertThat(NativeMemory.parseSize(" 8G ")).isEqualTo(8L << 30);
        assertThat(NativeMemory.parseSize("100000000t")).isEqualTo(Long.MAX_VALUE);
        assertThat(NativeMemory.parseSize("lots")).isEqualTo(-1);
        assertThat(NativeMemory.parseSize("-5m")).isEqualTo(-1);
        assertThat(NativeMemory.parseSize("g")).isEqualTo(-1);
        assertThat(NativeMemory.parseSize("")).isEqualTo(-1);
    }
}
