package dev.cotangent.spark;

import org.apache.spark.mllib.linalg.DenseVector;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.optimization.Gradient;

import java.io.IOException;
import java.io.ObjectInputStream;

/**
 * MLlib's {@link Gradient} backed by a woven per-example loss, so that MLlib's distributed
 * optimisers run on it unchanged:
 *
 * <pre>{@code
 * @Differentiable
 * static double logLoss(double[] w, double[] x, double y) { ... }
 *
 * Tuple2<Vector, double[]> fit = LBFGS.runLBFGS(data.rdd(), WovenGradient.of(Model::logLoss),
 *         new SquaredL2Updater(), 10, 1e-9, 100, 1e-4, Vectors.zeros(n));
 * }</pre>
 *
 * <p>MLlib broadcasts the weights, calls {@link #compute(Vector, double, Vector, Vector)} for each
 * row of each partition on the executors, and sums the partitions' gradients with
 * {@code treeAggregate}; {@code GradientDescent.runMiniBatchSGD} does the same on samples. Each
 * call runs the loss's woven forward and reverse sweeps directly (see {@link ExampleKernel}).
 *
 * <p>The loss's class must be woven ahead of time by the Maven plugin (or every JVM started with
 * the agent): executors then need {@code cotangent-core} and this module only, no agent and no
 * weaver. The reference is checked when the gradient is made, on the driver; an executor that
 * cannot find the woven derivatives fails its task with the message that says why.
 *
 * <p>Weights and features may be dense or sparse (sparse ones are expanded per row); the gradient
 * is added into {@code cumGradient}, which must be dense, as MLlib's are.
 *
 * @since 0.2
 */
public final class WovenGradient extends Gradient {

    private static final long serialVersionUID = 1L;
    private static final String SHAPE = "double loss(double[] weights, double[] features, double label)";

    private final ExampleLoss loss;
    /** Made in each JVM from {@link #loss}, never serialized. */
    private transient ExampleKernel kernel;

    private WovenGradient(ExampleLoss loss) {
        this.loss = loss;
        this.kernel = new ExampleKernel(LossMethod.of(loss, "([D[DD)D", SHAPE));
    }

    /**
     * The gradient of {@code loss}, a reference to a {@code @Differentiable} method
     * {@code double loss(double[] weights, double[] features, double label)}.
     *
     * @throws IllegalArgumentException if {@code loss} is not a reference to a method of that shape
     * @throws IllegalStateException    if the method's derivatives were not woven and no weaver is on the class path
     * @throws dev.cotangent.NotDifferentiableException if the weaver on the class path cannot differentiate it
     */
    public static WovenGradient of(ExampleLoss loss) {
        return new WovenGradient(loss);
    }

    /**
     * The loss of one example at {@code weights}, with its gradient added to {@code cumGradient}.
     *
     * @throws IllegalArgumentException if {@code cumGradient} is not dense or not of the weights' size
     */
    @Override
    public double compute(Vector data, double label, Vector weights, Vector cumGradient) {
        if (!(cumGradient instanceof DenseVector sum) || sum.size() != weights.size()) {
            throw new IllegalArgumentException("cumGradient must be a dense vector of the weights' size "
                    + weights.size() + ", not " + cumGradient.getClass().getSimpleName() + " of size "
                    + cumGradient.size());
        }
        return kernel.addGradient(dense(weights), dense(data), label, sum.values());
    }

    private static double[] dense(Vector v) {
        return v instanceof DenseVector d ? d.values() : v.toArray();
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        kernel = new ExampleKernel(LossMethod.of(loss, "([D[DD)D", SHAPE));
    }

    @Override
    public String toString() {
        return "WovenGradient[" + LossMethod.of(loss, "([D[DD)D", SHAPE).name() + "]";
    }
}
