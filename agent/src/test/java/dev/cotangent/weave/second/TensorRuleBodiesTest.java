package dev.cotangent.weave.second;

import dev.cotangent.AD;
import dev.cotangent.CustomDerivative;
import dev.cotangent.Differentiable;
import dev.cotangent.NotDifferentiableException;
import dev.cotangent.primitive.Call;
import dev.cotangent.primitive.Primitive;
import dev.cotangent.primitive.Primitives;
import dev.cotangent.primitive.Registry;
import dev.cotangent.primitive.Rule;
import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;
import dev.cotangent.weave.TensorRuleBodies;
import dev.cotangent.weave.ir.Body;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Second derivatives differentiate the registry's derivative values: every built-in value
 * must splice into public code, and a value that cannot is refused by name and reason.
 */
class TensorRuleBodiesTest {

    private final TensorRuleBodies bodies = new TensorRuleBodies();

    @Test
    void everyBuiltInDerivativeValueCanBeDifferentiatedAgain() {
        List<String> refused = new ArrayList<>();
        int spliced = 0;
        for (Primitive p : Registry.tensorPrimitives()) {
            for (int i = 0; i < p.arity(); i++) {
                List<Rule> rules = new ArrayList<>();
                List<Integer> outputs = new ArrayList<>();
                if (p.rule(i) instanceof Rule.PerOutput per) {
                    for (int o = 0; o < per.byOutput().length; o++) {
                        rules.add(per.byOutput()[o]);
                        outputs.add(o);
                    }
                } else {
                    rules.add(p.rule(i));
                    outputs.add(-1);
                }
                for (int r = 0; r < rules.size(); r++) {
                    if (!(rules.get(r) instanceof Rule.Bilinear b)) {
                        continue;
                    }
                    for (int k = 0; k < b.terms().size(); k++) {
                        try {
                            bodies.of(p, i, outputs.get(r), k);
                            spliced++;
                        } catch (TensorRuleBodies.Unsupported e) {
                            refused.add(p.name() + " argument " + i + " term " + k + ": " + e.getMessage());
                        }
                    }
                }
            }
        }
        assertThat(refused).isEmpty();
        assertThat(spliced).as("derivative values spliced").isGreaterThan(90);
    }

    @Test
    void aValueBecomesAMethodOfTheCallsArgumentsAndResult() throws TensorRuleBodies.Unsupported {
        Body tanh = bodies.of(Registry.named("tanh"), 0, -1, 0);
        String tensor = "Ldev/cotangent/tensor/Tensor;";
        assertThat(tanh.descriptor()).isEqualTo("(" + tensor + tensor + ")[" + tensor);
        Body sum = bodies.of(Registry.named("var"), 0, -1, 0);
        assertThat(sum.descriptor()).isEqualTo("(" + tensor + "[IZ" + tensor + ")[" + tensor);
    }

    /** A derivative value written as a class, not a lambda: its body cannot be found. */
    static final class Halves implements Rule.DerivativeValue {
        @Override
        public Tensor[] of(Call c) {
            return new Tensor[] {Np.multiply(Tensor.scalar(0.5), Np.ones_like(c.tensor(0)))};
        }
    }

    static {
        Primitives.define(TensorRuleBodiesTest.class, "half", Tensor.class)
                .d(0, new Halves(), "...,@...->...").done();
    }

    @CustomDerivative
    public static Tensor half(Tensor x) {
        return Np.multiply(Tensor.scalar(0.5), x);
    }

    @Differentiable
    static double halfSquares(Tensor x) {
        return Np.sum(Np.square(half(x))).item();
    }

    @Test
    void aValueThatIsNotALambdaIsRefusedByPrimitiveAndReason() {
        // First derivatives do not need the value's body.
        Object[] gradient = AD.function(TensorRuleBodiesTest.class, "halfSquares", Tensor.class)
                .gradient(Tensor.of(new double[] {1, 2}));
        assertThat(((Tensor) gradient[0]).toArray()).containsExactly(0.5, 1.0);
        assertThatThrownBy(() -> AD.function(TensorRuleBodiesTest.class, "halfSquares", Tensor.class)
                .hvp(new Object[] {Tensor.of(new double[] {1, 2})}, new Object[] {Tensor.ones(2)}))
                .isInstanceOf(NotDifferentiableException.class)
                .hasMessageContaining("TensorRuleBodiesTest.halfSquares(Tensor)")
                .hasMessageContaining("second derivatives through the tensor primitive "
                        + "dev.cotangent.weave.second.TensorRuleBodiesTest.half are not supported")
                .hasMessageContaining("is not a lambda")
                .hasMessageContaining("without dev.cotangent.weave.second.TensorRuleBodiesTest.half");
    }
}
