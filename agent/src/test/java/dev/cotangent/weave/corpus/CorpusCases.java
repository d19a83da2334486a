package dev.cotangent.weave.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The corpus methods with arguments at which each is smooth. */
final class CorpusCases {

    /** A method of {@code owner} ({@link Corpus} unless said) by name and parameter types, and one point to test it at. */
    record Case(Class<?> owner, String name, Class<?>[] types, Object[] args) {
        Case(String name, Class<?>[] types, Object[] args) {
            this(Corpus.class, name, types, args);
        }

        @Override
        public String toString() {
            return owner == Corpus.class ? name : owner.getSimpleName() + "." + name;
        }
    }

    private CorpusCases() {}

    static List<Case> all() {
        SplittableRandom r = new SplittableRandom(7);
        Corpus instance = new Corpus(1.5, new double[] {0.5, -1, 2, 0.25});
        List<Case> c = new ArrayList<>();
        c.add(of("rosenbrock", types(double[].class), vector(r, 8)));
        c.add(of("newtonSqrt", types(double.class), 2.7));
        c.add(of("piecewise", types(double.class), -1.7));
        c.add(of("piecewise", types(double.class), 0.4));
        c.add(of("piecewise", types(double.class), 2.2));
        c.add(of("power", types(double.class, int.class), 1.07, 13));
        c.add(of("denseTanh", types(double[][].class, double[].class), matrix(r, 3, 4), vector(r, 4)));
        c.add(of("monteCarlo", types(double.class, double.class, double.class, double.class, double[].class),
                1.0, 0.95, 0.03, 0.25, normals(200)));
        c.add(of("weightedSum", types(double[].class), instance, vector(r, 4)));
        c.add(of("viaInstanceHelper", types(double.class), instance, 0.8));
        c.add(of("fieldArraysToHelpers", types(double[].class), instance, vector(r, 4)));
        c.add(of("ternary", types(double.class, double.class), 1.5, 0.5));
        c.add(of("ternary", types(double.class, double.class), -0.5, 1.5));
        c.add(of("doWhile", types(double.class), 0.9));
        c.add(of("breakContinue", types(double[].class), vector(r, 12)));
        c.add(of("earlyReturn", types(double.class, double.class), 1.5, 12.0));
        c.add(of("earlyReturn", types(double.class, double.class), 1.5, 3.0));
        c.add(of("earlyReturn", types(double.class, double.class), 30.0, 5.0));
        c.add(of("nestedLoops", types(double[][].class), (Object) matrix(r, 3, 3)));
        for (int k : new int[] {0, 1, 5, 17, 18, 99}) {
            c.add(of("switchOnInt", types(double.class, int.class), 0.7, k));
        }
        c.add(of("whileLoop", types(double.class), 0.3));
        c.add(of("labelledJumps", types(double[].class), new Object[] {new double[] {0.3, -0.7, 0.9, 0.4}}));
        c.add(of("labelledJumps", types(double[].class), new Object[] {new double[] {1.5, 1.7, 1.9, 1.4, 1.2}}));
        c.add(of("earlyExitSeries", types(double.class, double.class), 1.3, 2.1));
        c.add(of("booleansAndLongs", types(double.class, boolean.class, long.class), 1.3, true, 2L));
        c.add(of("conversions", types(double.class), 2.45));
        c.add(of("arithmetic", types(double.class, double.class), 2.3, 0.7));
        c.add(of("unaryMath", types(double.class), 1.3));
        c.add(of("binaryMath", types(double.class, double.class), 1.3, 0.6));
        c.add(of("strictMath", types(double.class), 1.7));
        c.add(of("newArrayResult", types(double[].class), vector(r, 5)));
        c.add(of("inPlace", types(double[].class), vector(r, 5)));
        c.add(of("outerProduct", types(double[].class, double[].class), vector(r, 3), vector(r, 2)));
        c.add(of("matrixRows", types(double[][].class), (Object) matrix(r, 3, 2)));
        c.add(of("arraysPassedToCalls", types(double[].class), vector(r, 4)));
        c.add(of("callsUnannotatedHelper", types(double.class), 0.35));
        c.add(of("callsOtherClass", types(double.class, double.class), 0.4, -1.1));
        c.add(of("horner", types(double.class, int.class), 0.9, 6));
        c.add(of("mutualRecursion", types(double.class, int.class), 0.6, 5));
        c.add(of("virtualDispatch", types(double.class, double.class), 1.2, 0.8));
        c.add(of("privateStaticHelper", types(double.class), 0.9));
        c.add(of("repeatedArgument", types(double[].class), vector(r, 2)));
        c.add(of("rowStoredIntoParameter", types(double[][].class, double[].class), matrix(r, 2, 2), vector(r, 2)));
        c.add(of("helperArraysMadeActive", types(double[].class, int.class), vector(r, 2), 0));
        c.add(of("helperArraysMadeActive", types(double[].class, int.class), vector(r, 2), 1));
        c.add(of("noDerivative", types(double[].class), vector(r, 3)));
        c.add(of("readsFieldArrayThroughHelper", types(double.class), instance, 0.7));
        c.addAll(dispatch(r));
        c.addAll(lambdas(r));
        return c;
    }

