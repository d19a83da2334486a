package dev.cotangent.tensor;

import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad input is refused with an {@link IllegalArgumentException} whose message names the
 * operation and the shapes, axes or indices at fault, one test per kind of mistake.
 */
class BadInputTest {

    private final Tensor x = Tensor.zeros(2, 3, 4);
    private final Tensor m = Tensor.zeros(2, 3);

    @Test
    void shapesThatDoNotBroadcast() {
        refused(() -> Np.add(m, Tensor.zeros(4)), "add", "(2, 3)", "(4,)");
        refused(() -> Np.multiply(Tensor.zeros(3, 1), Tensor.zeros(2, 4, 5)), "multiply", "(3, 1)", "(2, 4, 5)");
        refused(() -> Np.where(Tensor.zeros(2), m, m), "where", "(2,)", "(2, 3)");
        refused(() -> Np.clip(m, Tensor.zeros(4), Tensor.zeros(1)), "clip", "(2, 3)", "(4,)");
        refused(() -> Np.allclose(m, Tensor.zeros(2)), "allclose", "(2, 3)", "(2,)");
        refused(() -> Np.broadcast_to(m, 3, 3), "broadcast_to", "(2, 3)", "(3, 3)");
        refused(() -> Np.broadcast_to(m, 3), "broadcast_to", "(2, 3)", "(3,)");
        refused(() -> Scatter.unbroadcast(m, 4, 3), "unbroadcast", "(4, 3)", "(2, 3)");
    }

    @Test
    void reshapeToAnotherSize() {
        refused(() -> Np.reshape(m, 4, 2), "reshape", "(2, 3)", "(4, 2)");
        refused(() -> Np.reshape(m, 4, -1), "reshape", "(2, 3)", "(4, -1)");
        refused(() -> Np.reshape(m, -1, -1), "reshape", "(-1, -1)", "one");
        refused(() -> Np.reshape(m, 3, -2), "reshape", "(3, -2)", "negative");
    }

    @Test
    void axisOutOfRange() {
        refused(() -> Np.sum(x, 3), "sum", "axis 3", "(2, 3, 4)");
        refused(() -> Np.mean(x, new int[] {0, -4}, false), "mean", "axis -4", "(2, 3, 4)");
        refused(() -> Np.max(x, 5), "max", "axis 5");
        refused(() -> Np.logsumexp(x, 3), "logsumexp", "axis 3");
        refused(() -> Np.cumsum(x, 3), "cumsum", "axis 3");
        refused(() -> Np.softmax(x, 3), "softmax", "axis 3");
        refused(() -> Np.argmax(x, -4), "argmax", "axis -4");
        refused(() -> Np.swapaxes(x, 0, 3), "swapaxes", "axis 3");
        refused(() -> Np.moveaxis(x, 3, 0), "moveaxis", "axis 3");
        refused(() -> Np.expand_dims(m, 3), "expand_dims", "axis 3", "(2, 3)");
        refused(() -> Np.squeeze(m, 2), "squeeze", "axis 2", "(2, 3)");
        refused(() -> Np.flip(m, 2), "flip", "axis 2");
        refused(() -> Np.roll(m, 1, 2), "roll", "axis 2");
        refused(() -> Np.repeat(m, 2, 2), "repeat", "axis 2");
        refused(() -> Np.slice(m, 2, 0, 1, 1), "slice", "axis 2");
        refused(() -> Np.take(m, new int[] {0}, -3), "take", "axis -3");
        refused(() -> Np.concatenate(new Tensor[] {m, m}, 2), "concatenate", "axis 2");
        refused(() -> Np.stack(new Tensor[] {m, m}, 3), "stack", "axis 3");
        refused(() -> Np.split(m, 2, 2), "split", "axis 2");
        refused(() -> Np.diagonal(m, 0, 0, 2), "diagonal", "axis 2");
        refused(() -> Np.sum(Tensor.scalar(1), 0), "sum", "axis 0", "()");
    }

