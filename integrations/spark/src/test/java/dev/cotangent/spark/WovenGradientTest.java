package dev.cotangent.spark;

import dev.cotangent.runtime.DerivativeFactory;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.mllib.linalg.DenseVector;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.Gradient;
import org.apache.spark.mllib.optimization.GradientDescent;
import org.apache.spark.mllib.optimization.LBFGS;
import org.apache.spark.mllib.optimization.LogisticGradient;
import org.apache.spark.mllib.optimization.SimpleUpdater;
import org.apache.spark.mllib.optimization.SquaredL2Updater;
import org.apache.spark.SparkEnv;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.Tuple2;
import scala.reflect.ClassTag$;

import java.util.List;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** {@link WovenGradient} on {@code local[2]}: its sums against closed forms, and MLlib's optimisers on it. */
class WovenGradientTest {

    private static final int D = 5;
    private static List<LocalSpark.Example> examples;
    private static JavaRDD<Tuple2<Object, Vector>> data;

    @BeforeAll
    static void data() {
        examples = LocalSpark.logisticData(2000, D, 7);
        data = LocalSpark.context().parallelize(examples, 4)
                .map(e -> new Tuple2<Object, Vector>(e.label(), Vectors.dense(e.features())))
                .cache();
    }

    @Test
    void theTestsRunWithoutAWeaverSoEveryDerivativeIsWovenAheadOfTime() {
        assertThat(ServiceLoader.load(DerivativeFactory.class).findFirst()).isEmpty();
    }

    @Test
    void partitionsSummedByTreeAggregateGiveTheClosedFormLossAndGradient() {
        double[] w = {0.3, -0.2, 0.5, 0.1, -0.4, 0.05};
        double[][] sum = sumOverPartitions(WovenGradient.of(Losses::logistic), w);
        double[] expected = LocalSpark.closedFormGradient(examples, w);
        for (int j = 0; j < w.length; j++) {
            assertThat(sum[0][j]).as("gradient[%d]", j).isCloseTo(expected[j], within(1e-10 * Math.abs(expected[j])));
        }
        assertThat(sum[1][0]).isCloseTo(LocalSpark.closedFormLoss(examples, w), within(1e-9));
    }

    @Test
    void lbfgsOnTheWovenGradientFollowsMllibsOwnLogisticGradient() {
        Vector start = Vectors.zeros(D + 1);
        Tuple2<Vector, double[]> woven = LBFGS.runLBFGS(data.rdd(), WovenGradient.of(Losses::logistic),
                new SquaredL2Updater(), 10, 1e-10, 12, 1e-3, start);
        Tuple2<Vector, double[]> mllib = LBFGS.runLBFGS(data.rdd(), new LogisticGradient(), new SquaredL2Updater(),
                10, 1e-10, 12, 1e-3, start);
        assertThat(woven._1().toArray()).containsExactly(mllib._1().toArray(), within(1e-9));
        assertThat(woven._2()).hasSameSizeAs(mllib._2());
        for (int i = 0; i < mllib._2().length; i++) {
            assertThat(woven._2()[i]).as("loss at iteration %d", i).isCloseTo(mllib._2()[i], within(1e-12));
        }
        assertThat(woven._2()[woven._2().length - 1]).isLessThan(0.8 * woven._2()[0]);
    }

    @Test
    void gradientDescentOnTheWovenGradientFollowsMllibsOwnLogisticGradient() {
        Vector start = Vectors.zeros(D + 1);
        Tuple2<Vector, double[]> woven = GradientDescent.runMiniBatchSGD(data.rdd(),
                WovenGradient.of(Losses::logistic), new SimpleUpdater(), 1.0, 5, 0.0, 1.0, start, 1e-12);
        Tuple2<Vector, double[]> mllib = GradientDescent.runMiniBatchSGD(data.rdd(), new LogisticGradient(),
                new SimpleUpdater(), 1.0, 5, 0.0, 1.0, start, 1e-12);
        assertThat(woven._1().toArray()).containsExactly(mllib._1().toArray(), within(1e-12));
    }

