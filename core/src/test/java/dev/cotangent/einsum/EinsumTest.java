package dev.cotangent.einsum;

import dev.cotangent.einsum.EinsumCases.Case;
import dev.cotangent.einsum.EinsumPlan.Contract;
import dev.cotangent.einsum.EinsumPlan.Multiply;
import dev.cotangent.einsum.EinsumPlan.Rearrange;
import dev.cotangent.einsum.EinsumPlan.Step;
import dev.cotangent.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EinsumTest {

    static List<Case> cases() {
        return EinsumCases.all();
    }

    @Test
    void thereAreEnoughCases() {
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(40);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void agreesWithTheNaiveReference(Case c) {
        Tensor[] ops = c.operands(7);
        Tensor expected = NaiveEinsum.evaluate(c.spec(), ops);
        Tensor actual = Einsum.einsum(c.spec(), ops);
        assertThat(actual.shape()).isEqualTo(expected.shape());
        assertThat(Einsum.outputShape(c.spec(), c.shapes())).isEqualTo(expected.shape());
        double[] e = expected.toArray();
        double[] a = actual.toArray();
        for (int i = 0; i < e.length; i++) {
            assertThat(a[i]).as("element %d", i).isCloseTo(e[i], within(1e-12 * (1 + Math.abs(e[i]))));
        }
        // A second call runs the cached plan and must give the same bits.
        assertThat(Einsum.einsum(c.spec(), ops)).isEqualTo(actual);
    }

    @Test
    void knownValues() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor b = Tensor.of(new double[] {5, 6, 7, 8}, 2, 2);
        assertThat(Einsum.einsum("ij,jk->ik", a, b).toArray()).containsExactly(19, 22, 43, 50);
        assertThat(Einsum.einsum("ii", a).item()).isEqualTo(5);
        assertThat(Einsum.einsum("ii->i", a).toArray()).containsExactly(1, 4);
        assertThat(Einsum.einsum("ij->ji", a).toArray()).containsExactly(1, 3, 2, 4);
        assertThat(Einsum.einsum("ij", a)).isSameAs(a);
    }

    @Test
    void implicitOutputIsAsciiOrderAfterTheEllipsis() {
        assertThat(Einsum.outputShape("za,aB", new int[] {2, 3}, new int[] {3, 4})).containsExactly(4, 2);
        assertThat(Einsum.outputShape("ba", new int[] {2, 3})).containsExactly(3, 2);
        assertThat(Einsum.outputShape("b...a", new int[] {2, 5, 3})).containsExactly(5, 3, 2);
    }

    // ---------------------------------------------------------------- which path a spec takes

    private static List<Step> steps(String spec, int[]... shapes) {
        return EinsumPlan.of(EinsumSpec.parse(spec, shapes)).steps();
    }

    @Test
    void matrixProductWithTransposedOperandUsesFlagsNotCopies() {
        List<Step> steps = steps("ik,jk->ij", new int[] {4, 3}, new int[] {5, 3});
        assertThat(steps).singleElement().isInstanceOf(Contract.class);
        Gemm.Layout layout = ((Contract) steps.get(0)).layout();
        assertThat(layout).isEqualTo(new Gemm.Layout(1, 4, 5, 3, false, true));

        assertThat(steps("ki,kj->ij", new int[] {3, 4}, new int[] {3, 5})).singleElement()
                .extracting(s -> ((Contract) s).layout().transA()).isEqualTo(true);
    }

    @Test
    void transposedOutputSwapsTheOperandsInsteadOfPermuting() {
        List<Step> steps = steps("ij,jk->ki", new int[] {4, 3}, new int[] {3, 5});
        assertThat(steps).singleElement().isInstanceOf(Contract.class);
        Contract c = (Contract) steps.get(0);
        assertThat(c.a()).isEqualTo(1);
        assertThat(c.layout().transA()).isTrue();
        assertThat(c.layout().transB()).isTrue();
    }

    @Test
    void batchedProductNeedsNoCopy() {
        assertThat(steps("bij,bjk->bik", new int[] {3, 2, 4}, new int[] {3, 4, 5})).singleElement()
                .extracting(s -> ((Contract) s).layout()).isEqualTo(new Gemm.Layout(3, 2, 5, 4, false, false));
        assertThat(steps("...ij,...jk->...ik", new int[] {3, 2, 4}, new int[] {3, 4, 5})).singleElement()
                .isInstanceOf(Contract.class);
    }

    @Test
    void hadamardAndOuterProductsAreElementwise() {
        assertThat(steps("ij,ij->ij", new int[] {3, 4}, new int[] {3, 4})).singleElement().isInstanceOf(Multiply.class);
        assertThat(steps("...,...->...", new int[] {3, 4}, new int[] {4})).singleElement().isInstanceOf(Multiply.class);
        assertThat(steps("i,j->ij", new int[] {3}, new int[] {4})).singleElement().isInstanceOf(Multiply.class);
        assertThat(steps(",ij->ij", new int[] {}, new int[] {2, 4})).singleElement().isInstanceOf(Multiply.class);
    }

    @Test
    void aWeightedSumOverAMiddleAxisIsAProductAndASumNotTransposes() {
        // The reverse of a broadcast product (k,1,d)·(k,n,d): sum over n of v∘x. A GEMM would
        // transpose both operands to put n last and take k·d dot products.
        List<Step> steps = steps("knd,knd->kd", new int[] {3, 5, 4}, new int[] {3, 5, 4});
        assertThat(steps).hasSize(2);
        assertThat(steps.get(0)).isInstanceOf(Multiply.class);
        assertThat(steps.get(1)).isInstanceOf(Rearrange.class);
        Tensor a = Tensor.randn(1, 3, 5, 4);
        Tensor b = Tensor.randn(2, 3, 5, 4);
        assertThat(Einsum.einsum("knd,knd->kd", a, b).toArray())
                .containsExactly(NaiveEinsum.evaluate("knd,knd->kd", new Tensor[] {a, b}).toArray(),
                        org.assertj.core.data.Offset.offset(1e-12));
        // Where a GEMM reads both in place (the sum over the last axis), it stays a GEMM.
        assertThat(steps("kdn,kdn->kd", new int[] {3, 4, 5}, new int[] {3, 4, 5})).singleElement()
                .isInstanceOf(Contract.class);
    }

    @Test
    void singleOperandIsOneStridedPass() {
        assertThat(steps("ijk->kj", new int[] {2, 3, 4})).singleElement().isInstanceOf(Rearrange.class);
        assertThat(steps("iij->j", new int[] {3, 3, 4})).singleElement().isInstanceOf(Rearrange.class);
    }

    @Test
    void threeOperandsContractTheCheapPairFirst() {
        // a·b is 10×10; b·c would be a 1000×1000 intermediate.
        List<Step> steps = steps("ij,jk,kl->il", new int[] {10, 1000}, new int[] {1000, 10}, new int[] {10, 1000});
        Contract first = (Contract) steps.get(0);
        assertThat(first.a() + first.b()).isEqualTo(1);
    }

    @Test
    void largeProductMatchesReference() {
        Tensor a = Tensor.randn(1, 130, 70);
        Tensor b = Tensor.randn(2, 90, 70);
        Tensor c = Einsum.einsum("ik,jk->ij", a, b);
        Tensor ref = NaiveEinsum.evaluate("ik,jk->ij", a, b);
        double[] x = c.toArray();
        double[] y = ref.toArray();
        for (int i = 0; i < x.length; i++) {
            assertThat(x[i]).isCloseTo(y[i], within(1e-11));
        }
    }

    @Test
    void plansAreSharedSafelyBetweenThreads() throws Exception {
        Tensor a = Tensor.randn(3, 6, 7);
        Tensor b = Tensor.randn(4, 7, 5);
        Tensor expected = NaiveEinsum.evaluate("ij,jk->ki", a, b);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Tensor>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 64; t++) {
                results.add(pool.submit(() -> Einsum.einsum("ij,jk->ki", a, b)));
            }
            for (Future<Tensor> r : results) {
                double[] got = r.get().toArray();
                double[] want = expected.toArray();
                for (int i = 0; i < got.length; i++) {
                    assertThat(got[i]).isCloseTo(want[i], within(1e-12));
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theCacheIsBounded() {
        for (int n = 1; n <= Einsum.CACHE_CAPACITY + 50; n++) {
            Einsum.einsum("i->", Tensor.zeros(n));
        }
        assertThat(Einsum.cachedPlans()).isLessThanOrEqualTo(Einsum.CACHE_CAPACITY);
    }
}
