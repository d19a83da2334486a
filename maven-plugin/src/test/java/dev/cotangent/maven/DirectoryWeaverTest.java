package dev.cotangent.maven;

import dev.cotangent.AD;
import dev.cotangent.Differentiable;
import dev.cotangent.NotDifferentiableException;
import dev.cotangent.runtime.TangentOut;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceMethodVisitor;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@link DirectoryWeaver}: what is woven, determinism, idempotence, errors and warnings. */
class DirectoryWeaverTest {

    // ---- the classes of a small application, woven as one directory ----

    /** The entry: an annotated method that calls a helper and a virtual method. */
    static final class Model {
        static final double[] WEIGHTS = {0.5, -1.5};

        @Differentiable
        static double loss(double x, Shape shape) {
            return Helper.square(x) + shape.area(x);
        }

        /** Passes an array from a field: calls the variant of {@code dot} with its first parameter constant. */
        @Differentiable
        static double weighted(double[] x) {
            return Helper.dot(WEIGHTS, x);
        }
    }

    /** Not annotated: differentiated through, so it needs its own derivatives. */
    static final class Helper {
        static double square(double x) {
            return x * x;
        }

        static double dot(double[] a, double[] b) {
            return a[0] * b[0] + a[1] * b[1];
        }
    }

    interface Shape {
        double area(double x);
    }

    static final class Square implements Shape {
        @Override
        public double area(double x) {
            return x * x;
        }
    }

    static final class Circle implements Shape {
        @Override
        public double area(double x) {
            return Math.PI * x * x;
        }
    }

    /** Never called from differentiated code: left alone. */
    static final class Unrelated {
        static double twice(double x) {
            return 2 * x;
        }
    }

    /** Stores an active value into a field: rejected. */
    static final class Cached {
        private double cache;

        @Differentiable
        double storesField(double x) {
            cache = x * 2;
            return cache;
        }
    }

    /**
     * Ordinary code that merges two sibling types beside a {@code @Differentiable} method: the
     * frame after the merge says {@code Number}; written with {@code Object} there, the class
     * would not load (issue 12, item 8).
     */
    static final class Mixed {
        @Differentiable
        static double square(double x) {
            return x * x;
        }

        static double parse(String s, boolean integer) {
            Number n;
            if (integer) {
                n = Integer.valueOf(s);
            } else {
                n = Double.valueOf(s);
            }
            return n.doubleValue();
        }
    }

    /** Lambdas and method references given to AD: nothing is annotated, yet AD differentiates them. */
    static final class GivesLambdas {
        static double slope(double x) {
            return AD.derivative(t -> t * Math.sin(t), x);
        }

        static double[] gradient(double[] x) {
            return AD.gradient(GivesLambdas::norm2, x);
        }

        static double norm2(double[] x) {
            return x[0] * x[0] + x[1] * x[1];
        }

        /** A plain Function, not one of AD's types: its body is not woven. */
        static java.util.function.DoubleUnaryOperator notForAd() {
            return t -> t * 3;
        }
    }

    // ---- lambdas: in a static final field, and made in a method and handed to a helper ----

    interface Fn {
        double f(double x);
    }

    static final class Lambdas {
        static final Fn CUBE = x -> x * x * x;

        @Differentiable
        static double viaField(double x) {
            return CUBE.f(x);
        }

        @Differentiable
        static double handedOn(double x) {
            double s = 3;
            Fn scaled = t -> s * t * t;
            return apply(scaled, x);
        }

        static double apply(Fn f, double x) {
            return f.f(x);
        }
    }

