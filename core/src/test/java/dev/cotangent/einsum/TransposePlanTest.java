package dev.cotangent.einsum;

import dev.cotangent.einsum.EinsumPlan.Contract;
import dev.cotangent.einsum.EinsumPlan.Step;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adjoints of a matrix product are matrix products themselves: each transposed plan is
 * one GEMM reading its operands through transpose flags, with nothing copied before or after.
 */
class TransposePlanTest {

    private static TransposePlan plan(String spec, int k, int[]... shapes) {
        return TransposePlan.of(EinsumSpec.parse(spec, shapes), k);
    }

    @ParameterizedTest(name = "{0} w.r.t. operand {1}")
    @CsvSource({
            // v·Bᵀ: A's adjoint reads B (k×n) transposed.
            "'ij,jk->ik', 0, 1, 7, 5, false, true",
            // Aᵀ·v: B's adjoint reads A (m×k) transposed.
            "'ij,jk->ik', 1, 1, 5, 3, true, false",
            // The registry's spec for matmul and dot of two matrices.
            "'...iz,...zk->...ik', 0, 1, 7, 5, false, true",
            "'...iz,...zk->...ik', 1, 1, 5, 3, true, false",
            "'az,zb->ab', 0, 1, 7, 5, false, true",
            "'az,zb->ab', 1, 1, 5, 3, true, false"})
    void matrixProductAdjointIsOneGemmWithFlags(String spec, int k, int batch, int m, int n, boolean transA,
                                               boolean transB) {
        // A is 7×5, B is 5×3, the product 7×3.
        TransposePlan plan = plan(spec, k, new int[] {7, 5}, new int[] {5, 3});
        List<Step> steps = plan.steps();
        assertThat(steps).singleElement().isInstanceOf(Contract.class);
        int inner = k == 0 ? 3 : 7;
        assertThat(((Contract) steps.get(0)).layout()).isEqualTo(new Gemm.Layout(batch, m, n, inner, transA, transB));
        assertThat(plan.embeds()).isFalse();
    }
}
