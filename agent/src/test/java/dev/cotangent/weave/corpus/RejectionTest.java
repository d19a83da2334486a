package dev.cotangent.weave.corpus;

import dev.cotangent.AD;
import dev.cotangent.NotDifferentiableException;
import dev.cotangent.runtime.DerivativeFactory;
import dev.cotangent.runtime.Mode;
import dev.cotangent.weave.ClassSource;
import dev.cotangent.weave.Weaver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Every construct that would lose a derivative is rejected when it is woven, with a message
 * naming the file and line, the class, the method, the construct and the fix.
 */
class RejectionTest {

    private static final Path SOURCE = Path.of("src/test/java/dev/cotangent/weave/corpus/RejectedConstructs.java");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "storesField            | storesField(double)            | stored into the field RejectedConstructs.cache | pass the value as a parameter",
            "storesStaticField      | storesStaticField(double)      | stored into the field RejectedConstructs.shared | pass the value as a parameter",
            "catchesException       | catchesException(double)       | exception handler (try/catch/finally)          | move the try/catch out",
            "boxes                  | boxes(double)                  | boxed into a Double                            | keep it a primitive double",
            "callsJdk               | callsJdk(double)               | call to Double.doubleToLongBits(double) receives an active value | mark it @Differentiable",
            "capturesInLambda       | capturesInLambda(double)       | captured by invokedynamic (a lambda or method reference) that leaves the method | call the lambda only in the method that creates it",
            "callsNative            | callsNative(double)            | it is native                                   | mark it @Differentiable",
            "storesIntoFieldArray   | storesIntoFieldArray(double)   | stored into an array that carries no derivative here | allocate the array inside the method",
            "convertsToFloat        | convertsToFloat(double)        | converted to float                             | compute in double",
            "constructsObject       | constructsObject(double)       | the constructor of RejectedConstructs.Point    | mark it @Differentiable",
            "synchronizedBlock      | synchronizedBlock(double)      | a synchronized block                           | synchronize around the call",
            "synchronizedMethod     | synchronizedMethod(double)     | a synchronized method                          | synchronize around the call",
            "writesThreadLocalBuffer | writesThreadLocalBuffer(double) | stored into an array that carries no derivative here | allocate the array inside the method",
            "writesArrayFromMap     | writesArrayFromMap(double)     | stored into an array that carries no derivative here | allocate the array inside the method",
            "passesFourMergedArrays | passesFourMergedArrays(double) | passes 4 arrays that may or may not carry a derivative | merge with copies of the constant arrays",
    })
    void rejected(String method, String signature, String construct, String fix) throws IOException {
        Class<?>[] types = {double.class};
        assertThatThrownBy(() -> AD.function(RejectedConstructs.class, method, types))
                .isInstanceOf(NotDifferentiableException.class)
                .hasMessageStartingWith("RejectedConstructs.java:" + lineOf(method) + " in RejectedConstructs." + signature
                        + ": ")
                .hasMessageContaining(construct)
                .hasMessageContaining(fix);
    }

    /** Text built from a value that carries a derivative, read back as a number by whatever route. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "parsesConcatenation | parsesConcatenation(double) | Double.parseDouble(String)",
            "parsesStringBuilder | parsesStringBuilder(double) | Double.doubleValue()",
            "parsesBigDecimal    | parsesBigDecimal(double)    | BigDecimal.doubleValue()",
            "parsesCharacters    | parsesCharacters(double)    | Double.parseDouble(String)",
            "parsesWithScanner   | parsesWithScanner(double)   | Scanner.nextDouble()",
            "parsesFromAList     | parsesFromAList(double)     | Double.parseDouble(String)",
            "parsesAHelpersText  | parsesAHelpersText(double)  | Double.parseDouble(String)",
    })
    void aNumberReadBackFromTextBuiltFromAnActiveValueIsRejected(String method, String signature, String reader)
            throws IOException {
        assertThatThrownBy(() -> AD.function(RejectedConstructs.class, method, double.class))
                .isInstanceOf(NotDifferentiableException.class)
                .hasMessageStartingWith("RejectedConstructs.java:" + lineOf(method) + " in RejectedConstructs." + signature
                        + ": a number is read back by " + reader + " from text built from a value that carries a "
                        + "derivative")
                .hasMessageContaining("use the double directly, or build the text from AD.stopGradient(x)");
    }

    @Test
    void aHelperThatParsesTextBuiltFromAnActiveValueIsRejectedWhereItParses() throws IOException {
        assertThatThrownBy(() -> AD.function(RejectedConstructs.class, "parsesInAHelper", double.class))
                .isInstanceOf(NotDifferentiableException.class)
                .hasMessageStartingWith("RejectedConstructs.java:" + lineOf("readNumber")
                        + " in RejectedConstructs.readNumber(String): a number is read back by Double.parseDouble(String)");
    }

    @Test
    void textFromActiveValuesThatIsOnlyPrintedLoggedOrMeasuredIsAllowed() {
        var f = AD.function(RejectedConstructs.class, "logsAndMeasuresText", double.class);
        double x = 1.3;
        assertThat((Double) f.jvp(new Object[] {x}, new Object[] {1.0})).isCloseTo(2 * x, within(1e-12));
        assertThat((Double) f.gradient(x)[0]).isCloseTo(2 * x, within(1e-12));
    }

    @Test
    void aStoreInADifferentiatedThroughHelperIsRejectedWhereItIs() throws IOException {
        assertThatThrownBy(() -> AD.function(RejectedConstructs.class, "callsSetterThatStores", double.class))
                .isInstanceOf(NotDifferentiableException.class)
                .hasMessageStartingWith("RejectedConstructs.java:" + lineOf("set") + " in RejectedConstructs.Holder.set(double): ")
                .hasMessageContaining("stored into the field RejectedConstructs.Holder.value");
    }

    @Test
    void aHelperWritingIntoAnArrayFromAFieldIsRejectedWhereItWrites() throws IOException {
        assertThatThrownBy(() -> AD.function(RejectedConstructs.class, "passesFieldArrayToWriter", double.class))
                .isInstanceOf(NotDifferentiableException.class)
                .hasMessageStartingWith("RejectedConstructs.java:" + lineOf("fill") + " in RejectedConstructs.fill(double[], "
                        + "double): ")
                .hasMessageContaining("stored into an array that carries no derivative here")
                .hasMessageContaining("pass it in as a differentiated parameter");
    }

    /**
     * Issue 12, item 14: active values written into a ThreadLocal's buffer (an array from a call
     * without a derivative, typed Object and cast) are rejected alike by both modes, where the
     * gradient used to be right and the JVP to fail with a NullPointerException.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"writesThreadLocalBuffer, writesThreadLocalBuffer", "passesThreadLocalBufferToWriter, fillScratch"})
    void aThreadLocalBufferWrittenWithActiveValuesIsRejectedByBothModes(String method, String where) throws IOException {
        Weaver weaver = new Weaver(ClassSource.of(getClass().getClassLoader()));
        String owner = RejectedConstructs.class.getName().replace('.', '/');
        List<String> messages = new java.util.ArrayList<>();
        for (Mode mode : new Mode[] {Mode.TANGENT, Mode.TOP_FORWARD}) {
            messages.add(firstRejection(weaver, owner, method, mode));
        }
        String signature = where.equals("fillScratch") ? "fillScratch(double[], double)" : where + "(double)";
        assertThat(messages.get(0)).startsWith("RejectedConstructs.java:" + lineOf(where) + " in RejectedConstructs."
                + signature + ": ").contains("stored into an array that carries no derivative here");
        assertThat(messages.get(1)).isEqualTo(messages.get(0));
        assertThatThrownBy(() -> AD.function(RejectedConstructs.class, method, double.class).gradient(0.5))
                .hasMessageContaining(messages.get(0));
    }

    /** The weaver's message for {@code method} in {@code mode}, or for the first derivative it calls that fails. */
    private static String firstRejection(Weaver weaver, String owner, String method, Mode mode) {
        java.util.Deque<DerivativeFactory.Dependency> work = new java.util.ArrayDeque<>();
        work.add(new DerivativeFactory.Dependency(owner, method, "(D)D", mode, Mode.ALL));
        while (!work.isEmpty()) {
            DerivativeFactory.Dependency d = work.poll();
            try {
                work.addAll(weaver.companion(d.owner(), d.method(), d.descriptor(), d.mode(), d.active()).dependencies());
            } catch (NotDifferentiableException e) {
                return e.getMessage();
            }
        }
        throw new AssertionError(method + " was not rejected in " + mode);
    }

    /**
     * A lambda found at run time (handed to a helper) whose site cannot be told apart from
     * another's, or whose body needs its argument boxed, is refused when its derivative is first
     * asked for, naming the lambda's line.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "callsLookalikeLambda       | either(boolean)                  | look alike at run time, so which one it is cannot be told | store each lambda in a static final field",
            "callsBoxingMethodReference | callsBoxingMethodReference(double) | converts argument 1 from double to java.lang.Double       | declare the interface method with the types",
    })
    void lambdasFoundAtRunTimeAreRefusedNamingTheirLine(String method, String signature, String construct, String fix)
            throws IOException {
        var f = AD.function(RejectedConstructs.class, method, double.class);
        String where = "RejectedConstructs.java:" + lineOf(method) + " in RejectedConstructs." + signature + ": ";
        assertThatThrownBy(() -> f.jvp(new Object[] {0.5}, new Object[] {1.0}))
                .isInstanceOf(NotDifferentiableException.class)
                .hasMessageStartingWith(where).hasMessageContaining(construct).hasMessageContaining(fix);
        assertThatThrownBy(() -> f.gradient(0.5))
                .isInstanceOf(NotDifferentiableException.class).hasMessageStartingWith(where);
    }

    @Test
    void aConstructorReferenceReceivingAnActiveValueIsRefusedNamingItsLine() throws IOException {
        var f = AD.function(RejectedConstructs.class, "callsConstructorReference", double.class);
        assertThatThrownBy(() -> f.jvp(new Object[] {0.5}, new Object[] {1.0}))
                .isInstanceOf(NotDifferentiableException.class)
                .hasMessageStartingWith("RejectedConstructs.java:" + lineOf("callsConstructorReference")
                        + " in RejectedConstructs.<lambda site ")
                .hasMessageContaining("(RejectedConstructs$Maker, double): call to RejectedConstructs.Point.<init>(double) "
                        + "receives an active value, but the constructor of RejectedConstructs.Point has no derivative");
    }

    @Test
    void aLambdaTheJdkMadeIsRefused() {
        var f = AD.function(RejectedConstructs.class, "composesWithTheJdk", double.class);
        assertThatThrownBy(() -> f.jvp(new Object[] {0.5}, new Object[] {1.0}))
                .isInstanceOf(NotDifferentiableException.class)
                .hasMessageContaining("a call of DoubleUnaryOperator.applyAsDouble runs code of the JDK (a lambda made by "
                        + "java.util.function.DoubleUnaryOperator)")
                .hasMessageContaining("compose functions in a lambda");
    }

    @Test
    void exceptionRecordsTheLocation() {
        NotDifferentiableException e = org.junit.jupiter.api.Assertions.assertThrows(NotDifferentiableException.class,
                () -> AD.function(RejectedConstructs.class, "storesField", double.class));
        assertThat(e.className()).isEqualTo(RejectedConstructs.class.getName());
        assertThat(e.method()).isEqualTo("storesField(double)");
        assertThat(e.sourceFile()).isEqualTo("RejectedConstructs.java");
        assertThat(e.construct()).contains("field");
    }

    @Test
    void throwingCodeIsDifferentiatedAndStillThrows() {
        var f = AD.function(RejectedConstructs.class, "throwsOnBadInput", double.class);
        assertThat((Double) f.jvp(new Object[] {4.0}, new Object[] {1.0})).isCloseTo(0.25, within(1e-12));
        assertThatThrownBy(() -> f.jvp(new Object[] {-1.0}, new Object[] {1.0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("negative input -1.0");
    }

    @Test
    void printingAndStringBuildingAreAllowed() {
        assertThat((Double) AD.function(RejectedConstructs.class, "printsAndConcatenates", double.class)
                .jvp(new Object[] {2.0}, new Object[] {1.0})).isCloseTo(3.0, within(1e-12));
    }

    @Test
    void anArrayFromAFieldHandedOutByAHelperStopsTheDerivativeWithAClearError() {
        RejectedConstructs r = new RejectedConstructs();
        var f = AD.function(RejectedConstructs.class, "writesIntoFieldArrayFromHelper", double.class);
        String message = "RejectedConstructs.bufferFor returns an array that carries no derivative (it comes from a field";
        assertThatThrownBy(() -> f.gradient(r, 0.5)).isInstanceOf(IllegalStateException.class).hasMessageContaining(message);
        assertThatThrownBy(() -> f.jvp(new Object[] {r, 0.5}, new Object[] {null, 1.0}))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(message);
    }

    /** The line marked {@code // rejected: <method>} in the source. */
    static int lineOf(String method) throws IOException {
        List<String> lines = Files.readAllLines(SOURCE);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("// rejected: " + method)) {
                return i + 1;
            }
        }
        throw new AssertionError("no marker for " + method);
    }
}
