package dev.cotangent.examples.spark;

import dev.cotangent.AD;
import dev.cotangent.GradientFunction;
import dev.cotangent.examples.rosenbrock.Lbfgs;
import dev.cotangent.spark.WovenGradient;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.mllib.linalg.DenseVector;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.LBFGS;
import org.apache.spark.mllib.optimization.SquaredL2Updater;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Logistic regression on a generated data set of a million rows, fitted by MLlib's distributed
 * L-BFGS ({@code LBFGS.runLBFGS}) on the woven gradient of {@link LogisticLoss#example}: Spark
 * broadcasts the weights, each partition sums the per-row gradients that the woven code computes,
 * and {@code treeAggregate} adds the partitions' sums. Then, on a sample of the rows, the same fit
 * on Spark is compared with a fit on one machine (Cotangent's gradient of the whole sample's
 * objective and the L-BFGS of the {@code rosenbrock} example): the gradients at the same weights,
 * and the fitted weights.
 *
 * <pre>
 * java [Spark's --add-opens flags] -cp ... dev.cotangent.examples.spark.SparkLogistic \
 *     [--master local[2]] [--rows 1000000] [--features 20] [--partitions 8] [--iterations 30]
 * </pre>
 *
 * With no master given (neither {@code --master} nor {@code spark.master}, which
 * {@code spark-submit} sets), it runs embedded on {@code local[*]}. Exits with status 1 if the
 * sample's fits differ by more than 1e-8.
 */
public final class SparkLogistic {

    private static final double LAMBDA = 1e-4;
    private static final int SAMPLE_ROWS = 20_000;

    private SparkLogistic() {}

    public static void main(String[] args) {
        Options options = Options.parse(args);
        SparkConf conf = new SparkConf().setAppName("cotangent-spark-logistic").set("spark.ui.enabled", "false");
        if (options.master != null) {
            conf.setMaster(options.master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        try {
            run(sc, options);
        } finally {
            spark.stop();
        }
    }

    private static void run(JavaSparkContext sc, Options options) {
        int partitions = options.partitions > 0 ? options.partitions : Math.max(2, 4 * sc.defaultParallelism());
        System.out.printf(Locale.ROOT, "Spark %s, master %s (%d executor threads), %,d rows x %d features + bias, "
                        + "%d partitions%n", sc.version(), sc.master(), sc.defaultParallelism(), options.rows,
                options.features, partitions);

        double[] truth = truth(options.features);
        long t0 = System.nanoTime();
        JavaRDD<Tuple2<Object, Vector>> data = generate(sc, options.rows, truth, partitions).cache();
        long count = data.count();
        System.out.printf(Locale.ROOT, "generated and cached %,d rows in %.1f s%n", count, seconds(t0));

        // ---- the full fit: MLlib's L-BFGS on the woven per-example gradient ----
        WovenGradient gradient = WovenGradient.of(LogisticLoss::example);
        long t1 = System.nanoTime();
        Tuple2<Vector, double[]> fit = LBFGS.runLBFGS(data.rdd(), gradient, new SquaredL2Updater(), 10, 1e-9,
                options.iterations, LAMBDA, Vectors.zeros(truth.length));
        double fitSeconds = seconds(t1);
        double[] history = fit._2();
        System.out.println();
        System.out.println("iteration   objective (mean log-loss + L2)");
        for (int i = 0; i < history.length; i++) {
            System.out.printf(Locale.ROOT, "%9d   %.12f%n", i, history[i]);
        }
        double[] w = fit._1().toArray();
        System.out.printf(Locale.ROOT, "%nL-BFGS on %s: %d iterations in %.2f s (%.0f ms per iteration, each one "
                        + "or more passes over %,d rows)%n", sc.master(), history.length - 1, fitSeconds,
                1000 * fitSeconds / Math.max(1, history.length - 1), count);
        System.out.printf(Locale.ROOT, "largest |fitted - true weight|: %.3f (sampling noise of %,d rows)%n",
                maxDifference(w, truth), count);

        // ---- a sample, fitted on Spark and on one machine ----
        List<Tuple2<Object, Vector>> rows = data.take(SAMPLE_ROWS);
        double[][] x = new double[rows.size()][];
        double[] y = new double[rows.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rows.get(i)._2().toArray();
            y[i] = (Double) rows.get(i)._1();
        }
        LogisticLoss.Sample sample = new LogisticLoss.Sample(x, y, LAMBDA);
        JavaRDD<Tuple2<Object, Vector>> sampled = sc.parallelize(rows, partitions).cache();

        GradientFunction local = AD.gradientFunction(sample::objective);
        double[] distributed = distributedObjectiveGradient(sc, sampled, gradient, w);
        double[] single = local.gradient(w);
        System.out.printf(Locale.ROOT, "%nsample of %,d rows, gradient at the fitted weights: Spark (sum over %d "
                        + "partitions) vs one machine, largest relative difference %.1e%n", x.length, partitions,
                relativeDifference(distributed, single));

        Tuple2<Vector, double[]> sparkFit = LBFGS.runLBFGS(sampled.rdd(), gradient, new SquaredL2Updater(), 10,
                1e-15, 500, LAMBDA, Vectors.zeros(truth.length));
        Lbfgs.Result localFit = new Lbfgs(10, 1e-13, 500).minimize(local, new double[truth.length], (i, f, g) -> { });
        double weights = maxDifference(sparkFit._1().toArray(), localFit.x());
        System.out.printf(Locale.ROOT, "fitted weights: Spark (MLlib L-BFGS, %d iterations) vs one machine "
                        + "(L-BFGS, %d iterations): largest difference %.1e%n", sparkFit._2().length - 1,
                localFit.iterations(), weights);
        if (!(weights <= 1e-8)) {
            System.err.println("the two fits of the sample differ by more than 1e-8");
            System.exit(1);
        }
    }

    /** MLlib's objective's gradient at {@code w}: the mean of the per-row gradients plus λ·w, summed on Spark. */
    private static double[] distributedObjectiveGradient(JavaSparkContext sc, JavaRDD<Tuple2<Object, Vector>> data,
                                                         WovenGradient gradient, double[] w) {
        Broadcast<Vector> weights = sc.broadcast(Vectors.dense(w));
        long n = data.count();
        double[] sum = data.treeAggregate(new double[w.length], (acc, row) -> {
            gradient.compute(row._2(), (Double) row._1(), weights.value(), new DenseVector(acc));
            return acc;
        }, (a, b) -> {
            for (int j = 0; j < a.length; j++) {
                a[j] += b[j];
            }
            return a;
        });
        weights.destroy();
        for (int j = 0; j < sum.length; j++) {
            sum[j] = sum[j] / n + LAMBDA * w[j];
        }
        return sum;
    }

    /** Rows drawn in parallel, each partition from its own seed: standard normal features, a bias, a 0/1 label. */
    private static JavaRDD<Tuple2<Object, Vector>> generate(JavaSparkContext sc, long rows, double[] truth,
                                                            int partitions) {
        List<Integer> seeds = IntStream.range(0, partitions).boxed().toList();
        return sc.parallelize(seeds, partitions).flatMap(p -> {
            long from = rows * p / partitions;
            long to = rows * (p + 1) / partitions;
            SplittableRandom random = new SplittableRandom(1_000_003L * p + 17);
            List<Tuple2<Object, Vector>> out = new ArrayList<>((int) (to - from));
            int d = truth.length - 1;
            for (long r = from; r < to; r++) {
                double[] x = new double[d + 1];
                double z = 0;
                for (int j = 0; j < d; j++) {
                    x[j] = random.nextGaussian();
                    z += truth[j] * x[j];
                }
                x[d] = 1;
                z += truth[d];
                double label = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
                out.add(new Tuple2<>(label, Vectors.dense(x)));
            }
            return out.iterator();
        });
    }

    private static double[] truth(int d) {
        SplittableRandom random = new SplittableRandom(42);
        double[] w = new double[d + 1];
        for (int j = 0; j <= d; j++) {
            w[j] = random.nextDouble(-1, 1);
        }
        return w;
    }

    private static double maxDifference(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static double relativeDifference(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1e-300));
        }
        return m;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** The command line: {@code --master}, {@code --rows}, {@code --features}, {@code --partitions}, {@code --iterations}. */
    private static final class Options {
        String master;
        long rows = 1_000_000;
        int features = 20;
        int partitions;
        int iterations = 30;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i + 1 < args.length; i += 2) {
                switch (args[i]) {
                    case "--master" -> o.master = args[i + 1];
                    case "--rows" -> o.rows = Long.parseLong(args[i + 1].replace("_", ""));
                    case "--features" -> o.features = Integer.parseInt(args[i + 1]);
                    case "--partitions" -> o.partitions = Integer.parseInt(args[i + 1]);
                    case "--iterations" -> o.iterations = Integer.parseInt(args[i + 1]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; options: --master, --rows, --features, --partitions, --iterations");
                }
            }
            if (args.length % 2 != 0) {
                throw new IllegalArgumentException("option " + args[args.length - 1] + " has no value");
            }
            return o;
        }
    }
}
