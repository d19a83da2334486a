package dev.cotangent.blas.openblas;

import dev.cotangent.blas.JavaBlas;

import org.junit.jupiter.api.Test;

import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.cotangent.blas.openblas.BufferKind.BLAS;
import static dev.cotangent.blas.openblas.BufferKind.assertClose;
import static dev.cotangent.blas.openblas.BufferKind.contents;
import static dev.cotangent.blas.openblas.BufferKind.gaussian;

/** Many threads writing disjoint windows of one shared C, staged (heap) and in place (direct). */
class OpenBlasConcurrencyTest {

    @Test
    void concurrentCallsIntoOneBufferDoNotInterfere() throws Exception {
        int threads = 4;
        int rounds = 40;
        int m = 24;
        int n = 20;
        int k = 30;
        int ldc = threads * n + 1; // each thread owns a column band; rows interleave in memory
        SplittableRandom r = new SplittableRandom(8);
        double[] a = gaussian(r, m * k);
        double[] b = gaussian(r, k * threads * n);
        for (BufferKind kind : new BufferKind[] {BufferKind.HEAP, BufferKind.DIRECT}) {
            double[] expected = new double[m * ldc];
            DoubleBuffer cn = kind.holding(new double[m * ldc]);
            DoubleBuffer an = kind.holding(a);
            DoubleBuffer bn = kind.holding(b);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int band = t * n;
                    JavaBlas.INSTANCE.dgemm(false, false, m, n, k, 1, DoubleBuffer.wrap(a), 0, k,
                            DoubleBuffer.wrap(b), band, threads * n, 0, DoubleBuffer.wrap(expected), band, ldc);
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < rounds; i++) {
                            BLAS.dgemm(false, false, m, n, k, 1, an, 0, k, bn, band, threads * n, 0, cn, band, ldc);
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            assertClose(expected, contents(cn), kind.toString());
        }
    }
}
