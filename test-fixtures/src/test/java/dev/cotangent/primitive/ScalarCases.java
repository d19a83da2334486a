package dev.cotangent.primitive;

import java.util.List;

/** Points at which each rank-0 primitive is smooth, for {@link RegistryTest}. */
final class ScalarCases {

    private ScalarCases() {}

    static List<double[]> of(ScalarPrimitive p) {
        String name = p.name().substring(p.name().indexOf('.') + 1);
        return switch (name) {
            case "dadd", "dsub", "dmul" -> List.of(new double[] {1.5, -0.25}, new double[] {-3, 7});
            case "ddiv" -> List.of(new double[] {1.5, -0.25}, new double[] {-3, 7});
            case "drem", "IEEEremainder" -> List.of(new double[] {7.3, 2.1}, new double[] {-5.2, 1.5});
            case "dneg", "sin", "cos", "atan", "sinh", "cosh", "tanh", "exp", "expm1", "toRadians", "toDegrees" ->
                    List.of(new double[] {0.7}, new double[] {-1.3});
            case "tan" -> List.of(new double[] {0.4}, new double[] {-1.1});
            case "asin", "acos" -> List.of(new double[] {0.3}, new double[] {-0.6});
            case "log", "log10", "sqrt" -> List.of(new double[] {0.7}, new double[] {4.2});
            case "log1p" -> List.of(new double[] {-0.4}, new double[] {3});
            case "cbrt", "abs" -> List.of(new double[] {0.7}, new double[] {-2.5});
            case "signum", "floor", "ceil", "rint", "round", "getExponent" ->
                    List.of(new double[] {0.7}, new double[] {-2.3});
            case "isNaN", "isInfinite", "isFinite" -> List.<double[]>of(new double[] {1.5});
            case "compare" -> List.<double[]>of(new double[] {1.5, -2});
            case "atan2", "hypot" -> List.of(new double[] {0.5, -1.5}, new double[] {-2, 0.3});
            case "pow" -> List.of(new double[] {1.7, 2.5}, new double[] {0.4, -1.2});
            case "max", "min" -> List.of(new double[] {0.5, -1.5}, new double[] {-2, 0.3});
            case "copySign" -> List.of(new double[] {0.5, -1.5}, new double[] {-2, 0.3});
            case "fma" -> List.<double[]>of(new double[] {0.5, -1.5, 2});
            default -> throw new AssertionError("scalar primitive " + p.name() + " has no test points in ScalarCases");
        };
    }
}
