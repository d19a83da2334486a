package dev.cotangent.blas;

import java.util.OptionalInt;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.logging.Logger;

/**
 * How many threads one BLAS call may use, and the helpers that run the extra ones.
 *
 * <p>The policy, for every implementation ({@link JavaBlas}, and OpenBLAS, whose own thread
 * pool is kept at one thread so that its spinning workers never compete with the caller):
 * <ul>
 *   <li>the <b>budget</b> is {@code -Dcotangent.blas.threads} when set, otherwise the smaller
 *       of {@link Runtime#availableProcessors()} and the control group's CPU quota
 *       ({@code cpu.max}, {@link CpuQuota});</li>
 *   <li>a call gets one thread per {@link #MIN_FLOPS_PER_THREAD} flops, up to the budget:
 *       products below about 2·128³ flops run on the calling thread alone, where a hand-off
 *       (tens of microseconds) would cost more than it saves;</li>
 *   <li>the work is cut into {@link #CHUNKS_PER_THREAD} chunks per thread, which the calling
 *       thread and the helpers claim one at a time: when another process holds a core, the
 *       helper on it claims fewer chunks and the caller more, so a busy machine costs at
 *       most what one thread would (measured in {@code benchmarks/README.md});</li>
 *   <li>helpers are daemon threads that <b>block</b> (never spin) while there is no work,
 *       and end after {@value #IDLE_SECONDS} s without any; when all of them are busy (many
 *       callers at once, or a caller inside a thread pool), a call runs on its own thread
 *       rather than queueing; a helper never splits its own chunk again.</li>
 * </ul>
 *
 * <p>Internal to Cotangent; the budget is the one user-visible setting.
 *
 * @since 0.1
 */
public final class BlasThreads {

    /** System property: the most threads one BLAS call may use, {@code 1} for none but the caller's. */
    public static final String THREADS_PROPERTY = "cotangent.blas.threads";

    /** Flops a thread should have before another one is worth starting: about 150 µs of GEMM. */
    public static final long MIN_FLOPS_PER_THREAD = 2L * 128 * 128 * 128;

    /** Chunks per thread: more balance under load, more repacking of the shared operand. */
    public static final int CHUNKS_PER_THREAD = 2;

    private static final long IDLE_SECONDS = 10;

    private static final int BUDGET = budget(System.getProperty(THREADS_PROPERTY),
            Runtime.getRuntime().availableProcessors(), CpuQuota.ofThisProcess());

    private BlasThreads() {}

    /** The most threads one call may use (at least 1); see the class comment. */
    public static int budget() {
        return BUDGET;
    }

    /** The budget from the property's value, the JVM's processor count and the quota. */
    static int budget(String property, int processors, OptionalInt quota) {
        if (property != null && !property.isBlank()) {
            try {
                int n = Integer.parseInt(property.strip());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            Logger.getLogger("dev.cotangent.blas").warning("Cotangent: ignoring -D" + THREADS_PROPERTY + "="
                    + property + " (want a positive integer); using the CPUs available");
        }
        int n = Math.max(1, processors);
        return quota.isPresent() ? Math.max(1, Math.min(n, quota.getAsInt())) : n;
    }

    /** Threads for a call of {@code flops}: 1 below {@link #MIN_FLOPS_PER_THREAD}, at most the budget. */
    public static int threadsFor(long flops) {
        return threadsFor(flops, BUDGET);
    }

    static int threadsFor(long flops, int budget) {
        if (budget <= 1 || flops < 2 * MIN_FLOPS_PER_THREAD || Thread.currentThread() instanceof Helper) {
            return 1;
        }
        return (int) Math.min(budget, flops / MIN_FLOPS_PER_THREAD);
    }

    /**
     * Runs {@code body} for every chunk index in {@code [0, chunks)}, on the calling thread
     * and on up to {@code threads − 1} helpers, and returns when all are done. The first
     * exception a chunk throws is rethrown here (the other chunks still run).
     */
    public static void forEachChunk(int chunks, int threads, IntConsumer body) {
        int helpers = Math.min(threads, chunks) - 1;
        if (helpers <= 0 || Thread.currentThread() instanceof Helper) {
            for (int i = 0; i < chunks; i++) {
                body.accept(i);
            }
            return;
        }
        Work work = new Work(chunks, body, Thread.currentThread());
        ThreadPoolExecutor pool = Pool.EXECUTOR;
        for (int h = 0; h < helpers && pool.getQueue().isEmpty(); h++) {
            pool.execute(work::drain);
        }
        work.drain();
        work.await();
    }

    /** One call's chunks: claimed by index, counted when done. */
    private static final class Work {
        private final int chunks;
        private final IntConsumer body;
        private final Thread caller;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Work(int chunks, IntConsumer body, Thread caller) {
            this.chunks = chunks;
            this.body = body;
            this.caller = caller;
        }

        void drain() {
            for (int i; (i = next.getAndIncrement()) < chunks; ) {
                try {
                    body.accept(i);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
                if (done.incrementAndGet() == chunks) {
                    LockSupport.unpark(caller);
                }
            }
        }

        void await() {
            boolean interrupted = false;
            while (done.get() < chunks) {
                LockSupport.park(this);
                interrupted |= Thread.interrupted();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Throwable e = failure.get();
            if (e instanceof RuntimeException r) {
                throw r;
            }
            if (e instanceof Error err) {
                throw err;
            }
            if (e != null) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A helper thread; chunks it runs are never split again. */
    private static final class Helper extends Thread {
        Helper(Runnable r, int id) {
            super(r, "cotangent-blas-" + id);
            setDaemon(true);
        }
    }

    /** The helpers, made on first need: budget − 1 threads blocked on a queue. */
    private static final class Pool {
        static final ThreadPoolExecutor EXECUTOR = make();

        private static ThreadPoolExecutor make() {
            AtomicInteger ids = new AtomicInteger();
            int size = Math.max(1, BUDGET - 1);
            ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, IDLE_SECONDS, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> new Helper(r, ids.incrementAndGet()));
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }
    }
}
