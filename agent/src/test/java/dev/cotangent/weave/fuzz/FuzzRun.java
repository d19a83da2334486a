package dev.cotangent.weave.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Generates, compiles and checks programs for a range of seeds, in batches that share one
 * javac run and one class loader, and collects what failed.
 */
final class FuzzRun {

    private static final int BATCH = 25;

    /** One failing program. */
    record Failed(Program program, ProgramCheck.Failure failure) {}

    private final ProgramGenerator generator;
    private final ProgramCompiler compiler = new ProgramCompiler();
    final List<Failed> failures = new ArrayList<>();
    final Map<String, Integer> failuresByKind = new TreeMap<>();
    int passed;
    int skipped;

    FuzzRun() {
        this.generator = new ProgramGenerator();
    }

    /** Checks the programs of seeds {@code first, first + 1, …}, {@code count} of them. */
    void run(long first, int count) {
        for (long s = first; s < first + count; s += BATCH) {
            List<Program> batch = new ArrayList<>();
            for (long seed = s; seed < Math.min(first + count, s + BATCH); seed++) {
                batch.add(generator.generate(seed));
            }
            runBatch(batch);
        }
    }

    private void runBatch(List<Program> batch) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (Program p : batch) {
            sources.put(p.binaryName(), p.source());
        }
        Map<String, byte[]> classes;
        try {
            classes = compiler.compile(sources);
        } catch (ProgramCompiler.CompileError e) {
            batch.forEach(this::runAlone);
            return;
        }
        Loaders loaders = new Loaders(classes);
        for (Program p : batch) {
            check(p, loaders);
        }
    }

    private void runAlone(Program p) {
        try {
            check(p, new Loaders(compiler.compile(Map.of(p.binaryName(), p.source()))));
        } catch (ProgramCompiler.CompileError e) {
            record(p, new ProgramCheck.Failure("generator", e.getMessage(), null));
        }
    }

    /** A loader for the compiled classes, and one for their probe twins. */
    private final class Loaders {
        final ProgramCompiler.Loader plain;
        final ProgramCompiler.Loader probe;

        Loaders(Map<String, byte[]> classes) {
            plain = new ProgramCompiler.Loader(getClass().getClassLoader(), classes);
            probe = new ProgramCompiler.Loader(getClass().getClassLoader(), ProbeTwin.of(classes));
        }

        ProgramCheck.Outcome check(Program p) {
            try {
                return ProgramCheck.run(p, plain.loadClass(p.binaryName()), probe.loadClass(p.binaryName()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Compiles and checks one program; a failure is thrown, not collected (for shrinking). */
    ProgramCheck.Outcome checkOne(Program p) throws ProgramCompiler.CompileError {
        return new Loaders(compiler.compile(Map.of(p.binaryName(), p.source()))).check(p);
    }

    private void check(Program p, Loaders loaders) {
        try {
            ProgramCheck.Outcome o = loaders.check(p);
            if (o == ProgramCheck.Outcome.PASSED) {
                passed++;
            } else {
                skipped++;
            }
        } catch (ProgramCheck.Failure f) {
            record(p, f);
        }
    }

    private void record(Program p, ProgramCheck.Failure f) {
        failures.add(new Failed(p, f));
        failuresByKind.merge(f.kind, 1, Integer::sum);
    }

    /** A report of one failure: seed, kind, message, and the numbered source. */
    static String report(Failed f) {
        return "seed " + f.program().seed() + " (rerun with -Dcotangent.fuzz.seed=" + f.program().seed() + "): "
                + f.failure().getMessage() + "\n" + f.program().listing();
    }
}
