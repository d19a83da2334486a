package dev.cotangent.blas.openblas;

import dev.cotangent.blas.BlasThreads;

import java.nio.DoubleBuffer;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;

/**
 * A checked batch of GEMMs on direct operands: one {@code cblas_dgemm} per entry, the entries
 * split across threads when that was measured to pay.
 *
 * <p>On the 2-core development machine two threads ran batches of 16³–64³ GEMMs 1.2–1.7×
 * faster than one; batches of 8³ gained nothing (the per-call cost does not parallelise).
 * Larger entries are split by whole entries, as many chunks as {@link BlasThreads} gives
 * threads to the batch's size (two per thread); a batch of one is cut into panels by
 * {@link NativeGemm}. Entries run in parallel only when their results cannot overlap.
 */
final class GemmBatch {

    /** Smallest and largest m·n·k whose batches are split across threads. */
    private static final long MIN_PARALLEL_GEMM = 16L * 16 * 16;
    private static final long MAX_PARALLEL_GEMM = 64L * 64 * 64;
    /** Fewest multiply-adds per thread worth a hand-off (about 10 µs). */
    private static final long MIN_WORK_PER_THREAD = 32L * 32 * 32 * 4;

    private GemmBatch() {}

    /** What every entry computes: {@code C = alpha · op(A) · op(B) + beta · C}, op(A) m×k. */
    record Shape(boolean transA, boolean transB, int m, int n, int k, double alpha, double beta) {}

    /** A batched operand: entry {@code i} starts at {@code offset + i · stride}. */
    record Operand(DoubleBuffer buffer, int offset, int ld, long stride) {
        int offset(int i) {
            return (int) (offset + i * stride);
        }
    }

    /** Runs entries {@code 0 … batch-1}; all operands are direct, native order, and checked. */
    static void run(Shape s, Operand a, Operand b, Operand c, int batch) {
        int chunks = chunks(s, c, batch);
        if (chunks <= 1) {
            if (batch == 1) {
                // One product: NativeGemm may still cut it into panels for several threads.
                NativeGemm.run(s.transA(), s.transB(), s.m(), s.n(), s.k(), s.alpha(), a.buffer(), a.offset(0), a.ld(),
                        b.buffer(), b.offset(0), b.ld(), s.beta(), c.buffer(), c.offset(0), c.ld());
                return;
            }
            run(s, a, b, c, 0, batch);
            return;
        }
        BlasThreads.forEachChunk(chunks, Math.min(chunks, BlasThreads.budget()), t -> run(s, a, b, c,
                (int) ((long) batch * t / chunks), (int) ((long) batch * (t + 1) / chunks)));
    }

    private static int chunks(Shape s, Operand c, int batch) {
        long gemm = (long) s.m() * s.n() * s.k();
        long cSpan = (long) (s.m() - 1) * c.ld() + s.n();
        if (BlasThreads.budget() <= 1 || gemm < MIN_PARALLEL_GEMM || Math.abs(c.stride()) < cSpan) {
            return 1;
        }
        if (gemm > MAX_PARALLEL_GEMM) {
            // Entries that keep a thread busy each: whole entries per chunk, two chunks per thread.
            int threads = BlasThreads.threadsFor(2 * gemm * batch);
            return threads <= 1 ? 1 : Math.min(batch, threads * BlasThreads.CHUNKS_PER_THREAD);
        }
        long byWork = gemm * batch / MIN_WORK_PER_THREAD;
        return (int) Math.max(1, Math.min(Math.min(byWork, batch), BlasThreads.budget()));
    }

    private static void run(Shape s, Operand a, Operand b, Operand c, int from, int to) {
        DoubleBuffer av = Staging.whole(a.buffer());
        DoubleBuffer bv = Staging.whole(b.buffer());
        DoubleBuffer cv = Staging.whole(c.buffer());
        int tA = s.transA() ? CblasTrans : CblasNoTrans;
        int tB = s.transB() ? CblasTrans : CblasNoTrans;
        for (int i = from; i < to; i++) {
            av.position(a.offset(i));
            bv.position(b.offset(i));
            cv.position(c.offset(i));
            cblas_dgemm(CblasRowMajor, tA, tB, s.m(), s.n(), s.k(), s.alpha(), av, a.ld(), bv, b.ld(),
                    s.beta(), cv, c.ld());
        }
    }
}