    @Test
    void repeatedAxis() {
        refused(() -> Np.sum(x, new int[] {0, -3}, false), "sum", "repeated axis", "(2, 3, 4)");
        refused(() -> Np.transpose(x, 0, 0, 1), "transpose", "repeated axis");
        refused(() -> Np.moveaxis(x, new int[] {0, 0}, new int[] {1, 2}), "moveaxis", "repeated axis");
        refused(() -> Np.expand_dims(m, new int[] {1, 1}), "expand_dims", "repeated axis", "(2, 3)");
        refused(() -> Np.flip(x, new int[] {2, -1}), "flip", "repeated axis");
        refused(() -> Np.diagonal(x, 0, 1, -2), "diagonal", "(2, 3, 4)");
    }

    @Test
    void transposeWithTheWrongNumberOfAxes() {
        refused(() -> Np.transpose(x, 1, 0), "transpose", "[1, 0]", "(2, 3, 4)");
        refused(() -> Np.moveaxis(x, new int[] {0, 1}, new int[] {2}), "moveaxis", "[0, 1]", "[2]");
    }

    @Test
    void squeezeOfAnAxisThatIsNotOne() {
        refused(() -> Np.squeeze(Tensor.zeros(1, 3), 1), "squeeze", "axis 1", "size 3", "(1, 3)");
    }

    @Test
    void concatenateOrStackOfMismatchedShapes() {
        refused(() -> Np.concatenate(new Tensor[] {m, Tensor.zeros(3, 2)}, 0), "concatenate", "(3, 2)", "(2, 3)");
        refused(() -> Np.concatenate(new Tensor[] {m, Tensor.zeros(2, 3, 1)}, 0), "concatenate", "(2, 3, 1)", "(2, 3)");
        refused(() -> Np.concatenate(new Tensor[] {Tensor.scalar(1), Tensor.scalar(2)}, 0), "concatenate", "zero-dimensional");
        refused(() -> Np.concatenate(new Tensor[0], 0), "concatenate", "at least one");
        refused(() -> Np.stack(new Tensor[] {m, Tensor.zeros(3, 2)}, 0), "stack", "(2, 3)", "(3, 2)");
        refused(() -> Np.stack(new Tensor[0], 0), "stack", "at least one");
    }

    @Test
    void splitThatDoesNotDivideOrDescends() {
        refused(() -> Np.split(Tensor.zeros(10), 3), "split", "(10,)", "3");
        refused(() -> Np.split(m, 0, 1), "split", "(2, 3)", "0");
        refused(() -> Np.split(Tensor.zeros(10), new int[] {5, 3}, 0), "split", "[5, 3]", "(10,)");
    }

    @Test
    void sliceWithStepZero() {
        refused(() -> Np.slice(m, 1, 0, 3, 0), "slice", "step", "(2, 3)");
        refused(() -> Scatter.slice(Tensor.zeros(2, 3), new int[] {2, 3}, 1, 0, 3, 0), "slice", "step");
    }

    @Test
    void takeIndexOutOfRange() {
        refused(() -> Np.take(m, new int[] {0, 3}, 1), "take", "index 3", "axis 1", "size 3", "(2, 3)");
        refused(() -> Np.take(m, new int[] {-7}), "take", "index -7", "size 6");
        refused(() -> Scatter.take(Tensor.zeros(2, 1), new int[] {2, 3}, new int[] {-4}, 1), "take", "index -4");
    }

    @Test
    void malformedIndexString() {
        refused(() -> Np.index(x, "1:2:3:4"), "index", "1:2:3:4", "colon");
        refused(() -> Np.index(x, "a, 1"), "index", "'a'");
        refused(() -> Np.index(x, "..., 0, ..."), "index", "ellipsis");
        refused(() -> Np.index(x, "0, 0, 0, 0"), "index", "too many", "(2, 3, 4)");
        refused(() -> Np.index(x, ":, 3"), "index", "index 3", "axis 1", "size 3");
        refused(() -> Np.index(x, "::0"), "index", "step");
        refused(() -> Np.index(x, "1.5"), "index", "'1.5'");
        refused(() -> Np.index(x, "0,,1"), "index", "0,,1");
    }

