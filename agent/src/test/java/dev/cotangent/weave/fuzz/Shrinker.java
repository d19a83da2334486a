package dev.cotangent.weave.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shrinks a failing program to a small one that fails the same way (same {@link
 * ProgramCheck.Failure#kind}): deletes chunks of lines, halving the chunk size down to single
 * lines, then unwraps {@code if}s and loops into plain blocks and replaces subexpressions by
 * constants, for as long as anything helps. Candidates that do not compile are discarded.
 */
final class Shrinker {

    private static final Pattern HEADER = Pattern.compile("^(\\s*)(?:\\w+: )?(?:if|for|while|switch) \\(.*\\) \\{$");
    /** The counter increments of while loops, whose removal would make loops endless. */
    private static final Pattern COUNTER = Pattern.compile("^\\s*c\\d+\\+\\+;$");
    private static final Pattern CALL = Pattern.compile("Math\\.\\w+\\([^()]*\\)");
    private static final Pattern TEST = Pattern.compile("\\([^()]* [<>] [^()]*\\)");

    private final FuzzRun run;
    private int attempts;

    Shrinker(FuzzRun run) {
        this.run = run;
    }

    /** The smallest variant found of {@code p} that still fails with {@code kind}. */
    Program shrink(Program p, String kind) {
        List<String> lines = new ArrayList<>(Arrays.asList(p.source().split("\n")));
        boolean progress = true;
        while (progress && attempts < 3000) {
            progress = false;
            for (int chunk = Math.max(1, lines.size() / 2); chunk >= 1; chunk /= 2) {
                for (int at = 0; at + chunk <= lines.size(); ) {
                    List<String> candidate = new ArrayList<>(lines);
                    candidate.subList(at, at + chunk).clear();
                    boolean endless = lines.subList(at, at + chunk).stream().anyMatch(l -> COUNTER.matcher(l).matches());
                    if (!endless && fails(p, candidate, kind)) {
                        lines = candidate;
                        progress = true;
                    } else {
                        at += chunk;
                    }
                }
            }
            for (int i = 0; i < lines.size(); i++) {
                for (String simpler : simplifications(lines.get(i))) {
                    List<String> candidate = new ArrayList<>(lines);
                    candidate.set(i, simpler);
                    if (fails(p, candidate, kind)) {
                        lines = candidate;
                        progress = true;
                        break;
                    }
                }
            }
        }
        return p.withSource(String.join("\n", lines) + "\n");
    }

    /** A loop or if header made a plain block; each innermost Math call or comparison made a constant. */
    private static List<String> simplifications(String line) {
        List<String> out = new ArrayList<>();
        Matcher h = HEADER.matcher(line);
        if (h.matches() && !line.trim().startsWith("switch")) {
            out.add(h.group(1) + "{");
        }
        for (Matcher c = CALL.matcher(line); c.find(); ) {
            out.add(line.substring(0, c.start()) + "0.5" + line.substring(c.end()));
        }
        for (Matcher t = TEST.matcher(line); t.find(); ) {
            out.add(line.substring(0, t.start()) + "true" + line.substring(t.end()));
            out.add(line.substring(0, t.start()) + "false" + line.substring(t.end()));
        }
        return out;
    }

    private boolean fails(Program p, List<String> lines, String kind) {
        attempts++;
        try {
            run.checkOne(p.withSource(String.join("\n", lines) + "\n"));
            return false;
        } catch (ProgramCheck.Failure f) {
            return f.kind.equals(kind);
        } catch (ProgramCompiler.CompileError | RuntimeException e) {
            return false;
        }
    }
}
