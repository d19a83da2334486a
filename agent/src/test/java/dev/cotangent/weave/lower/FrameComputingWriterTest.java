package dev.cotangent.weave.lower;

import dev.cotangent.AD;
import dev.cotangent.NotDifferentiableException;
import dev.cotangent.runtime.TangentOut;
import dev.cotangent.weave.ClassSource;
import dev.cotangent.weave.Weaver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.CheckClassAdapter;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * What weaving leaves alone, over the class files javac writes for Java 8 to 25 and older ones:
 * every method, field and class attribute the class had keeps its bytes (the class's own code,
 * frames, inner classes, nest members, records, annotations, signatures, bootstrap methods),
 * the class file version is kept from 51 on, and a class file below 51 is raised to it with
 * frames computed, against the real hierarchy, only for the methods that need them.
 * Interfaces get the derivatives of their static and default methods. Every woven class
 * passes CheckClassAdapter and, where this JVM can load its version, loads and runs.
 */
class FrameComputingWriterTest {

    private static final int RUNNING = 44 + Runtime.version().feature();

    /** Java source of the fixtures, by class; compiled for each release (records from 16 on). */
    private static final Map<String, String> SOURCES = Map.of(
            "fixture/Versioned", """
                    package fixture;
                    import dev.cotangent.Differentiable;
                    import java.util.function.DoubleUnaryOperator;
                    /** Inner classes, nest members, a generic signature, an annotation, lambdas and string concatenation. */
                    @Deprecated
                    public class Versioned<T extends Number> implements java.io.Serializable {
                        public static final class Inner { public double v = 1; }
                        public T field;
                        @Differentiable
                        public static double square(double x) { return x * x; }
                        public static double parse(String s, boolean integer) {
                            Number n;
                            if (integer) { n = Integer.valueOf(s); } else { n = Double.valueOf(s); }
                            return n.doubleValue();
                        }
                        public static String describe(double x) {
                            DoubleUnaryOperator f = y -> y + new Inner().v;
                            return "x=" + f.applyAsDouble(x);
                        }
                    }
                    """,
            "fixture/Legacy", """
                    package fixture;
                    import dev.cotangent.Differentiable;
                    /** What a Java 5 or 6 compiler could have written: no invokedynamic. */
                    public class Legacy {
                        @Differentiable
                        public static double square(double x) { return x * x; }
                        public static double parse(String s, boolean integer) {
                            Number n;
                            if (integer) { n = Integer.valueOf(s); } else { n = Double.valueOf(s); }
                            return n.doubleValue();
                        }
                        public static int answer() { return 42; }
                    }
                    """,
            "fixture/Curve", """
                    package fixture;
                    import dev.cotangent.Differentiable;
                    /** An interface with a differentiable static method and a differentiable default method. */
                    public interface Curve {
                        double at(double x);
                        @Differentiable
                        static double cube(double x) { return x * x * x; }
                        @Differentiable
                        default double twice(double x) { return 2 * x * x; }
                    }
                    """,
            "fixture/Line", """
                    package fixture;
                    public final class Line implements Curve {
                        public double at(double x) { return x; }
                    }
                    """,
            "fixture/Point", """
                    package fixture;
                    import dev.cotangent.Differentiable;
                    /** A record: its Record attribute and accessors must survive weaving. */
                    public record Point(double x, double y) {
                        @Differentiable
                        public static double norm2(double x, double y) { return x * x + y * y; }
                    }
                    """);

    /** Class files by release (8, 11, 17, 21, 25), then by internal name. */
    private static final Map<Integer, Map<String, byte[]>> COMPILED = new TreeMap<>();

    @BeforeAll
    static void compile() throws IOException {
        Map<String, byte[]> newest = null;
        for (int release : List.of(8, 11, 17, 21, 25)) {
            if (release <= Runtime.version().feature()) {
                newest = compile(release);
                COMPILED.put(release, newest);
            } else {
                // Newer than this JDK's javac: the newest class files, with the version number of that release.
                Map<String, byte[]> raised = new TreeMap<>();
                newest.forEach((name, bytes) -> raised.put(name, ClassFileParts.withMajor(bytes, 44 + release)));
                COMPILED.put(release, raised);
            }
        }
    }

    @Test
    void javaEightToTwentyFiveClassFilesKeepTheirVersionMethodsFieldsAndAttributes() throws Exception {
        for (Map.Entry<Integer, Map<String, byte[]>> release : COMPILED.entrySet()) {
            Map<String, byte[]> classes = release.getValue();
            for (String name : List.of("fixture/Versioned", "fixture/Point", "fixture/Curve")) {
                if (!classes.containsKey(name)) {
                    continue;
                }
                String what = name + " for Java " + release.getKey();
                byte[] original = classes.get(name);
                byte[] woven = weave(classes, name);

                assertThat(ClassFileParts.major(woven)).as(what).isEqualTo(ClassFileParts.major(original));
                assertKept(original, woven, what);
                assertThat(verifierProblems(woven, classes)).as(what).isEmpty();
                assertThat(weave(classes, name)).as(what + ", woven again").isEqualTo(woven);
            }
            if (ClassFileParts.major(classes.get("fixture/Versioned")) <= RUNNING) {
                runVersioned(classes);
                runCurve(classes);
            }
        }
    }

