package dev.cotangent.examples.logistic;

import dev.cotangent.AD;
import dev.cotangent.Differentiable;
import dev.cotangent.GradientFunction;
import dev.cotangent.examples.rosenbrock.Lbfgs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * L2-regularised logistic regression for breast-cancer diagnosis, fitted by L-BFGS on a
 * gradient that Cotangent weaves from the loss: an instance method whose object holds the
 * data, turned into a reusable {@link GradientFunction} with {@code AD.gradientFunction(problem::loss)}.
 *
 * <p>Data: Breast Cancer Wisconsin (Diagnostic), UCI Machine Learning Repository
 * (W. Wolberg, W. Street, O. Mangasarian, 1995), CC BY 4.0; the scikit-learn copy. 569 cell
 * samples, 30 real features each, class 0 = malignant, 1 = benign.
 */
public final class Logistic {

    /** The 30 features in file order: ten measurements, as mean, standard error and worst value. */
    static final String[] FEATURES = names();
    /** Fixes the train/test split. */
    static final long SEED = 1;

    /** Features and 0/1 labels; {@code x[i]} is one sample. */
    record Data(double[][] x, double[] y) {}

    /** What a fit gives: the weights (bias last), the optimiser's result and both accuracies. */
    record Fit(double[] weights, Lbfgs.Result optimisation, double trainAccuracy, double testAccuracy) {}

    /**
     * The training objective. The data are fields: they are read by the derivative code but
     * never differentiated, so the gradient is with respect to the weights alone.
     */
    static final class Problem {
        private final double[][] x;
        private final double[] y;
        private final double lambda;

        Problem(Data train, double lambda) {
            this.x = train.x();
            this.y = train.y();
            this.lambda = lambda;
        }

        /**
         * Mean negative log-likelihood plus (λ/2)·|w|², the bias not penalised.
         * {@code w} holds one weight per feature, then the bias.
         */
        @Differentiable
        double loss(double[] w) {
            int features = w.length - 1;
            double total = 0;
            for (int i = 0; i < x.length; i++) {
                double z = w[features];
                for (int j = 0; j < features; j++) {
                    z += w[j] * x[i][j];
                }
                // −log p(yᵢ | z) = log(1 + eᶻ) − yᵢ·z, with log(1 + eᶻ) computed without overflow.
                double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
                total += softplus - y[i] * z;
            }
            double penalty = 0;
            for (int j = 0; j < features; j++) {
                penalty += w[j] * w[j];
            }
            return total / x.length + 0.5 * lambda * penalty;
        }
    }

    private Logistic() {}

    /** The training and test sets, standardised with the training set's statistics. */
    static Data[] split() {
        Data[] split = trainAndTest(load(), 0.2, SEED);
        standardise(split[0], split[1]);
        return split;
    }

    static Fit fit(double lambda, boolean print) {
        Data[] split = split();
        Problem problem = new Problem(split[0], lambda);
        // A bound method reference: the receiver (with its data) is fixed, w is the variable.
        GradientFunction loss = AD.gradientFunction(problem::loss);
        Lbfgs.Progress progress = !print ? null : (iteration, value, gradientNorm) -> {
            if (iteration % 10 == 0) {
                System.out.printf("%9d %14.8f %12.3e%n", iteration, value, gradientNorm);
            }
        };
        Lbfgs.Result r = new Lbfgs(10, 1e-8, 1000).minimize(loss, new double[FEATURES.length + 1], progress);
        return new Fit(r.x(), r, accuracy(r.x(), split[0]), accuracy(r.x(), split[1]));
    }

    static double accuracy(double[] w, Data data) {
        int features = w.length - 1;
        int correct = 0;
        for (int i = 0; i < data.y().length; i++) {
            double z = w[features];
            for (int j = 0; j < features; j++) {
                z += w[j] * data.x()[i][j];
            }
            correct += (z > 0 ? 1 : 0) == data.y()[i] ? 1 : 0;
        }
        return (double) correct / data.y().length;
    }

    // ------------------------------------------------------------------ data

