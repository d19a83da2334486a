package dev.cotangent.spark;

import dev.cotangent.ValueAndGradient;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The loss of a whole {@link Dataset}, a woven batch loss summed over its rows, and its gradient
 * with respect to the weights, computed where the data lives:
 *
 * <pre>{@code
 * @Differentiable
 * static double loss(double[] w, double[][] x, double[] y) { ... }   // summed over the rows
 *
 * DistributedLoss f = DistributedLoss.of(dataset, Model::loss);   // columns "features" and "label"
 * double value = f.valueAndGradient(w, gradient);                 // any optimiser's inner loop
 * }</pre>
 *
 * <p>Each evaluation broadcasts the weights; each partition runs the loss's woven gradient on its
 * rows in batches of {@link #withBatchRows} rows ({@link BatchEvaluator}), and the partitions' sums
 * are added with {@code treeAggregate}. The rows are read from the {@code Dataset} once, into
 * batches of arrays kept by Spark ({@code MEMORY_AND_DISK}) until {@link #unpersist()}.
 *
 * <p>The features column is {@code array<double>} or an ML {@code Vector}; the label any number.
 * The loss is a reference to a {@code @Differentiable} method ({@link BatchLoss},
 * {@link TensorBatchLoss}), woven ahead of time so that executors need no weaver. Instances are
 * immutable except for the cached batches; {@code with…} returns a new one.
 *
 * @since 0.2
 */
public final class DistributedLoss {

    /** Rows per call of the loss: large enough to pay for the call, small enough for the cache. */
    public static final int DEFAULT_BATCH_ROWS = 1024;

    private final Dataset<Row> data;
    private final BatchEvaluator evaluator;
    private final String featuresColumn;
    private final String labelColumn;
    private final int batchRows;
    private JavaRDD<Batch> batches;

    private DistributedLoss(Dataset<Row> data, BatchEvaluator evaluator, String featuresColumn, String labelColumn,
                            int batchRows) {
        this.data = data;
        this.evaluator = evaluator;
        this.featuresColumn = featuresColumn;
        this.labelColumn = labelColumn;
        this.batchRows = batchRows;
    }

    /**
     * The sum of {@code loss} over {@code data}'s rows, read from its columns {@code features} and
     * {@code label}.
     *
     * @throws IllegalArgumentException if {@code loss} is not a reference to a method of the right shape
     * @throws IllegalStateException    if its derivatives were not woven and no weaver is on the class path
     */
    public static DistributedLoss of(Dataset<Row> data, BatchLoss loss) {
        return new DistributedLoss(data, new BatchEvaluator(loss), "features", "label", DEFAULT_BATCH_ROWS);
    }

    /** As {@link #of(Dataset, BatchLoss)}, for a loss written with {@code Np}. */
    public static DistributedLoss of(Dataset<Row> data, TensorBatchLoss loss) {
        return new DistributedLoss(data, new BatchEvaluator(loss), "features", "label", DEFAULT_BATCH_ROWS);
    }

    /** A new loss reading its features and labels from these columns. */
    public DistributedLoss withColumns(String features, String label) {
        return new DistributedLoss(data, evaluator, features, label, batchRows);
    }

    /**
     * A new loss calling the batch loss on at most {@code rows} rows at a time.
     *
     * @throws IllegalArgumentException if {@code rows < 1}
     */
    public DistributedLoss withBatchRows(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("batch rows must be at least 1, not " + rows);
        }
        return new DistributedLoss(data, evaluator, featuresColumn, labelColumn, rows);
    }

    /** The loss over all rows at {@code weights}, and its gradient. */
    public ValueAndGradient valueAndGradient(double[] weights) {
        double[] gradient = new double[weights.length];
        double value = valueAndGradient(weights, gradient);
        return new ValueAndGradient(value, gradient);
    }

    /**
     * The loss over all rows at {@code weights}, with its gradient written into {@code gradient}.
     * {@code weights} is not modified.
     *
     * @throws IllegalArgumentException if the lengths differ
     */
    public double valueAndGradient(double[] weights, double[] gradient) {
        if (gradient.length != weights.length) {
            throw new IllegalArgumentException("gradient has length " + gradient.length + " but weights has length "
                    + weights.length);
        }
        JavaRDD<Batch> rows = batches();
        Broadcast<double[]> w = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext())
                .broadcast(weights.clone());
        BatchEvaluator f = evaluator;
        int n = weights.length;
        try {
            PartialLoss sum = rows.map(batch -> f.evaluate(w.value(), batch))
                    .treeAggregate(PartialLoss.zero(n), PartialLoss::add, PartialLoss::add);
            System.arraycopy(sum.gradient, 0, gradient, 0, n);
            return sum.value;
        } finally {
            w.destroy();
        }
    }

    /** Releases the batches kept between evaluations; the next evaluation reads the Dataset again. */
    public synchronized void unpersist() {
        if (batches != null) {
            batches.unpersist(false);
            batches = null;
        }
    }

    @Override
    public String toString() {
        return "DistributedLoss[" + evaluator.name() + " over columns " + featuresColumn + ", " + labelColumn + "]";
    }

    private synchronized JavaRDD<Batch> batches() {
        if (batches == null) {
            int size = batchRows;
            batches = data.select(featuresColumn, labelColumn).javaRDD()
                    .mapPartitions(rows -> new Batches(rows, size))
                    .persist(StorageLevel.MEMORY_AND_DISK());
        }
        return batches;
    }

    /** A partition's rows as batches of at most {@code size} rows. */
    private static final class Batches implements Iterator<Batch> {
        private final Iterator<Row> rows;
        private final int size;

        Batches(Iterator<Row> rows, int size) {
            this.rows = rows;
            this.size = size;
        }

        @Override
        public boolean hasNext() {
            return rows.hasNext();
        }

        @Override
        public Batch next() {
            if (!rows.hasNext()) {
                throw new NoSuchElementException();
            }
            List<double[]> features = new ArrayList<>();
            List<Double> labels = new ArrayList<>();
            while (rows.hasNext() && features.size() < size) {
                Row row = rows.next();
                features.add(features(row.get(0)));
                labels.add(((Number) row.get(1)).doubleValue());
            }
            double[] y = new double[labels.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = labels.get(i);
            }
            return new Batch(features.toArray(new double[0][]), y);
        }

        private static double[] features(Object column) {
            if (column instanceof org.apache.spark.ml.linalg.Vector v) {
                return v.toArray();
            }
            if (column instanceof org.apache.spark.mllib.linalg.Vector v) {
                return v.toArray();
            }
            if (column instanceof scala.collection.Seq<?> seq) {
                double[] out = new double[seq.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = ((Number) seq.apply(i)).doubleValue();
                }
                return out;
            }
            throw new IllegalArgumentException("the features column holds " + (column == null ? "null"
                    : column.getClass().getName()) + "; it must be array<double> or a Vector");
        }
    }
}