    @Test
    void aJavaSixClassFileIsRaisedToVersion51AndKeepsEveryMethodWithItsFrames() throws Exception {
        Map<String, byte[]> classes = new HashMap<>(COMPILED.get(8));
        byte[] original = ClassFileParts.withMajor(classes.get("fixture/Legacy"), Opcodes.V1_6);
        classes.put("fixture/Legacy", original);

        byte[] woven = weave(classes, "fixture/Legacy");

        assertThat(ClassFileParts.major(woven)).isEqualTo(Opcodes.V1_7);
        Map<String, byte[]> methods = ClassFileParts.of(woven).methods();
        ClassFileParts.of(original).methods().forEach((m, info) -> assertThat(methods.get(m)).as(m).isEqualTo(info));
        runLegacy(woven, classes);
    }

    /**
     * Below version 50 a class file has no frames; raised to 51 it needs them. The branching
     * method gets frames that know the Integer/Double merge is a Number, and its instructions
     * stay the same; the straight-line methods keep their bytes; a subroutine ({@code jsr},
     * not allowed at 51) is inlined.
     */
    @Test
    void aJavaFiveClassFileIsRaisedWithFramesOnlyWhereItNeedsThem() throws Exception {
        Map<String, byte[]> classes = new HashMap<>(COMPILED.get(8));
        byte[] original = javaFive(classes.get("fixture/Legacy"));
        classes.put("fixture/Legacy", original);

        byte[] woven = weave(classes, "fixture/Legacy");

        assertThat(ClassFileParts.major(woven)).isEqualTo(Opcodes.V1_7);
        Map<String, byte[]> before = ClassFileParts.of(original).methods();
        Map<String, byte[]> after = ClassFileParts.of(woven).methods();
        for (String kept : List.of("square(D)D", "answer()I", "<init>()V")) {
            assertThat(after.get(kept)).as(kept).isEqualTo(before.get(kept));
        }
        assertThat(after.get("parse(Ljava/lang/String;Z)D")).isNotEqualTo(before.get("parse(Ljava/lang/String;Z)D"));
        MethodNode parse = method(woven, "parse");
        assertThat(parse.instructions.toArray()).filteredOn(i -> i instanceof FrameNode)
                .anySatisfy(f -> assertThat(((FrameNode) f).local).contains("java/lang/Number"));
        assertThat(method(woven, "subroutine").instructions.toArray())
                .noneMatch(i -> i.getOpcode() == Opcodes.JSR || i.getOpcode() == Opcodes.RET);
        assertThat(verifierProblems(woven, classes)).isEmpty();
        assertThat(weave(classes, "fixture/Legacy")).isEqualTo(woven);
        Class<?> legacy = runLegacy(woven, classes);
        Method subroutine = legacy.getMethod("subroutine", boolean.class);
        assertThat(subroutine.invoke(null, true)).isEqualTo(3.0);
        assertThat(subroutine.invoke(null, false)).isEqualTo(2.5);
    }