    @Test
    void productsThatAreNotAligned() {
        refused(() -> Np.dot(m, Tensor.zeros(4, 5)), "dot", "(2, 3)", "(4, 5)", "not aligned");
        refused(() -> Np.dot(Tensor.zeros(3), Tensor.zeros(4)), "dot", "(3,)", "(4,)");
        refused(() -> Np.dot(x, Tensor.zeros(2, 3, 5)), "dot", "(2, 3, 4)", "(2, 3, 5)");
        refused(() -> Np.matmul(m, Tensor.zeros(4, 5)), "matmul", "(2, 3)", "(4, 5)", "not aligned");
        refused(() -> Np.matmul(Tensor.zeros(2, 3, 4), Tensor.zeros(3, 4, 5)), "matmul", "(2,)", "(3,)");
        refused(() -> Np.matmul(Tensor.scalar(2), m), "matmul", "()", "(2, 3)");
        refused(() -> Np.inner(m, Tensor.zeros(4)), "inner", "(2, 3)", "(4,)");
        refused(() -> Np.vdot(m, Tensor.zeros(5)), "vdot", "(2, 3)", "(5,)");
        refused(() -> Np.tensordot(x, Tensor.zeros(3, 5), 2), "tensordot", "(2, 3, 4)", "(3, 5)");
        refused(() -> Np.tensordot(x, m, new int[] {0}, new int[] {1}), "tensordot", "(2, 3, 4)", "(2, 3)");
        refused(() -> Np.tensordot(x, m, new int[] {0, 1}, new int[] {0}), "tensordot", "[0, 1]", "[0]");
    }

    @Test
    void badEinsumSpec() {
        refused(() -> Np.einsum("ij,jk->il", m, Tensor.zeros(3, 4)), "einsum", "ij,jk->il", "l");
        refused(() -> Np.einsum("ij,jk->ik", m, Tensor.zeros(4, 5)), "einsum", "ij,jk->ik", "(4, 5)");
        refused(() -> Np.einsum("ijk->i", m), "einsum", "ijk->i", "(2, 3)");
        refused(() -> Np.einsum("ij,jk->ik", m), "einsum", "ij,jk->ik", "operand");
        refused(() -> Np.einsum("i$->i", m), "einsum", "'$'");
    }

    @Test
    void reductionsOfNothing() {
        refused(() -> Np.max(Tensor.zeros(0, 3), 0), "max", "(0, 3)");
        refused(() -> Np.min(Tensor.zeros(0)), "min", "(0,)");
        refused(() -> Np.argmax(Tensor.zeros(3, 0), 1), "argmax", "(3, 0)");
    }

    @Test
    void otherRefusals() {
        refused(() -> Np.tile(m, -1), "tile", "[-1]", "(2, 3)");
        refused(() -> Np.repeat(m, -1, 0), "repeat", "-1", "axis 0", "(2, 3)");
        refused(() -> Np.pad(m, new int[][] {{1, 1}}), "pad", "(2, 3)");
        refused(() -> Np.pad(m, new int[][] {{1, 1}, {-1, 0}}), "pad", "axis 1", "[-1, 0]");
        refused(() -> Np.diag(x), "diag", "(2, 3, 4)");
        refused(() -> Np.diagonal(Tensor.zeros(3)), "diagonal", "(3,)");
        refused(() -> Np.triu(Tensor.zeros(3), 0), "triu", "(3,)");
        refused(() -> Scatter.slice(Tensor.zeros(2, 2), new int[] {2, 3}, 1, 0, 3, 1), "slice", "(2, 2)", "(2, 3)");
        refused(() -> Scatter.diagonal(Tensor.zeros(3), new int[] {2, 3}, 0, 0, 1), "diagonal", "(3,)", "(2,)");
        refused(() -> Scatter.take(Tensor.zeros(2, 2), new int[] {2, 3}, new int[] {0}, 1), "take", "(2, 2)", "(2, 1)");
    }

    private static void refused(ThrowingCallable call, String... parts) {
        AbstractThrowableAssert<?, ? extends Throwable> a = assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class);
        for (String part : parts) {
            a.hasMessageContaining(part);
        }
    }
}