    static Data load() {
        try (InputStream raw = Logistic.class.getResourceAsStream("breast_cancer.csv");
             BufferedReader in = new BufferedReader(new InputStreamReader(raw, StandardCharsets.US_ASCII))) {
            String[] header = in.readLine().split(","); // "569,30,malignant,benign"
            int rows = Integer.parseInt(header[0]);
            int features = Integer.parseInt(header[1]);
            double[][] x = new double[rows][features];
            double[] y = new double[rows];
            for (int i = 0; i < rows; i++) {
                String[] cells = in.readLine().split(",");
                for (int j = 0; j < features; j++) {
                    x[i][j] = Double.parseDouble(cells[j]);
                }
                y[i] = Double.parseDouble(cells[features]);
            }
            return new Data(x, y);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A seeded shuffle, then the last {@code testFraction} of the samples held out. */
    static Data[] trainAndTest(Data all, double testFraction, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < all.y().length; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int cut = (int) Math.round(order.size() * (1 - testFraction));
        return new Data[] {subset(all, order.subList(0, cut)), subset(all, order.subList(cut, order.size()))};
    }

    static Data subset(Data all, List<Integer> rows) {
        double[][] x = new double[rows.size()][];
        double[] y = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            x[i] = all.x()[rows.get(i)].clone();
            y[i] = all.y()[rows.get(i)];
        }
        return new Data(x, y);
    }

    /**
     * Rescales every feature to mean 0 and standard deviation 1, with the training set's
     * statistics for both sets, so that the test set stays unseen.
     */
    static void standardise(Data train, Data test) {
        int features = train.x()[0].length;
        for (int j = 0; j < features; j++) {
            double mean = 0;
            for (double[] row : train.x()) {
                mean += row[j];
            }
            mean /= train.x().length;
            double variance = 0;
            for (double[] row : train.x()) {
                variance += (row[j] - mean) * (row[j] - mean);
            }
            double sd = Math.sqrt(variance / train.x().length);
            for (Data d : new Data[] {train, test}) {
                for (double[] row : d.x()) {
                    row[j] = (row[j] - mean) / sd;
                }
            }
        }
    }

    private static String[] names() {
        String[] measures = {"radius", "texture", "perimeter", "area", "smoothness", "compactness", "concavity",
            "concave points", "symmetry", "fractal dimension"};
        String[] kinds = {"mean %s", "%s error", "worst %s"};
        String[] out = new String[30];
        for (int k = 0; k < kinds.length; k++) {
            for (int m = 0; m < measures.length; m++) {
                out[k * measures.length + m] = String.format(kinds[k], measures[m]);
            }
        }
        return out;
    }

    public static void main(String[] args) {
        Locale.setDefault(Locale.Category.FORMAT, Locale.ROOT); // a decimal point in every locale
        double lambda = 0.01;
        System.out.printf("breast cancer (UCI, 569 samples, 30 features): logistic regression, λ = %.2f, "
                + "L-BFGS on woven gradients%n%n", lambda);
        System.out.printf("%9s %14s %12s%n", "iteration", "loss", "|∇loss|");
        long start = System.nanoTime();
        Fit fit = fit(lambda, true);
        Lbfgs.Result r = fit.optimisation();
        if (r.iterations() % 10 != 0) { // the last iteration, unless it was printed already
            System.out.printf("%9d %14.8f %12.3e%n", r.iterations(), r.value(), r.gradientNorm());
        }
        System.out.println();
        System.out.printf("%s after %d iterations in %.2f s%n", r.converged() ? "converged" : "NOT converged",
                r.iterations(), (System.nanoTime() - start) / 1e9);

        // The weights on standardised features are comparable: the largest matter most.
        List<Integer> order = new ArrayList<>();
        for (int j = 0; j < FEATURES.length; j++) {
            order.add(j);
        }
        order.sort(Comparator.comparingDouble(j -> -Math.abs(fit.weights()[j])));
        System.out.println("largest weights (positive: towards benign):");
        for (int j : order.subList(0, 5)) {
            System.out.printf("  %-24s %+.3f%n", FEATURES[j], fit.weights()[j]);
        }
        System.out.printf("train accuracy: %.3f%n", fit.trainAccuracy());
        System.out.printf("test accuracy: %.3f%n", fit.testAccuracy());

        // The same objective on tensors, by Newton's method on woven Hessian-vector products.
        start = System.nanoTime();
        NewtonFit.Result newton = NewtonFit.fit(split()[0], lambda, 1e-8, 50);
        double difference = 0;
        for (int j = 0; j < newton.weights().length; j++) {
            difference = Math.max(difference, Math.abs(newton.weights()[j] - fit.weights()[j]));
        }
        System.out.println();
        System.out.printf("Newton-CG on Hessian-vector products: %d steps, %d products, loss %.8f, |∇loss| %.1e, "
                + "in %.2f s%n", newton.iterations(), newton.hessianProducts(), newton.loss(), newton.gradientNorm(),
                (System.nanoTime() - start) / 1e9);
        System.out.printf("largest difference from the L-BFGS weights: %.1e%n", difference);
    }
}
