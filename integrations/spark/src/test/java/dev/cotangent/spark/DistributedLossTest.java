package dev.cotangent.spark;

import dev.cotangent.ValueAndGradient;

import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** {@link DistributedLoss} over Datasets on {@code local[2]}, against the closed form on the driver. */
class DistributedLossTest {

    private static final double[] W = {0.3, -0.2, 0.5, 0.1, -0.4, 0.05};
    private static List<LocalSpark.Example> examples;
    private static Dataset<Row> arrays;
    private static Dataset<Row> vectors;

    @BeforeAll
    static void data() {
        examples = LocalSpark.logisticData(2000, W.length - 1, 11);
        List<Row> arrayRows = new ArrayList<>();
        List<Row> vectorRows = new ArrayList<>();
        for (LocalSpark.Example e : examples) {
            List<Double> features = new ArrayList<>();
            for (double v : e.features()) {
                features.add(v);
            }
            arrayRows.add(RowFactory.create(features, e.label()));
            vectorRows.add(RowFactory.create(e.label(), Vectors.dense(e.features())));
        }
        arrays = LocalSpark.session().createDataFrame(arrayRows, new StructType()
                .add("features", DataTypes.createArrayType(DataTypes.DoubleType))
                .add("label", DataTypes.DoubleType)).repartition(3);
        vectors = LocalSpark.session().createDataFrame(vectorRows, new StructType()
                .add("y", DataTypes.DoubleType)
                .add("x", SQLDataTypes.VectorType())).repartition(5);
    }

    @Test
    void arrayBatchLossOverADatasetGivesTheClosedFormLossAndGradient() {
        DistributedLoss loss = DistributedLoss.of(arrays, Losses::logisticBatch);
        ValueAndGradient vg = loss.valueAndGradient(W);
        assertClosedForm(vg);
        loss.unpersist();
    }

    @Test
    void tensorBatchLossOverVectorColumnsGivesTheSame() {
        DistributedLoss loss = DistributedLoss.of(vectors, Losses::logisticTensor).withColumns("x", "y")
                .withBatchRows(300);
        assertClosedForm(loss.valueAndGradient(W));
        loss.unpersist();
    }

    @Test
    void theSumDoesNotDependOnTheBatchSize() {
        double[] small = new double[W.length];
        double[] large = new double[W.length];
        double a = DistributedLoss.of(arrays, Losses::logisticBatch).withBatchRows(97).valueAndGradient(W, small);
        double b = DistributedLoss.of(arrays, Losses::logisticBatch).withBatchRows(5000).valueAndGradient(W, large);
        assertThat(a).isCloseTo(b, within(1e-9));
        assertThat(small).containsExactly(large, within(1e-9));
    }

    @Test
    void badArgumentsAreNamed() {
        DistributedLoss loss = DistributedLoss.of(arrays, Losses::logisticBatch);
        assertThatThrownBy(() -> loss.withBatchRows(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> loss.valueAndGradient(W, new double[2])).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("gradient has length 2");
        assertThatThrownBy(() -> DistributedLoss.of(arrays, (BatchLoss) Losses::notABatchLoss))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Losses.notABatchLoss");
    }

    private static void assertClosedForm(ValueAndGradient vg) {
        double[] expected = LocalSpark.closedFormGradient(examples, W);
        for (int j = 0; j < W.length; j++) {
            assertThat(vg.gradient()[j]).as("gradient[%d]", j).isCloseTo(expected[j],
                    within(1e-10 * Math.abs(expected[j])));
        }
        assertThat(vg.value()).isCloseTo(LocalSpark.closedFormLoss(examples, W), within(1e-9));
    }
}
