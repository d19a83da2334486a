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

    @Differentiable
    static double crossEntropy(Tensor logits, Tensor targets) {
        Tensor perRow = Np.sum(Np.multiply(targets, Np.log_softmax(logits, 1)), new int[] {1}, false);
        return Np.negative(Np.mean(perRow, null, false)).item();
    }

    @Differentiable
    static Tensor crossEntropyTensor(Tensor logits, Tensor targets) {
        Tensor perRow = Np.sum(Np.multiply(targets, Np.log_softmax(logits, 1)), new int[] {1}, false);
        return Np.negative(Np.mean(perRow, null, false));
    }

    @Differentiable
    static double logistic(Tensor w, double b, Tensor x, Tensor y, double lambda) {
        Tensor z = Np.add(Np.matmul(x, w), Tensor.scalar(b));
        Tensor margins = Np.negative(Np.multiply(y, z));
        double data = Np.mean(Np.log1p(Np.exp(margins))).item();
        double penalty = Np.sum(Np.square(w)).item();
        return data + 0.5 * lambda * penalty;
    }

    @Differentiable
    static double userPrimitives(Tensor signal, Tensor kernel) {
        Tensor y = dev.cotangent.weave.tensors.UserOps.convolve(signal, kernel);
        return Np.sum(Np.square(y)).item() + Np.sum(dev.cotangent.weave.tensors.UserOps.softplus(signal)).item();
    }

    @Test
    void smoke() {
        check("userPrimitives", Tensor.randn(1, 7), Tensor.randn(2, 3));
        check("logistic", Tensor.randn(1, 3), 0.5, Tensor.randn(2, 4, 3), Tensor.randn(3, 4), 0.1);
        check("crossEntropyTensor", Tensor.randn(1, 3, 2), Np.softmax(Tensor.randn(2, 3, 2), 1));
        check("tanhSquares", Tensor.randn(1, 3, 2));
        check("crossEntropy", Tensor.randn(1, 3, 2), Np.softmax(Tensor.randn(2, 3, 2), 1));
    }

    private static void check(String name, Object... args) {
        Class<?>[] types = new Class<?>[args.length];
        for (int i = 0; i < args.length; i++) {
            types[i] = args[i] instanceof Double ? double.class : args[i].getClass();
        }
        DifferentiableFunction f = AD.function(TensorHessianTest.class, name, types);
        SplittableRandom random = new SplittableRandom(name.hashCode());
        Object[] directions = GradCheck.randomLike(args, random);
        Object[] hv = f.hvp(args, directions);
        Object numeric = GradCheck.numericJvp(a -> f.gradient(a), args, directions, 1e-3);
        GradCheck.assertClose(hv, numeric, 1e-5, name + " Hessian-vector product");
    }
}
