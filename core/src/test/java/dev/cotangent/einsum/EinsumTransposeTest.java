package dev.cotangent.einsum;

import dev.cotangent.einsum.EinsumCases.Case;
import dev.cotangent.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The transpose checked by the dot-product identity ⟨einsum(…u…), v⟩ = ⟨u, transpose(k, v)⟩. */
class EinsumTransposeTest {

    static List<Arguments> slots() {
        List<Arguments> out = new ArrayList<>();
        for (Case c : EinsumCases.all()) {
            for (int k = 0; k < c.shapes().length; k++) {
                out.add(Arguments.of(c, k));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} w.r.t. operand {1}")
    @MethodSource("slots")
    void dotProductIdentity(Case c, int k) {
        Tensor[] ops = c.operands(11);
        int[] shapeOfK = c.shapes()[k];
        Tensor u = Tensor.randn(101 + k, shapeOfK);
        Tensor[] withU = ops.clone();
        withU[k] = u;
        Tensor forward = Einsum.einsum(c.spec(), withU);
        Tensor v = Tensor.randn(202 + k, forward.shape());
        Tensor[] withoutK = ops.clone();
        withoutK[k] = null;
        Tensor adjoint = Einsum.transpose(c.spec(), k, withoutK, shapeOfK, v);
        assertThat(adjoint.shape()).isEqualTo(shapeOfK);

        double lhs = dot(forward, v);
        double rhs = dot(u, adjoint);
        double scale = absDot(forward, v) + absDot(u, adjoint);
        assertThat(Math.abs(lhs - rhs)).as("⟨J u, v⟩ = %s, ⟨u, Jᵀ v⟩ = %s", lhs, rhs)
                .isLessThanOrEqualTo(1e-10 * scale);
        // The cached plan gives the same result.
        assertThat(Einsum.transpose(c.spec(), k, withoutK, shapeOfK, v)).isEqualTo(adjoint);
    }

    @Test
    void traceTransposeIsTheCotangentOnTheDiagonal() {
        Tensor g = Einsum.transpose("ii->", 0, new Tensor[1], new int[] {3, 3}, Tensor.scalar(2));
        assertThat(g.toArray()).containsExactly(2, 0, 0, 0, 2, 0, 0, 0, 2);
    }

    @Test
    void sumTransposeBroadcasts() {
        Tensor g = Einsum.transpose("ij->i", 0, new Tensor[1], new int[] {2, 3}, Tensor.of(new double[] {1, 2}));
        assertThat(g.toArray()).containsExactly(1, 1, 1, 2, 2, 2);
    }

    @Test
    void broadcastOperandIsSummedBack() {
        Tensor b = Tensor.ones(2, 3);
        Tensor g = Einsum.transpose("ij,ij->ij", 0, new Tensor[] {null, b}, new int[] {1, 3},
                Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
        assertThat(g.shape()).containsExactly(1, 3);
        assertThat(g.toArray()).containsExactly(5, 7, 9);
    }

    @Test
    void matrixProductTransposes() {
        Tensor a = Tensor.randn(1, 3, 4);
        Tensor b = Tensor.randn(2, 4, 5);
        Tensor v = Tensor.randn(3, 3, 5);
        Tensor ga = Einsum.transpose("ij,jk->ik", 0, new Tensor[] {null, b}, new int[] {3, 4}, v);
        Tensor gb = Einsum.transpose("ij,jk->ik", 1, new Tensor[] {a, null}, new int[] {4, 5}, v);
        assertThat(ga.toArray()).containsExactly(NaiveEinsum.evaluate("ik,jk->ij", v, b).toArray(),
                org.assertj.core.api.Assertions.within(1e-12));
        assertThat(gb.toArray()).containsExactly(NaiveEinsum.evaluate("ij,ik->jk", a, v).toArray(),
                org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void rejectsAWrongCotangentShape() {
        Tensor b = Tensor.ones(4, 5);
        assertThatThrownBy(() -> Einsum.transpose("ij,jk->ik", 0, new Tensor[] {null, b}, new int[] {3, 4},
                Tensor.zeros(3, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("einsum 'ij,jk->ik'")
                .hasMessageContaining("cotangent has shape (3, 4) but the output has shape (3, 5)");
    }

    @Test
    void rejectsAnOperandIndexOutOfRange() {
        assertThatThrownBy(() -> Einsum.transpose("ij->i", 1, new Tensor[1], new int[] {2, 3}, Tensor.zeros(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("einsum 'ij->i'")
                .hasMessageContaining("operand 1 of 1");
    }

    private static double dot(Tensor x, Tensor y) {
        double[] a = x.toArray();
        double[] b = y.toArray();
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double absDot(Tensor x, Tensor y) {
        double[] a = x.toArray();
        double[] b = y.toArray();
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i] * b[i]);
        }
        return s;
    }
}
