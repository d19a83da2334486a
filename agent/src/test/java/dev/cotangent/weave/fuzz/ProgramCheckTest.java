package dev.cotangent.weave.fuzz;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fuzz test's own machinery: the generator is deterministic, and the oracle can fail. */
class ProgramCheckTest {

    private final FuzzRun run = new FuzzRun();

    @Test
    void aSeedAlwaysGivesTheSameProgram() {
        ProgramGenerator generator = new ProgramGenerator();
        assertThat(generator.generate(42).source()).isEqualTo(generator.generate(42).source())
                .isNotEqualTo(generator.generate(43).source());
    }

    @Test
    void aSmoothProgramPasses() throws Exception {
        assertThat(run.checkOne(program("return x[0] * Math.sin(x[1]) + a * a;")))
                .isEqualTo(ProgramCheck.Outcome.PASSED);
    }

    /** floor has derivative zero, which finite differences across its steps contradict. */
    @Test
    void aGradientThatDisagreesWithFiniteDifferencesFails() {
        assertThatThrownBy(() -> run.checkOne(program("return Math.floor(1000 * x[0]) + a;")))
                .isInstanceOf(ProgramCheck.Failure.class)
                .satisfies(e -> assertThat(((ProgramCheck.Failure) e).kind).startsWith("gradient vs finite differences"));
    }

    private static Program program(String body) {
        String source = "package " + Program.PACKAGE + ";\n\npublic class Program1 {\n"
                + "    public static double f(double[] x, double a) {\n        " + body + "\n    }\n}\n";
        return new Program(1, source, "f", List.of(new Program.Param("x", Scope.Type.ARRAY, 3, 0, 0),
                new Program.Param("a", Scope.Type.DOUBLE, 0, 0, 0)), Scope.Type.DOUBLE);
    }
}
