package dev.cotangent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a JMH result file written with {@code -rf csv} and prints the figures the benchmarks
 * exist for: GFLOP/s of {@code Np.dot} and of {@code cblas_dgemm} and their ratio, the matmul
 * VJP as a multiple of one forward GEMM, {@code Np.dot} of 4×4 against the triple loop, the
 * woven VJPs of products as a multiple of the forward product, and each woven derivative as a
 * multiple of the primal and of its hand-written counterpart.
 * Run with {@code java -cp benchmarks/target/benchmarks.jar dev.cotangent.bench.Ratios results.csv}.
 */
public final class Ratios {

    /** One score: mean and its 99.9% error, in the unit JMH printed. */
    private record Score(double mean, double error, String unit) {
        double nanos() {
            return mean * switch (unit.substring(0, unit.indexOf('/'))) {
                case "ns" -> 1;
                case "us" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                default -> throw new IllegalArgumentException("unit " + unit);
            };
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.4g ± %.2g %s", mean, error, unit);
        }
    }

    private final Map<String, Score> scores = new LinkedHashMap<>();

    private Ratios() {}

    public static void main(String[] args) throws IOException {
        Ratios r = new Ratios();
        for (String file : args) {
            r.read(Path.of(file));
        }
        r.print();
    }

    private void read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> header = fields(lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = fields(line);
            StringBuilder key = new StringBuilder(f.get(0).replace("dev.cotangent.bench.", ""));
            for (int i = 7; i < header.size(); i++) {
                if (!f.get(i).isEmpty()) {
                    key.append(' ').append(header.get(i).replace("Param: ", "")).append('=').append(f.get(i));
                }
            }
            scores.put(key.toString(), new Score(Double.parseDouble(f.get(4)), parse(f.get(5)), f.get(6)));
        }
    }

    private static double parse(String s) {
        return s.isEmpty() || s.equals("NaN") ? Double.NaN : Double.parseDouble(s);
    }

    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        for (String f : line.split(",", -1)) {
            out.add(f.startsWith("\"") ? f.substring(1, f.length() - 1) : f);
        }
        return out;
    }

    private Score get(String key) {
        return scores.get(key);
    }

    private void print() {
        for (Map.Entry<String, Score> e : scores.entrySet()) {
            System.out.printf(Locale.ROOT, "%-70s %s%n", e.getKey(), e.getValue());
        }
        System.out.println();
        for (String key : List.copyOf(scores.keySet())) {
            if (!key.startsWith("GemmBench.npDot ") || key.contains(":")) {
                continue;
            }
            String p = key.substring("GemmBench.npDot".length());
            Score dot = get(key);
            Score cblas = get("GemmBench.cblasDgemm" + p);
            Score vjp = get("GemmBench.matmulVjp" + p);
            if (cblas == null) {
                continue;
            }
            int n = Integer.parseInt(p.replaceAll(".* n=(\\d+).*", "$1"));
            double flops = 2.0 * n * n * n;
            System.out.printf(Locale.ROOT, "GEMM%s: Np.dot %.1f GFLOP/s, cblas %.1f GFLOP/s, Np.dot/cblas %.3f",
                    p, flops / dot.nanos(), flops / cblas.nanos(), cblas.nanos() / dot.nanos());
            if (vjp != null) {
                System.out.printf(Locale.ROOT, "; VJP/Np.dot %.2f, VJP/cblas %.2f", vjp.nanos() / dot.nanos(),
                        vjp.nanos() / cblas.nanos());
            }
            System.out.println();
        }
        ratios("MatmulGradientBench", "cotangent", "handOpenBlas", "gradient, Cotangent / hand-written OpenBLAS");
        ratios("MlpBench", "cotangent", "handOpenBlas", "gradient, Cotangent / hand-written OpenBLAS");
        for (String key : List.copyOf(scores.keySet())) {
            if (key.startsWith("MlpTorchBench.pytorch") && !key.contains(":")) {
                String p = key.substring("MlpTorchBench.pytorch".length());
                ratio("MlpBench" + p + ": gradient, PyTorch / Cotangent", key, "MlpBench.cotangent" + p);
            }
        }
        ratios("GmmBench", "gradient", "objective", "gradient / objective");
        ratio("4×4: Np.dot / triple loop", "TinyGemmBench.npDot", "TinyGemmBench.tripleLoop");
        ratio("4×4: Np.dot / triple loop, constant sizes", "TinyGemmBench.npDot", "TinyGemmBench.tripleLoopConstant");
        for (String op : new String[] {"dot", "matmul", "tensordot"}) {
            String forward = "SquareContractionBench." + op + "Forward";
            for (String key : List.copyOf(scores.keySet())) {
                if (key.startsWith(forward) && !key.contains(":")) {
                    String p = key.substring(forward.length());
                    ratio("SquareContractionBench " + op + p + ": woven VJP (both operands) / forward",
                            "SquareContractionBench." + op + "Vjp" + p, key);
                }
            }
            ratio("AutogradShapesBench " + op + ": woven VJP (both operands) / forward",
                    "AutogradShapesBench." + op + "VjpWoven", "AutogradShapesBench." + op + "Forward");
        }
        for (String b : new String[] {"RosenbrockBench", "BlackScholesBench", "TanhNetworkBench", "TensorMlpBench"}) {
            for (String key : scores.keySet()) {
                if (key.startsWith(b + ".primal") && !key.contains(":")) {
                    String p = key.substring((b + ".primal").length());
                    ratio(b + p + ": gradient / primal", b + ".gradient" + p, key);
                    ratio(b + p + ": tangent / primal", b + ".tangent" + p, key);
                    ratio(b + p + ": gradient / hand-written", b + ".gradient" + p, b + ".handGradient" + p);
                    ratio(b + p + ": tangent / hand-written", b + ".tangent" + p, b + ".handTangent" + p);
                    ratio(b + p + ": Hipparchus gradient / woven", b + ".hipparchusGradient" + p, b + ".gradient" + p);
                    ratio(b + p + ": Hipparchus tangent / woven", b + ".hipparchusTangent" + p, b + ".tangent" + p);
                    Score alloc = get(b + ".gradient:gc.alloc.rate.norm" + p);
                    if (alloc != null) {
                        System.out.printf(Locale.ROOT, "%s%s: bytes allocated per gradient %.0f%n", b, p, alloc.mean());
                    }
                }
            }
        }
    }

    /** {@code numerator / denominator} of one benchmark class for every parameter set measured. */
    private void ratios(String bench, String numerator, String denominator, String label) {
        String prefix = bench + "." + denominator;
        for (String key : List.copyOf(scores.keySet())) {
            if (key.startsWith(prefix) && !key.contains(":")
                    && (key.length() == prefix.length() || key.charAt(prefix.length()) == ' ')) {
                String p = key.substring(prefix.length());
                ratio(bench + p + ": " + label, bench + "." + numerator + p, key);
            }
        }
    }

    private void ratio(String label, String numerator, String denominator) {
        Score a = get(numerator);
        Score b = get(denominator);
        if (a != null && b != null) {
            System.out.printf(Locale.ROOT, "%s: %.2f%n", label, a.nanos() / b.nanos());
        }
    }
}
