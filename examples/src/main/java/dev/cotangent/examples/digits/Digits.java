package dev.cotangent.examples.digits;

import dev.cotangent.AD;
import dev.cotangent.Differentiable;
import dev.cotangent.DifferentiableFunction;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * Handwritten digits: a two-layer network (64 pixels → 32 tanh units → 10 softmax outputs)
 * trained with Adam on cross-entropy. The loss is ordinary Java over {@code double[][]}
 * weights; its gradient with respect to all four weight arrays comes from one reverse sweep
 * that Cotangent weaves from {@link #loss}'s bytecode. There is no hand-written backprop.
 *
 * <p>Data: Optical Recognition of Handwritten Digits, UCI Machine Learning Repository
 * (E. Alpaydin, C. Kaynak, 1998), CC BY 4.0; the 1,797-image copy shipped with scikit-learn.
 * Each row is an 8×8 image of pixel counts 0..16 followed by the digit.
 *
 * <p>Run: {@code java -cp ... dev.cotangent.examples.digits.Digits}, with
 * {@code -Ddigits.plot=PATH} to choose where the loss curve goes (default
 * {@code target/digits-loss.png}).
 */
public final class Digits {

    static final int PIXELS = 64;
    static final int HIDDEN = 32;
    static final int CLASSES = 10;
    /** Fixes the train/test split, the initial weights and the order of the minibatches. */
    static final long SEED = 7;

    /** Images (rows of 64 pixels in [0, 1]) and their labels. */
    record Batch(double[][] images, int[] labels) {

        int size() {
            return labels.length;
        }

        Batch slice(int from, int to) {
            return new Batch(Arrays.copyOfRange(images, from, to), Arrays.copyOfRange(labels, from, to));
        }
    }

    /** What {@link #train} returns: the loss per epoch on both splits, and the final accuracy. */
    record Result(double[] trainLoss, double[] testLoss, double testAccuracy) {}

    private Digits() {}

    // ------------------------------------------------------------------ the model

    /**
     * Mean cross-entropy of the network over a batch of images. This is the only method
     * Cotangent is told about: the helpers it calls ({@link #logits}, {@link #logSumExp}) are
     * differentiated through without an annotation. Every {@code double[]}/{@code double[][]}
     * parameter gets a gradient, the images too; training just ignores that one. (Images read
     * from a field would be constants instead, sparing that work; the weaver then calls the
     * variant of {@code logits} that treats its {@code image} as data.)
     */
    @Differentiable
    static double loss(double[][] w1, double[] b1, double[][] w2, double[] b2, double[][] images, int[] labels) {
        double total = 0;
        for (int n = 0; n < images.length; n++) {
            double[] z = logits(w1, b1, w2, b2, images[n]);
            // −log softmax(z)[label] = logΣexp(z) − z[label]
            total += logSumExp(z) - z[labels[n]];
        }
        return total / images.length;
    }

    /** The unnormalised class scores for one image: W2·tanh(W1·x + b1) + b2. */
    static double[] logits(double[][] w1, double[] b1, double[][] w2, double[] b2, double[] image) {
        double[] hidden = new double[w1.length];
        for (int h = 0; h < w1.length; h++) {
            double s = b1[h];
            double[] row = w1[h];
            for (int j = 0; j < image.length; j++) {
                s += row[j] * image[j];
            }
            hidden[h] = Math.tanh(s);
        }
        double[] z = new double[w2.length];
        for (int k = 0; k < w2.length; k++) {
            double s = b2[k];
            double[] row = w2[k];
            for (int h = 0; h < hidden.length; h++) {
                s += row[h] * hidden[h];
            }
            z[k] = s;
        }
        return z;
    }

    /** log Σ exp(z), shifted by the maximum so that exp cannot overflow. */
    static double logSumExp(double[] z) {
        double max = z[0];
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    // ------------------------------------------------------------------ training

    /** Trains for {@code epochs} epochs with minibatches of 32, printing one line per epoch. */
    static Result train(int epochs, long seed, boolean print) {
        Batch[] split = trainAndTest(load(), 0.2, seed);
        Batch train = split[0];
        Batch test = split[1];

        Random random = new Random(seed);
        double[][] w1 = gaussian(HIDDEN, PIXELS, 1 / Math.sqrt(PIXELS), random);
        double[] b1 = new double[HIDDEN];
        double[][] w2 = gaussian(CLASSES, HIDDEN, 1 / Math.sqrt(HIDDEN), random);
        double[] b2 = new double[CLASSES];

        // The derivative code is generated here, once: a construct the weaver cannot
        // differentiate would be reported now, naming the source line.
        DifferentiableFunction lossFunction = AD.function(Digits.class, "loss",
                double[][].class, double[].class, double[][].class, double[].class, double[][].class, int[].class);
        // Adam updates the rows of w1 and w2 and the biases in place.
        double[][] parameters = Adam.blocks(w1, b1, w2, b2);
        Adam adam = new Adam(0.005, parameters);

        double[] trainLoss = new double[epochs];
        double[] testLoss = new double[epochs];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            order.add(i);
        }
        int batchSize = 32;
        for (int epoch = 0; epoch < epochs; epoch++) {
            Collections.shuffle(order, random);
            Batch shuffled = permute(train, order);
            for (int from = 0; from < shuffled.size(); from += batchSize) {
                Batch batch = shuffled.slice(from, Math.min(from + batchSize, shuffled.size()));
                // One reverse sweep: {∂L/∂w1, ∂L/∂b1, ∂L/∂w2, ∂L/∂b2, ∂L/∂images, null (labels)}.
                Object[] gradient = lossFunction.gradient(w1, b1, w2, b2, batch.images, batch.labels);
                adam.step(parameters, Adam.blocks(Arrays.copyOf(gradient, 4)));
            }
            // Calling the method itself runs the plain, unwoven code: no cost for AD here.
            trainLoss[epoch] = loss(w1, b1, w2, b2, train.images, train.labels);
            testLoss[epoch] = loss(w1, b1, w2, b2, test.images, test.labels);
            if (print) {
                System.out.printf("epoch %2d/%d %s train loss %.4f  test loss %.4f%n", epoch + 1, epochs,
                        progressBar(epoch + 1, epochs, 30), trainLoss[epoch], testLoss[epoch]);
            }
        }
        return new Result(trainLoss, testLoss, accuracy(w1, b1, w2, b2, test));
    }

    static double accuracy(double[][] w1, double[] b1, double[][] w2, double[] b2, Batch data) {
        int correct = 0;
        for (int n = 0; n < data.size(); n++) {
            double[] z = logits(w1, b1, w2, b2, data.images[n]);
            int best = 0;
            for (int k = 1; k < z.length; k++) {
                if (z[k] > z[best]) {
                    best = k;
                }
            }
            correct += best == data.labels[n] ? 1 : 0;
        }
        return (double) correct / data.size();
    }

    static String progressBar(int done, int total, int width) {
        int filled = done * width / total;
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
    }

    // ------------------------------------------------------------------ data

    /** All 1,797 images, pixels scaled to [0, 1]. */
    static Batch load() {
        List<double[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (InputStream raw = Digits.class.getResourceAsStream("digits.csv.gz");
             BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw),
                     StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] cells = line.split(",");
                double[] image = new double[PIXELS];
                for (int j = 0; j < PIXELS; j++) {
                    image[j] = Double.parseDouble(cells[j]) / 16;
                }
                images.add(image);
                labels.add((int) Double.parseDouble(cells[PIXELS]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Batch(images.toArray(new double[0][]), labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /** A seeded shuffle, then the last {@code testFraction} of the rows held out. */
    static Batch[] trainAndTest(Batch all, double testFraction, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        Batch shuffled = permute(all, order);
        int cut = (int) Math.round(all.size() * (1 - testFraction));
        return new Batch[] {shuffled.slice(0, cut), shuffled.slice(cut, all.size())};
    }

    static Batch permute(Batch b, List<Integer> order) {
        double[][] images = new double[order.size()][];
        int[] labels = new int[order.size()];
        for (int i = 0; i < order.size(); i++) {
            images[i] = b.images[order.get(i)];
            labels[i] = b.labels[order.get(i)];
        }
        return new Batch(images, labels);
    }

    static double[][] gaussian(int rows, int columns, double scale, Random random) {
        double[][] m = new double[rows][columns];
        for (double[] row : m) {
            for (int j = 0; j < columns; j++) {
                row[j] = scale * random.nextGaussian();
            }
        }
        return m;
    }

    public static void main(String[] args) {
        Locale.setDefault(Locale.Category.FORMAT, Locale.ROOT); // a decimal point in every locale
        int epochs = Integer.getInteger("digits.epochs", 20);
        Path plot = Path.of(System.getProperty("digits.plot", "target/digits-loss.png"));
        System.out.printf("digits: 64 → %d tanh → %d softmax, Adam, %d epochs%n", HIDDEN, CLASSES, epochs);
        long start = System.nanoTime();
        Result r = train(epochs, SEED, true);
        System.out.printf("trained in %.1f s%n", (System.nanoTime() - start) / 1e9);
        LossPlot.write(plot, r.trainLoss(), r.testLoss());
        System.out.println("loss curve: " + plot.toAbsolutePath().normalize());
        System.out.printf("test accuracy: %.3f%n", r.testAccuracy());
    }
}
