package dev.cotangent.weave.corpus;

import dev.cotangent.AD;
import dev.cotangent.DifferentiableFunction;
import dev.cotangent.testing.GradCheck;
import org.junit.jupiter.api.Test;

import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Implementations that did not exist when the derivative was made: a class compiled and loaded
 * by another class loader while the program runs gets its own derivative at a call site that
 * already ran with other receivers; a class whose bytecode cannot be read is refused with a
 * message that says why.
 */
class LaterClassesTest {

    private static final String LATE = """
            package dev.cotangent.weave.late;

            public final class Late implements dev.cotangent.weave.corpus.Hierarchy.Curve {
                private final double k;

                public Late(double k) {
                    this.k = k;
                }

                @Override
                public double at(double x) {
                    return Math.sin(k * x) * x * x;
                }
            }
            """;

    private static final String DEFINED = """
            package dev.cotangent.weave.corpus;

            public final class DefinedAtRunTime implements Hierarchy.Curve {
                @Override
                public double at(double x) {
                    return x * x;
                }
            }
            """;

    @Test
    void aClassLoadedLaterByAnotherLoaderRunsItsOwnDerivative() throws Exception {
        DifferentiableFunction along = AD.function(DispatchCorpus.class, "along", Hierarchy.Curve.class, double.class);
        double x = 0.45;
        // The call sites inside along are linked, and have seen other receivers, before Late exists.
        Hierarchy.Curve known = new Hierarchy.Parabola();
        checkBothModes(along, known, x);

        Map<String, byte[]> compiled = compile("dev.cotangent.weave.late.Late", LATE);
        ClassLoader loader = new ServingLoader(getClass().getClassLoader(), compiled);
        Hierarchy.Curve late = (Hierarchy.Curve) loader.loadClass("dev.cotangent.weave.late.Late")
                .getConstructor(double.class).newInstance(1.7);
        checkBothModes(along, late, x);
        checkBothModes(along, known, x);
    }

    /** The JVP and the VJP of along(c, ·) at x against central differences of the primal. */
    private static void checkBothModes(DifferentiableFunction along, Hierarchy.Curve c, double x) {
        double h = 1e-5;
        double numeric = (DispatchCorpus.along(c, x + h) - DispatchCorpus.along(c, x - h)) / (2 * h);
        double jvp = (Double) along.jvp(new Object[] {c, x}, new Object[] {null, 1.0});
        double vjp = (Double) along.vjp(new Object[] {c, x}, 1.0)[1];
        assertThat(jvp).as("JVP with a " + c.getClass().getName()).isCloseTo(numeric, within(1e-7));
        assertThat(vjp).as("VJP with a " + c.getClass().getName()).isCloseTo(jvp, within(1e-12));
    }

    @Test
    void aClassWhoseBytecodeCannotBeReadIsRefusedSayingWhy() throws Exception {
        byte[] bytes = compile("dev.cotangent.weave.corpus.DefinedAtRunTime", DEFINED)
                .get("dev.cotangent.weave.corpus.DefinedAtRunTime");
        // Defined from bytes: the application class loader does not serve its class file.
        Class<?> defined = MethodHandles.lookup().defineClass(bytes);
        Hierarchy.Curve curve = (Hierarchy.Curve) defined.getConstructor().newInstance();
        assertThat(DispatchCorpus.along(curve, 0.5)).isCloseTo(0.5 * 0.5 * 1.0 * 1.0 + 0.5, within(1e-15));
        DifferentiableFunction along = AD.function(DispatchCorpus.class, "along", Hierarchy.Curve.class, double.class);
        assertThatThrownBy(() -> along.jvp(new Object[] {curve, 0.5}, new Object[] {null, 1.0}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the derivative of dev.cotangent.weave.corpus.DefinedAtRunTime.at(double), which "
                        + "a call of Curve.at runs for a dev.cotangent.weave.corpus.DefinedAtRunTime, cannot be made")
                .hasMessageContaining("cannot read the class file of dev.cotangent.weave.corpus.DefinedAtRunTime")
                .hasMessageContaining("needs a loader that also serves its class file");
    }

    /** Compiles one source in memory against the test class path; binary name → class file. */
    static Map<String, byte[]> compile(String className, String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8);
        Map<String, byte[]> out = new HashMap<>();
        ForwardingJavaFileManager<StandardJavaFileManager> memory = new ForwardingJavaFileManager<>(files) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String name, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + name.replace('.', '/') + ".class"), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return new ByteArrayOutputStream() {
                            @Override
                            public void close() {
                                out.put(name, toByteArray());
                            }
                        };
                    }
                };
            }
        };
        JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///" + className.replace('.', '/') + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        List<String> options = List.of("-g", "-proc:none", "--release", "17", "-classpath",
                System.getProperty("java.class.path"));
        assertThat(javac.getTask(null, memory, null, options, null, List.of(unit)).call()).as("javac").isTrue();
        return out;
    }

    /** Defines compiled classes, and serves their class files as resources, as a jar's loader does. */
    static final class ServingLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        ServingLoader(ClassLoader parent, Map<String, byte[]> classes) {
            super(parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = classes.get(name);
            if (b == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            byte[] b = name.endsWith(".class")
                    ? classes.get(name.substring(0, name.length() - ".class".length()).replace('/', '.')) : null;
            return b != null ? new ByteArrayInputStream(b) : super.getResourceAsStream(name);
        }
    }
}