    @Test
    void framesOfAnOldMethodAreNeverGuessedWhenItsTypesCannotBeRead() {
        Map<String, byte[]> classes = new HashMap<>(COMPILED.get(8));
        classes.put("fixture/Legacy", javaFive(classes.get("fixture/Legacy")));
        // A class path without java/lang/Number's subclasses' class files.
        ClassSource partial = new ClassSource(name -> name.equals("java/lang/Integer") ? null
                : classes.containsKey(name) ? classes.get(name) : read(getClass().getClassLoader(), name));

        assertThatThrownBy(() -> new Weaver(partial).weave(classes.get("fixture/Legacy"), new ArrayList<>()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fixture.Legacy.parse(Ljava/lang/String;Z)D")
                .hasMessageContaining("java.lang.Integer").hasMessageContaining("not on the class path");
    }

    // ---- running the woven fixtures ----

    private void runVersioned(Map<String, byte[]> classes) throws Exception {
        Map<String, byte[]> woven = new HashMap<>(classes);
        woven.put("fixture/Versioned", weave(classes, "fixture/Versioned"));
        ChildFirstLoader loader = new ChildFirstLoader(woven, getClass().getClassLoader());
        Class<?> versioned = loader.link("fixture/Versioned");
        assertThat(versioned.getMethod("parse", String.class, boolean.class).invoke(null, "3", true)).isEqualTo(3.0);
        assertThat(versioned.getMethod("parse", String.class, boolean.class).invoke(null, "2.5", false)).isEqualTo(2.5);
        assertThat(versioned.getMethod("describe", double.class).invoke(null, 1.0)).isEqualTo("x=2.0");
        assertThat(versioned.getDeclaredClasses()).extracting(Class::getSimpleName).containsExactly("Inner");
        assertThat(versioned.isAnnotationPresent(Deprecated.class)).isTrue();
        assertThat(versioned.getTypeParameters()[0].getBounds()[0]).isEqualTo(Number.class);
        Method tangent = versioned.getDeclaredMethod("cotangent$tangent$square", double.class, double.class,
                TangentOut.class);
        TangentOut out = new TangentOut();
        assertThat((double) tangent.invoke(null, 1.5, 1.0, out)).isEqualTo(2.25);
        assertThat(out.real).isEqualTo(3.0);
        if (woven.containsKey("fixture/Point")) {
            woven.put("fixture/Point", weave(classes, "fixture/Point"));
            Class<?> point = loader.link("fixture/Point");
            assertThat(point.isRecord()).isTrue();
            assertThat(point.getRecordComponents()).extracting(c -> c.getName()).containsExactly("x", "y");
            Object p = point.getConstructor(double.class, double.class).newInstance(3.0, 4.0);
            assertThat(point.getMethod("y").invoke(p)).isEqualTo(4.0);
            assertThat(AD.function(point, "norm2", double.class, double.class).gradient(3.0, 4.0))
                    .containsExactly(6.0, 8.0);
        }
    }

    /** The derivatives of an interface's static and default methods, through {@code AD} as a user calls them. */
    private void runCurve(Map<String, byte[]> classes) throws Exception {
        Map<String, byte[]> woven = new HashMap<>(classes);
        woven.put("fixture/Curve", weave(classes, "fixture/Curve"));
        ChildFirstLoader loader = new ChildFirstLoader(woven, getClass().getClassLoader());
        Class<?> curve = loader.link("fixture/Curve");
        assertThat(Stream.of(curve.getDeclaredMethods()).map(Method::getName))
                .contains("cotangent$tangent$cube", "cotangent$reverse$cube", "cotangent$tangent$twice");
        Object line = loader.link("fixture/Line").getConstructor().newInstance();
        double x = 1.5;
        assertThat(AD.function(curve, "cube", double.class).jvp(new Object[] {x}, new Object[] {1.0}))
                .isEqualTo(3 * x * x);
        assertThat(AD.function(curve, "twice", double.class).jvp(new Object[] {line, x}, new Object[] {null, 1.0}))
                .isEqualTo(4 * x);
        assertThat((double) AD.function(curve, "twice", double.class).gradient(line, x)[1])
                .isCloseTo(4 * x, within(1e-12));
    }

    private Class<?> runLegacy(byte[] woven, Map<String, byte[]> classes) throws Exception {
        Map<String, byte[]> all = new HashMap<>(classes);
        all.put("fixture/Legacy", woven);
        Class<?> legacy = new ChildFirstLoader(all, getClass().getClassLoader()).link("fixture/Legacy");
        Method parse = legacy.getMethod("parse", String.class, boolean.class);
        assertThat(parse.invoke(null, "3", true)).isEqualTo(3.0);
        assertThat(parse.invoke(null, "2.5", false)).isEqualTo(2.5);
        assertThat(legacy.getMethod("answer").invoke(null)).isEqualTo(42);
        assertThat(AD.function(legacy, "square", double.class).jvp(new Object[] {1.5}, new Object[] {1.0}))
                .isEqualTo(3.0);
        return legacy;
    }

    // ---- checks ----

    /** Every method, field and class attribute of {@code original} is in {@code woven}, byte for byte. */
    private static void assertKept(byte[] original, byte[] woven, String what) {
        ClassFileParts before = ClassFileParts.of(original);
        ClassFileParts after = ClassFileParts.of(woven);
        before.methods().forEach((m, info) -> assertThat(after.methods().get(m)).as(what + " " + m).isEqualTo(info));
        assertThat(after.fields().keySet()).as(what).containsExactlyElementsOf(before.fields().keySet());
        before.fields().forEach((f, info) -> assertThat(after.fields().get(f)).as(what + " " + f).isEqualTo(info));
        assertThat(after.attributes().keySet()).as(what).containsAll(before.attributes().keySet());
        before.attributes().forEach((name, content) -> {
            byte[] now = after.attributes().get(name);
            if (name.equals("BootstrapMethods")) {
                // Generated code links derivatives with invokedynamic: entries are added after the class's own.
                assertThat(Arrays.copyOfRange(now, 2, content.length)).as(what + " " + name)
                        .isEqualTo(Arrays.copyOfRange(content, 2, content.length));
            } else {
                assertThat(now).as(what + " " + name).isEqualTo(content);
            }
        });
    }

    private String verifierProblems(byte[] woven, Map<String, byte[]> classes) {
        StringWriter problems = new StringWriter();
        ClassLoader loader = new ChildFirstLoader(classes, getClass().getClassLoader());
        CheckClassAdapter.verify(new ClassReader(woven), loader, false, new PrintWriter(problems));
        return problems.toString();
    }

    private byte[] weave(Map<String, byte[]> classes, String name) {
        ClassSource source = new ClassSource(n -> classes.containsKey(n) ? classes.get(n)
                : read(getClass().getClassLoader(), n));
        List<NotDifferentiableException> errors = new ArrayList<>();
        byte[] woven = new Weaver(source).weave(classes.get(name), errors);
        assertThat(errors).as(name).isEmpty();
        assertThat(woven).as(name).isNotNull();
        return woven;
    }

    private static MethodNode method(byte[] classFile, String name) {
        ClassNode node = new ClassNode();
        new ClassReader(classFile).accept(node, 0);
        return node.methods.stream().filter(m -> m.name.equals(name)).findFirst().orElseThrow();
    }

    // ---- making the class files ----

    /**
     * {@code classFile} as a Java 5 class file: no frames, version 49, plus {@code static double
     * subroutine(boolean)}, which merges an Integer and a Double and then calls a subroutine
     * ({@code jsr}/{@code ret}) before its {@code Number.doubleValue()}.
     */
    private static byte[] javaFive(byte[] classFile) {
        ClassWriter w = new ClassWriter(0);
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, w) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] interfaces) {
                super.visit(Opcodes.V1_5, access, name, signature, superName, interfaces);
            }