    @Test
    void aLossBoundToAnInstanceTravelsWithItsFields() {
        double[] w = {0.2, 0.1, -0.3, 0.4, 0.0, -0.1};
        double lambda = 0.25;
        double[][] sum = sumOverPartitions(WovenGradient.of(new Losses.Ridge(lambda)::loss), w);
        double[] expected = LocalSpark.closedFormGradient(examples, w);
        for (int j = 0; j < w.length; j++) {
            double e = expected[j] + examples.size() * lambda * w[j];
            assertThat(sum[0][j]).as("gradient[%d]", j).isCloseTo(e, within(1e-10 * Math.abs(e)));
        }
    }

    @Test
    void theGradientSurvivesSparksSerializerAndComputesInTheCopy() {
        WovenGradient original = WovenGradient.of(Losses::logistic);
        SerializerInstance serializer = SparkEnv.get().closureSerializer().newInstance();
        Gradient copy = serializer.deserialize(serializer.serialize(original, ClassTag$.MODULE$.apply(Gradient.class)),
                ClassTag$.MODULE$.apply(Gradient.class));
        assertThat(copy).isNotSameAs(original).isInstanceOf(WovenGradient.class);
        Vector x = Vectors.dense(0.5, -1.0, 2.0);
        Vector w = Vectors.dense(0.1, 0.2, 0.3);
        DenseVector g = (DenseVector) Vectors.zeros(3);
        double loss = copy.compute(x, 1.0, w, g);
        double z = 0.05 - 0.2 + 0.6;
        double r = 1 / (1 + Math.exp(-z)) - 1;
        assertThat(loss).isCloseTo(Math.log1p(Math.exp(z)) - z, within(1e-15));
        assertThat(g.values()).containsExactly(new double[] {r * 0.5, -r, r * 2}, within(1e-15));
    }

    @Test
    void sparseFeaturesAreExpandedAndTheGradientAddedToTheSum() {
        WovenGradient gradient = WovenGradient.of(Losses::logistic);
        DenseVector sum = new DenseVector(new double[] {1, 1, 1});
        Vector w = Vectors.dense(0.1, 0.2, 0.3);
        gradient.compute(Vectors.sparse(3, new int[] {2}, new double[] {2.0}), 0.0, w, sum);
        double r = 1 / (1 + Math.exp(-0.6));
        assertThat(sum.values()).containsExactly(new double[] {1, 1, 1 + 2 * r}, within(1e-15));
        assertThatThrownBy(() -> gradient.compute(Vectors.dense(1, 2, 3), 0.0, w, Vectors.sparse(3, new int[0],
                new double[0]))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dense");
    }

    @Test
    void aLossWhoseDerivativesWereNotWovenIsReportedOnTheDriverByName() {
        assertThatThrownBy(() -> WovenGradient.of(Losses::notAnnotated))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dev.cotangent.spark.Losses.notAnnotated")
                .hasMessageContaining("is not in its class");
    }

    @Test
    void lambdasAndReferencesOfTheWrongShapeAreRejectedWithTheFix() {
        assertThatThrownBy(() -> WovenGradient.of((w, x, y) -> w[0] * x[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("body of a lambda")
                .hasMessageContaining("@Differentiable method double loss(double[] weights, double[] features, "
                        + "double label)");
        assertThatThrownBy(() -> DistributedLoss.of(LocalSpark.session().emptyDataFrame(),
                (BatchLoss) (w, x, y) -> 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("body of a lambda");
    }

    /** What MLlib's optimisers do with a Gradient: the partitions' sums, added by treeAggregate. */
    private static double[][] sumOverPartitions(WovenGradient gradient, double[] weights) {
        Broadcast<Vector> w = LocalSpark.context().broadcast(Vectors.dense(weights));
        int n = weights.length;
        PartialLoss sum = data.treeAggregate(PartialLoss.zero(n), (acc, row) -> {
            DenseVector cumulative = new DenseVector(acc.gradient);
            acc.value += gradient.compute(row._2(), (Double) row._1(), w.value(), cumulative);
            return acc;
        }, PartialLoss::add);
        return new double[][] {sum.gradient, {sum.value}};
    }
}
