package dev.cotangent.weave.fuzz;

import java.util.List;

/**
 * A generated program: the source of one class with a {@code @Differentiable} entry method,
 * and the shape of the arguments it is tested with.
 *
 * @param seed   the generator's seed
 * @param source the Java source of class {@link #className()} in package {@value #PACKAGE}
 * @param entry  the name of the {@code @Differentiable} method
 * @param params its parameters, with the lengths and values of the test arguments
 * @param result what it returns
 */
record Program(long seed, String source, String entry, List<Param> params, Scope.Type result) {

    static final String PACKAGE = "fuzzed";

    /** A parameter: arrays have {@code len} elements (rows), matrices {@code cols} columns; ints are {@code value}. */
    record Param(String name, Scope.Type type, int len, int cols, int value) {
        Class<?> javaType() {
            return switch (type) {
                case DOUBLE -> double.class;
                case INT -> int.class;
                case ARRAY -> double[].class;
                case MATRIX -> double[][].class;
                default -> throw new IllegalStateException(type.toString());
            };
        }
    }

    /** The simple name of the class the weaver sees. */
    String className() {
        return "Program" + Long.toUnsignedString(seed);
    }

    /** The same program with another body (for shrinking). */
    Program withSource(String other) {
        return new Program(seed, other, entry, params, result);
    }

    Class<?>[] types() {
        return params.stream().map(Param::javaType).toArray(Class<?>[]::new);
    }

    /** The binary name of the class. */
    String binaryName() {
        return PACKAGE + "." + className();
    }

    /** The plain source with line numbers, for failure messages. */
    String listing() {
        String[] lines = source.split("\n", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            sb.append(String.format("%4d  %s%n", i + 1, lines[i]));
        }
        return sb.toString();
    }
}