            @Override
            public void visitEnd() {
                MethodVisitor m = super.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "subroutine", "(Z)D",
                        null, null);
                m.visitCode();
                Label doubleValue = new Label();
                Label merged = new Label();
                Label subroutine = new Label();
                m.visitVarInsn(Opcodes.ILOAD, 0);
                m.visitJumpInsn(Opcodes.IFEQ, doubleValue);
                m.visitLdcInsn("3");
                m.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Integer", "valueOf",
                        "(Ljava/lang/String;)Ljava/lang/Integer;", false);
                m.visitVarInsn(Opcodes.ASTORE, 1);
                m.visitJumpInsn(Opcodes.GOTO, merged);
                m.visitLabel(doubleValue);
                m.visitLdcInsn("2.5");
                m.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Double", "valueOf",
                        "(Ljava/lang/String;)Ljava/lang/Double;", false);
                m.visitVarInsn(Opcodes.ASTORE, 1);
                m.visitLabel(merged);
                m.visitJumpInsn(Opcodes.JSR, subroutine);
                m.visitVarInsn(Opcodes.ALOAD, 1);
                m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/Number", "doubleValue", "()D", false);
                m.visitInsn(Opcodes.DRETURN);
                m.visitLabel(subroutine);
                m.visitVarInsn(Opcodes.ASTORE, 2);
                m.visitVarInsn(Opcodes.RET, 2);
                m.visitMaxs(2, 3);
                m.visitEnd();
                super.visitEnd();
            }
        }, ClassReader.SKIP_FRAMES);
        return w.toByteArray();
    }

    private static Map<String, byte[]> compile(int release) throws IOException {
        Path dir = Files.createTempDirectory("cotangent-fixture-" + release);
        try {
            List<String> files = new ArrayList<>();
            for (Map.Entry<String, String> s : SOURCES.entrySet()) {
                if (s.getKey().equals("fixture/Point") && release < 16) {
                    continue;
                }
                Path file = dir.resolve("src").resolve(s.getKey() + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, s.getValue());
                files.add(file.toString());
            }
            List<String> arguments = new ArrayList<>(List.of("--release", String.valueOf(release), "-Xlint:-options",
                    "-classpath", System.getProperty("java.class.path"), "-d", dir.resolve("classes").toString()));
            arguments.addAll(files);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream messages = new ByteArrayOutputStream();
            int status = javac.run(null, messages, messages, arguments.toArray(String[]::new));
            assertThat(status).as(messages.toString(StandardCharsets.UTF_8)).isZero();
            Map<String, byte[]> classes = new TreeMap<>();
            Path out = dir.resolve("classes");
            try (Stream<Path> walk = Files.walk(out)) {
                for (Path p : walk.filter(p -> p.toString().endsWith(".class")).toList()) {
                    String name = out.relativize(p).toString().replace('\\', '/');
                    classes.put(name.substring(0, name.length() - ".class".length()), Files.readAllBytes(p));
                }
            }
            return classes;
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static byte[] read(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
