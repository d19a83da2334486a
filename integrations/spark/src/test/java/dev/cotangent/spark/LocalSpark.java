package dev.cotangent.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One embedded Spark session on {@code local[2]} (two executor threads; tasks are serialized and
 * deserialized as on a cluster) shared by the test classes of this JVM, and the data they use.
 */
final class LocalSpark {

    private static SparkSession session;

    private LocalSpark() {}

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("cotangent-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .getOrCreate();
            session.sparkContext().setLogLevel("WARN");
        }
        return session;
    }

    static JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(session().sparkContext());
    }

    /** Labelled rows of a logistic model: {@code d} standard normal features, then a bias of 1. */
    record Example(double[] features, double label) implements java.io.Serializable {}

    static List<Example> logisticData(int rows, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] truth = new double[d + 1];
        for (int j = 0; j <= d; j++) {
            truth[j] = random.nextDouble(-1.5, 1.5);
        }
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            double[] x = new double[d + 1];
            double z = 0;
            for (int j = 0; j < d; j++) {
                x[j] = random.nextGaussian();
            }
            x[d] = 1;
            for (int j = 0; j <= d; j++) {
                z += truth[j] * x[j];
            }
            double p = 1 / (1 + Math.exp(-z));
            out.add(new Example(x, random.nextDouble() < p ? 1 : 0));
        }
        return out;
    }

    /** The summed logistic loss's gradient in closed form, {@code Σ (σ(w·x) − y)·x}, on the driver. */
    static double[] closedFormGradient(List<Example> data, double[] w) {
        double[] g = new double[w.length];
        for (Example e : data) {
            double z = 0;
            for (int j = 0; j < w.length; j++) {
                z += w[j] * e.features()[j];
            }
            double r = 1 / (1 + Math.exp(-z)) - e.label();
            for (int j = 0; j < w.length; j++) {
                g[j] += r * e.features()[j];
            }
        }
        return g;
    }

    /** The summed logistic loss, written independently of the woven one: {@code Σ log(1 + e^z) − y·z}. */
    static double closedFormLoss(List<Example> data, double[] w) {
        double sum = 0;
        for (Example e : data) {
            double z = 0;
            for (int j = 0; j < w.length; j++) {
                z += w[j] * e.features()[j];
            }
            sum += Math.log(1 + Math.exp(z)) - e.label() * z;
        }
        return sum;
    }
}
