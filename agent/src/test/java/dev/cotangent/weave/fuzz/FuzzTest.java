package dev.cotangent.weave.fuzz;

import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The weaver on randomly generated programs (see {@link ProgramGenerator}), each checked by
 * {@link ProgramCheck} against finite differences and the dot-product identity.
 *
 * <p>By default a fixed set of seeds runs, as part of {@code mvn verify}. System properties:
 * {@code cotangent.fuzz.seed=N} reruns the one program of seed N (its source is printed);
 * {@code cotangent.fuzz.shrink=true} also shrinks the first failing program ({@link Shrinker});
 * {@code cotangent.fuzz.programs} and {@code cotangent.fuzz.firstSeed} choose how many seeds
 * from which (the {@code fuzz} profile of this module runs many).
 */
class FuzzTest {

    private static final int DEFAULT_PROGRAMS = 200;

    @Test
    void generatedProgramsHaveCorrectDerivatives() {
        String one = System.getProperty("cotangent.fuzz.seed");
        long first = one != null ? Long.parseLong(one) : Long.getLong("cotangent.fuzz.firstSeed", 1);
        int count = one != null ? 1 : Integer.getInteger("cotangent.fuzz.programs", DEFAULT_PROGRAMS);
        FuzzRun run = new FuzzRun();
        long start = System.nanoTime();
        run.run(first, count);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("fuzz: seeds %d..%d: %d passed, %d skipped (no smooth point), %d failed %s in %.1f s%n",
                first, first + count - 1, run.passed, run.skipped, run.failures.size(), run.failuresByKind, seconds);
        if (one != null) {
            System.out.println(new ProgramGenerator().generate(first).listing());
        }
        if (!run.failures.isEmpty()) {
            FuzzRun.Failed failed = run.failures.get(0);
            String shrunk = "";
            if (Boolean.getBoolean("cotangent.fuzz.shrink")) {
                Program small = new Shrinker(run).shrink(failed.program(), failed.failure().kind);
                shrunk = "\nshrunk to a program that fails the same way:\n" + small.listing();
            }
            fail(run.failures.size() + " of " + count + " programs failed " + run.failuresByKind + "; seeds "
                    + run.failures.stream().map(f -> Long.toString(f.program().seed()))
                    .collect(Collectors.joining(", ")) + "; the first:\n" + FuzzRun.report(failed) + shrunk,
                    failed.failure());
        }
        assertThat(run.skipped).as("programs without a smooth test point").isLessThanOrEqualTo(count / 10);
    }
}
