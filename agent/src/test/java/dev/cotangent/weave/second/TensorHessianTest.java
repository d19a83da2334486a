package dev.cotangent.weave.second;

import dev.cotangent.AD;
import dev.cotangent.Differentiable;
import dev.cotangent.DifferentiableFunction;
import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;
import dev.cotangent.testing.GradCheck;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

/** Hessian-vector products of tensor code against finite differences of its gradient. */
class TensorHessianTest {

    @Differentiable
    static double tanhSquares(Tensor w) {
        return Np.sum(Np.square(Np.tanh(w))).item();
    }

    @Test
    void smoke() {
        check("tanhSquares", Tensor.randn(1, 3, 2));
    }

    private static void check(String name, Object... args) {
        Class<?>[] types = new Class<?>[args.length];
        for (int i = 0; i < args.length; i++) {
            types[i] = args[i].getClass();
        }
        DifferentiableFunction f = AD.function(TensorHessianTest.class, name, types);
        SplittableRandom random = new SplittableRandom(name.hashCode());
        Object[] directions = GradCheck.randomLike(args, random);
        Object[] hv = f.hvp(args, directions);
        Object numeric = GradCheck.numericJvp(a -> f.gradient(a), args, directions, 1e-3);
        GradCheck.assertClose(hv, numeric, 1e-5, name + " Hessian-vector product");
    }
}
