package dev.cotangent.blas;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The thread policy: budget, threads per size, chunks run once each, helpers that block. */
class BlasThreadsTest {

    @Test
    void budgetIsThePropertyOrTheSmallerOfProcessorsAndQuota() {
        assertThat(BlasThreads.budget("3", 8, OptionalInt.of(2))).isEqualTo(3);
        assertThat(BlasThreads.budget(null, 8, OptionalInt.of(2))).isEqualTo(2);
        assertThat(BlasThreads.budget(null, 8, OptionalInt.empty())).isEqualTo(8);
        assertThat(BlasThreads.budget(" ", 4, OptionalInt.of(16))).isEqualTo(4);
        // Not a positive integer: ignored (with a warning), the CPUs decide.
        assertThat(BlasThreads.budget("0", 4, OptionalInt.of(3))).isEqualTo(3);
        assertThat(BlasThreads.budget("many", 1, OptionalInt.empty())).isEqualTo(1);
        assertThat(BlasThreads.budget(null, 0, OptionalInt.empty())).isEqualTo(1);
    }

    @Test
    void smallProductsStayOnTheCallingThread() {
        long perThread = BlasThreads.MIN_FLOPS_PER_THREAD;
        assertThat(BlasThreads.threadsFor(2L * 32 * 32 * 32, 8)).isEqualTo(1);
        assertThat(BlasThreads.threadsFor(2 * perThread - 1, 8)).isEqualTo(1);
        assertThat(BlasThreads.threadsFor(2 * perThread, 8)).isEqualTo(2);
        assertThat(BlasThreads.threadsFor(5 * perThread, 8)).isEqualTo(5);
        assertThat(BlasThreads.threadsFor(1000 * perThread, 8)).isEqualTo(8);
        assertThat(BlasThreads.threadsFor(1000 * perThread, 1)).isEqualTo(1);
    }

    @Test
    void everyChunkRunsExactlyOnce() {
        AtomicIntegerArray runs = new AtomicIntegerArray(37);
        for (int round = 0; round < 50; round++) {
            BlasThreads.forEachChunk(37, 3, runs::incrementAndGet);
        }
        for (int i = 0; i < 37; i++) {
            assertThat(runs.get(i)).as("chunk %d", i).isEqualTo(50);
        }
    }

    @Test
    void aFailingChunkIsRethrownAfterTheOthersRan() {
        AtomicIntegerArray runs = new AtomicIntegerArray(8);
        assertThatThrownBy(() -> BlasThreads.forEachChunk(8, 2, i -> {
            runs.incrementAndGet(i);
            if (i == 5) {
                throw new IllegalArgumentException("chunk 5");
            }
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("chunk 5");
        for (int i = 0; i < 8; i++) {
            assertThat(runs.get(i)).isEqualTo(1);
        }
    }

    @Test
    void idleHelpersBlockInsteadOfSpinning() throws InterruptedException {
        BlasThreads.forEachChunk(16, 2, i -> busyWork());
        Thread.sleep(200);
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("cotangent-blas-")) {
                assertThat(t.getState()).as(t.getName()).isIn(Thread.State.WAITING, Thread.State.TIMED_WAITING);
            }
        }
    }

    @Test
    void aHelperDoesNotSplitAgain() {
        Set<String> inner = ConcurrentHashMap.newKeySet();
        BlasThreads.forEachChunk(4, 2, i -> {
            if (Thread.currentThread().getName().startsWith("cotangent-blas-")) {
                assertThat(BlasThreads.threadsFor(Long.MAX_VALUE / 4)).isEqualTo(1);
                BlasThreads.forEachChunk(3, 2, j -> inner.add(Thread.currentThread().getName()));
            }
        });
        assertThat(inner).allMatch(name -> name.startsWith("cotangent-blas-"));
    }

    private static double busyWork() {
        double s = 0;
        for (int i = 0; i < 100_000; i++) {
            s += Math.sqrt(i);
        }
        return s;
    }
}