    private static final List<Class<?>> APPLICATION = List.of(Model.class, Helper.class, Shape.class, Square.class,
            Circle.class, Unrelated.class);

    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void wovenCodeAndEveryDerivativeItCallsAreWoven() throws IOException {
        DirectoryWeaver.Result result = weave(directory(APPLICATION));

        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).isEmpty();
        assertThat(result.woven()).containsOnlyKeys(name(Model.class), name(Helper.class), name(Square.class),
                name(Circle.class));
        assertThat(methods(result.woven().get(name(Model.class)))).contains("cotangent$tangent$loss",
                "cotangent$forward$loss", "cotangent$reverse$loss", "cotangent$forwardTop$loss",
                "cotangent$reverseTop$loss");
        assertThat(methods(result.woven().get(name(Helper.class)))).contains("cotangent$tangent$square",
                "cotangent$forward$square", "cotangent$reverse$square").doesNotContain("cotangent$forwardTop$square");
        assertThat(methods(result.woven().get(name(Circle.class)))).contains("cotangent$tangent$area",
                "cotangent$reverse$area");
        String constantFirst = "$" + Long.toHexString(~1L);
        assertThat(methods(result.woven().get(name(Helper.class)))).contains("cotangent$tangent$dot" + constantFirst,
                "cotangent$forward$dot" + constantFirst, "cotangent$reverse$dot" + constantFirst)
                .doesNotContain("cotangent$tangent$dot");
    }

    /**
     * The derivatives of a lambda's body and of its site's bridge are woven into the class that
     * wrote it: for a lambda read from a static final field, and for one that woven code hands
     * to a helper, whose virtual call may run it. Loaded, the derivatives AD finds are those.
     */
    @Test
    void lambdaBodiesAndTheirBridgesAreWoven() throws Exception {
        Map<String, byte[]> directory = directory(List.of(Lambdas.class, Fn.class));
        DirectoryWeaver.Result result = weave(directory);

        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).isEmpty();
        List<String> woven = methods(result.woven().get(name(Lambdas.class)));
        assertThat(woven).anyMatch(m -> m.startsWith("cotangent$tangent$cotangent$lambda$"))
                .anyMatch(m -> m.startsWith("cotangent$reverse$cotangent$lambda$"))
                .anyMatch(m -> m.startsWith("cotangent$tangent$lambda$"))
                .contains("cotangent$tangent$apply", "cotangent$forward$apply");
        assertThat(woven.stream().filter(m -> m.startsWith("cotangent$tangent$cotangent$lambda$")).count())
                .as("a bridge for each of the two lambdas").isEqualTo(2);

        directory.putAll(result.woven());
        ClassLoader loader = new DirectoryLoader(directory, this.loader);
        Class<?> lambdas = loader.loadClass(Lambdas.class.getName());
        for (String method : List.of("viaField", "handedOn")) {
            var f = dev.cotangent.AD.function(lambdas, method, double.class);
            double x = 0.7;
            double expected = method.equals("viaField") ? 3 * x * x : 6 * x;
            assertThat((Double) f.jvp(new Object[] {x}, new Object[] {1.0})).as(method).isCloseTo(expected, within(1e-12));
            assertThat((Double) f.gradient(x)[0]).as(method).isCloseTo(expected, within(1e-12));
        }
        // The bridge of CUBE's site that AD uses is the one woven into the class.
        ClassNode node = new ClassNode();
        new ClassReader(bytes(Lambdas.class)).accept(node, 0);
        int cube = dev.cotangent.weave.LambdaBridges.of(node).stream().filter(site -> "CUBE".equals(site.staticField()))
                .findFirst().orElseThrow().index();
        var tangent = dev.cotangent.runtime.Derivatives.of(lambdas, dev.cotangent.runtime.LambdaObjects.bridge(cube),
                "(L" + name(Fn.class) + ";D)D", dev.cotangent.runtime.Mode.TANGENT);
        assertThat(java.lang.invoke.MethodHandles.privateLookupIn(lambdas, java.lang.invoke.MethodHandles.lookup())
                .revealDirect(tangent).getDeclaringClass()).isSameAs(lambdas);
    }

    @Test
    void theSameInputGivesByteIdenticalOutput() throws IOException {
        Map<String, byte[]> first = weave(directory(APPLICATION)).woven();
        Map<String, byte[]> second = weave(new HashMap<>(directory(APPLICATION))).woven();

        assertThat(second.keySet()).isEqualTo(first.keySet());
        first.forEach((name, bytes) -> assertThat(second.get(name)).as(name).isEqualTo(bytes));
    }

    @Test
    void wovenClassesAreNotWovenAgain() throws IOException {
        Map<String, byte[]> directory = directory(APPLICATION);
        directory.putAll(weave(directory).woven());

        DirectoryWeaver.Result again = weave(directory);

        assertThat(again.woven()).isEmpty();
        assertThat(again.errors()).isEmpty();
        assertThat(again.alreadyWoven()).isEqualTo(4);
    }

    @Test
    void aRecompiledCalleeOfUnchangedWovenCodeIsWovenAgain() throws IOException {
        Map<String, byte[]> directory = directory(APPLICATION);
        Map<String, byte[]> woven = weave(directory).woven();
        directory.putAll(woven);
        // The compiler wrote Helper again: its derivatives are gone, Model still calls them.
        directory.put(name(Helper.class), bytes(Helper.class));

        DirectoryWeaver.Result result = weave(directory);

        assertThat(result.woven()).containsOnlyKeys(name(Helper.class));
        assertThat(result.woven().get(name(Helper.class))).isEqualTo(woven.get(name(Helper.class)));
        assertThat(result.alreadyWoven()).isEqualTo(3);
    }

    @Test
    void wovenCodeComputesTheDerivative() throws Exception {
        Map<String, byte[]> directory = directory(APPLICATION);
        directory.putAll(weave(directory).woven());
        ClassLoader woven = new DirectoryLoader(directory, loader);
        Class<?> model = woven.loadClass(Model.class.getName());
        Class<?> shape = woven.loadClass(Shape.class.getName());
        var constructor = woven.loadClass(Circle.class.getName()).getDeclaredConstructor();
        constructor.setAccessible(true);
        Object circle = constructor.newInstance();
        Method tangent = model.getDeclaredMethod("cotangent$tangent$loss", double.class, double.class, shape,
                TangentOut.class);
        tangent.setAccessible(true);
        TangentOut out = new TangentOut();

        double value = (double) tangent.invoke(null, 1.5, 1.0, circle, out);

        assertThat(value).isCloseTo(1.5 * 1.5 + Math.PI * 1.5 * 1.5, within(1e-12));
        assertThat(out.real).isCloseTo(2 * 1.5 + 2 * Math.PI * 1.5, within(1e-12));

        Method weighted = model.getDeclaredMethod("cotangent$tangent$weighted", double[].class, double[].class,
                TangentOut.class);
        weighted.setAccessible(true);
        double dot = (double) weighted.invoke(null, new double[] {2, 3}, new double[] {1, 10}, out);
        assertThat(dot).isEqualTo(0.5 * 2 - 1.5 * 3);
        assertThat(out.real).isEqualTo(0.5 * 1 - 1.5 * 10);
    }

    @Test
    void aWovenClassKeepsItsOwnCodeAndLoadsWhereItMergesSiblingTypes() throws Exception {
        Map<String, byte[]> directory = directory(List.of(Mixed.class));
        DirectoryWeaver.Result result = weave(directory);
        assertThat(result.errors()).isEmpty();
        byte[] woven = result.woven().get(name(Mixed.class));
        assertThat(methods(woven)).contains("cotangent$tangent$square", "cotangent$reverse$square");
        assertThat(text(woven, "parse")).isEqualTo(text(directory.get(name(Mixed.class)), "parse"))
                .contains("java/lang/Number");

        directory.putAll(result.woven());
        Class<?> mixed = new DirectoryLoader(directory, loader).loadClass(Mixed.class.getName());
        Method parse = mixed.getDeclaredMethod("parse", String.class, boolean.class);
        parse.setAccessible(true);
        assertThat(parse.invoke(null, "3", true)).isEqualTo(3.0);
        assertThat(parse.invoke(null, "2.5", false)).isEqualTo(2.5);
    }

    @Test
    void aMethodThatCannotBeDifferentiatedIsReportedAndNotWoven() throws IOException {
        DirectoryWeaver.Result result = weave(directory(List.of(Cached.class)));

        assertThat(result.woven()).isEmpty();
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.className()).isEqualTo(Cached.class.getName());
            assertThat(e.method()).isEqualTo("storesField(double)");
            assertThat(e.sourceFile()).isEqualTo("DirectoryWeaverTest.java");
            assertThat(e.line()).isPositive();
            assertThat(e.construct()).contains("stored into the field");
        });
    }

    @Test
    void theMethodsBehindLambdasGivenToAdAreWovenForBothModes() throws Exception {
        Map<String, byte[]> directory = directory(List.of(GivesLambdas.class));
        DirectoryWeaver.Result result = weave(directory);
        assertThat(result.errors()).isEmpty();
        byte[] woven = result.woven().get(name(GivesLambdas.class));
        List<String> methods = methods(woven);
        String body = methods.stream().filter(m -> m.startsWith("lambda$slope$")).findFirst().orElseThrow();
        assertThat(methods).contains("cotangent$tangent$" + body, "cotangent$forwardTop$" + body,
                "cotangent$reverseTop$" + body, "cotangent$tangent$norm2", "cotangent$forwardTop$norm2",
                "cotangent$reverseTop$norm2");
        assertThat(methods).noneMatch(m -> m.startsWith("cotangent$") && m.contains("notForAd"));
        assertThat(methods.stream().filter(m -> m.startsWith("cotangent$tangent$lambda$"))).hasSize(1);

        directory.putAll(result.woven());
        Class<?> gives = new DirectoryLoader(directory, loader).loadClass(GivesLambdas.class.getName());
        Method tangent = gives.getDeclaredMethod("cotangent$tangent$" + body, double.class, double.class,
                TangentOut.class);
        tangent.setAccessible(true);
        TangentOut out = new TangentOut();
        assertThat((double) tangent.invoke(null, 0.7, 1.0, out)).isEqualTo(0.7 * Math.sin(0.7));
        assertThat(out.real).isCloseTo(Math.sin(0.7) + 0.7 * Math.cos(0.7), within(1e-15));
    }

    @Test
    void aNeededDerivativeOutsideTheDirectoryIsAWarning() throws IOException {
        Map<String, byte[]> directory = directory(APPLICATION);
        directory.remove(name(Helper.class));

        DirectoryWeaver.Result result = weave(directory);

        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).hasSize(2).allMatch(w -> w.contains("cotangent-agent"))
                .anyMatch(w -> w.contains(Model.class.getName() + " calls the derivative of " + Helper.class.getName()
                        + ".square(D)D"))
                .anyMatch(w -> w.contains(Helper.class.getName() + ".dot([D[D)D"));
    }

    // ---- helpers ----

    private DirectoryWeaver.Result weave(Map<String, byte[]> directory) {
        return new DirectoryWeaver(name -> read(loader, name)).weave(directory);
    }

    private Map<String, byte[]> directory(List<Class<?>> classes) throws IOException {
        Map<String, byte[]> directory = new TreeMap<>();
        for (Class<?> c : classes) {
            directory.put(name(c), bytes(c));
        }
        return directory;
    }

    static String name(Class<?> c) {
        return c.getName().replace('.', '/');
    }

    static byte[] bytes(Class<?> c) throws IOException {
        return read(c.getClassLoader(), name(c));
    }

    static byte[] read(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<String> methods(byte[] classBytes) {
        ClassNode node = new ClassNode();
        new ClassReader(classBytes).accept(node, ClassReader.SKIP_CODE);
        return node.methods.stream().map(m -> m.name).toList();
    }

    /** The method's instructions and frames as ASM prints them. */
    static String text(byte[] classBytes, String method) {
        ClassNode node = new ClassNode();
        new ClassReader(classBytes).accept(node, 0);
        Textifier text = new Textifier();
        node.methods.stream().filter(m -> m.name.equals(method)).findFirst().orElseThrow()
                .accept(new TraceMethodVisitor(text));
        StringWriter out = new StringWriter();
        text.print(new PrintWriter(out));
        return out.toString();
    }

    /** Defines the directory's classes itself (child first), everything else from its parent. */
    static final class DirectoryLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        DirectoryLoader(Map<String, byte[]> classes, ClassLoader parent) {
            super(parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                byte[] bytes = classes.get(name.replace('.', '/'));
                if (bytes == null) {
                    return super.loadClass(name, resolve);
                }
                Class<?> c = findLoadedClass(name);
                return c != null ? c : defineClass(name, bytes, 0, bytes.length);
            }
        }
    }
}
