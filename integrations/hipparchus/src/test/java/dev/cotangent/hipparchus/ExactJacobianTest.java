package dev.cotangent.hipparchus;

import dev.cotangent.AD;
import dev.cotangent.runtime.DerivativeFactory;
import dev.cotangent.runtime.TangentOut;

import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer.Optimum;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ExactJacobianTest {

    private static final double[] TRUE = {2.0, 1.3, 0.7, 0.15};

    @Test
    void tallModelInBothModesEqualsHipparchusOwnForwardModeDerivatives() {
        SplittableRandom random = new SplittableRandom(16);
        for (int trial = 0; trial < 5; trial++) {
            double[] p = {random.nextDouble(0.5, 3), random.nextDouble(0.5, 2), random.nextDouble(0.1, 1),
                    random.nextDouble(0.05, 0.3)};
            double[][] expected = derivativeStructureJacobian(p);
            for (ExactJacobian f : new ExactJacobian[] {ExactJacobian.of(Models::twoExponentials),
                    ExactJacobian.of(Models::twoExponentials).forwardMode(),
                    ExactJacobian.of(Models::twoExponentials).reverseMode()}) {
                Pair<RealVector, RealMatrix> vj = f.value(new ArrayRealVector(p));
                assertThat(vj.getFirst().toArray()).containsExactly(Models.twoExponentials(p));
                assertClose(vj.getSecond().getData(), expected, 1e-13);
                assertClose(f.computeJacobian(p).getData(), expected, 1e-13);
                assertThat(f.computeValue(p).toArray()).containsExactly(Models.twoExponentials(p));
            }
        }
    }

    @Test
    void wideModelInBothModesEqualsItsClosedForm() {
        double[] p = {0.3, -1.2, 0.8, 2.0, -0.4, 1.1};
        double[][] expected = new double[2][p.length];
        double q = 1;
        for (double v : p) {
            q *= 1 + v * v / 4;
        }
        for (int j = 0; j < p.length; j++) {
            expected[0][j] = 2 * p[j] * Math.sin(j + 1);
            expected[1][j] = q / (1 + p[j] * p[j] / 4) * p[j] / 2;
        }
        for (ExactJacobian f : new ExactJacobian[] {ExactJacobian.of(Models::wide),
                ExactJacobian.of(Models::wide).forwardMode(), ExactJacobian.of(Models::wide).reverseMode()}) {
            Pair<RealVector, RealMatrix> vj = f.value(new ArrayRealVector(p));
            assertThat(vj.getFirst().toArray()).containsExactly(Models.wide(p));
            assertClose(vj.getSecond().getData(), expected, 1e-14);
        }
    }

    @Test
    void levenbergMarquardtOnExactJacobianRecoversTheParametersOfNoiseFreeData() {
        double[] observed = Models.twoExponentials(TRUE);
        Optimum fit = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                .model(ExactJacobian.of(Models::twoExponentials))
                .target(observed)
                .start(new double[] {1.0, 1.0, 1.0, 0.1})
                .maxEvaluations(1000)
                .maxIterations(1000)
                .build());
        assertThat(fit.getPoint().toArray()).containsExactly(TRUE, within(1e-9));
        assertThat(fit.getRMS()).isLessThan(1e-12);
    }

    @Test
    void boundInstanceModelWithLazyEvaluationFitsEulerIntegratedDecay() {
        Models.Decay decay = new Models.Decay(0.01, new double[] {0.5, 1, 2, 3, 5, 8});
        double[] truth = {3.0, 0.4};
        double[] observed = decay.predict(truth);
        ExactJacobian model = ExactJacobian.of(decay::predict);
        // The Euler product y0·(1 − h·k)^s has the closed-form derivatives checked here.
        double[][] expected = new double[observed.length][2];
        for (int i = 0; i < observed.length; i++) {
            long steps = Math.round(decay.times()[i] / decay.step());
            expected[i][0] = Math.pow(1 - decay.step() * truth[1], steps);
            expected[i][1] = -truth[0] * steps * decay.step() * Math.pow(1 - decay.step() * truth[1], steps - 1);
        }
        assertClose(model.computeJacobian(truth).getData(), expected, 1e-12);
        Optimum fit = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                .model(model)
                .lazyEvaluation(true)
                .target(observed)
                .start(new double[] {1.0, 1.0})
                .maxEvaluations(1000)
                .maxIterations(1000)
                .build());
        assertThat(fit.getPoint().toArray()).containsExactly(truth, within(1e-10));
    }

    @Test
    void pointIsNotModified() {
        double[] p = TRUE.clone();
        ArrayRealVector point = new ArrayRealVector(p, false);
        ExactJacobian.of(Models::twoExponentials).value(point);
        ExactJacobian.of(Models::twoExponentials).reverseMode().value(point);
        assertThat(p).containsExactly(TRUE);
    }

    @Test
    void aReferenceToAMethodWithoutTheAnnotationIsWovenAheadOfTimeAndNeedsNoWeaver() throws Exception {
        // The tests run as an application woven ahead of time does: no weaver on the class path.
        assertThat(ServiceLoader.load(DerivativeFactory.class).findFirst()).isEmpty();
        assertThat(Models.class.getDeclaredMethod("cotangent$tangent$squares", double[].class, double[].class,
                TangentOut.class)).isNotNull();
        double[][] jacobian = ExactJacobian.of(Models::squares).computeJacobian(new double[] {3, -2}).getData();
        assertThat(jacobian).isDeepEqualTo(new double[][] {{6, 0}, {-2, 3}});
    }

    @Test
    void aFunctionObjectThatIsNotAMethodReferenceIsRejected() {
        AD.VectorFunction plain = new AD.VectorFunction() {
            @Override
            public double[] apply(double[] x) {
                return x;
            }
        };
        assertThatThrownBy(() -> ExactJacobian.of(plain))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a lambda or method reference");
    }

    /** The same model's Jacobian by Hipparchus' own forward mode (DerivativeStructure): an independent reference. */
    private static double[][] derivativeStructureJacobian(double[] p) {
        DSFactory factory = new DSFactory(p.length, 1);
        DerivativeStructure[] v = new DerivativeStructure[p.length];
        for (int j = 0; j < p.length; j++) {
            v[j] = factory.variable(j, p[j]);
        }
        double[][] jacobian = new double[Models.TIMES.length][p.length];
        for (int i = 0; i < Models.TIMES.length; i++) {
            double t = Models.TIMES[i];
            DerivativeStructure y = v[0].multiply(v[1].multiply(-t).exp()).add(v[2].multiply(v[3].multiply(-t).exp()));
            for (int j = 0; j < p.length; j++) {
                int[] orders = new int[p.length];
                orders[j] = 1;
                jacobian[i][j] = y.getPartialDerivative(orders);
            }
        }
        return jacobian;
    }

    private static void assertClose(double[][] actual, double[][] expected, double rtol) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                double scale = Math.max(1, Math.abs(expected[i][j]));
                assertThat(actual[i][j]).as("J[%d][%d]", i, j).isCloseTo(expected[i][j], within(rtol * scale));
            }
        }
    }
}