    /** Virtual and interface calls in differentiated code ({@link DispatchCorpus}). */
    static List<Case> dispatch(SplittableRandom r) {
        Class<?> d = DispatchCorpus.class;
        return List.of(
                new Case(d, "defaults", types(double.class), new Object[] {0.7}),
                new Case(d, "templateMethod", types(double.class, int.class), new Object[] {0.9, 4}),
                new Case(d, "privateFinalStatic", types(double.class), new Object[] {0.6}),
                new Case(d, "finalMethods", types(double.class), new Object[] {0.6}),
                new Case(d, "along", types(Hierarchy.Curve.class, double.class),
                        new Object[] {new Hierarchy.SteeperParabola(), 0.4}),
                new Case(d, "along", types(Hierarchy.Curve.class, double.class),
                        new Object[] {new Hierarchy.BothDefaults(), 0.4}),
                new Case(d, "arraysThroughInterfaces", types(double[].class), new Object[] {vector(r, 3)}));
    }

    /** Lambdas and method references implementing interfaces ({@link LambdaCorpus}). */
    static List<Case> lambdas(SplittableRandom r) {
        Class<?> l = LambdaCorpus.class;
        LambdaCorpus polynomial = new LambdaCorpus(Kernels.polynomial(0.25, 2), 1.5);
        LambdaCorpus gaussian = new LambdaCorpus(Kernels.RBF, -0.5);
        return List.of(
                new Case(l, "staticFieldLambdas", types(double.class, double.class), new Object[] {0.4, -0.7}),
                new Case(l, "capturesActive", types(double[].class), new Object[] {vector(r, 4)}),
                new Case(l, "capturesArrays", types(double[].class, double.class), new Object[] {vector(r, 3), 0.8}),
                new Case(l, "lambdasInALoop", types(double[].class), new Object[] {vector(r, 4)}),
                new Case(l, "methodReferences", types(double.class, double.class), new Object[] {0.3, 0.9}),
                new Case(l, "capturesThis", types(double.class), new Object[] {polynomial, 0.7}),
                new Case(l, "fromInstanceField", types(double.class, double.class), new Object[] {polynomial, 0.6, -0.4}),
                new Case(l, "fromInstanceField", types(double.class, double.class), new Object[] {gaussian, 0.6, -0.4}),
                new Case(l, "handedToHelper", types(double.class, double.class), new Object[] {0.6, 1.1}),
                new Case(l, "jdkInterfaces", types(double.class), new Object[] {0.8}),
                new Case(l, "widenedArguments", types(double.class), new Object[] {0.8}),
                new Case(l, "jdkInterfaceHandedOn", types(double.class), new Object[] {0.8}));
    }

    private static Case of(String name, Class<?>[] types, Object... args) {
        return new Case(name, types, args);
    }

    private static Class<?>[] types(Class<?>... t) {
        return t;
    }

    private static double[] vector(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble(-1.5, 1.5);
        }
        return v;
    }

    private static double[][] matrix(SplittableRandom r, int m, int n) {
        double[][] a = new double[m][];
        for (int i = 0; i < m; i++) {
            a[i] = vector(r, n);
        }
        return a;
    }

    /** Fixed standard normals (Box–Muller from a seeded stream). */
    static double[] normals(int n) {
        SplittableRandom r = new SplittableRandom(42);
        double[] z = new double[n];
        for (int i = 0; i < n; i += 2) {
            double u = 1 - r.nextDouble();
            double v = r.nextDouble();
            double radius = Math.sqrt(-2 * Math.log(u));
            z[i] = radius * Math.cos(2 * Math.PI * v);
            if (i + 1 < n) {
                z[i + 1] = radius * Math.sin(2 * Math.PI * v);
            }
        }
        return z;
    }
}
