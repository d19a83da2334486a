package dev.cotangent.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Threads that keep cores busy beside a benchmark, as another process on a shared machine
 * would: each spins on floating-point work until {@link #stop()}. The benchmarks' {@code busy}
 * parameter ({@code -p busy=1}) starts that many for the trial.
 */
final class BusyThreads {

    private static final List<Thread> RUNNING = new ArrayList<>();
    private static volatile boolean stop;
    /** Written so that the JIT cannot drop the spinning work. */
    static volatile double sink;

    private BusyThreads() {}

    /** Starts {@code count} spinning daemon threads (none for 0). */
    static synchronized void start(int count) {
        stop = false;
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(BusyThreads::spin, "busy-" + i);
            t.setDaemon(true);
            t.start();
            RUNNING.add(t);
        }
    }

    /** Stops the threads {@link #start} started and waits for them. */
    static synchronized void stop() throws InterruptedException {
        stop = true;
        for (Thread t : RUNNING) {
            t.join();
        }
        RUNNING.clear();
    }

    private static void spin() {
        double x = 1;
        while (!stop) {
            for (int i = 0; i < 1_000_000; i++) {
                x = x * 1.0000001 + 1e-9;
            }
            sink = x;
        }
    }
}
