package dev.cotangent.tensor;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.cotangent.tensor.Naive.assertClose;
import static dev.cotangent.tensor.Naive.at;
import static dev.cotangent.tensor.Naive.build;
import static dev.cotangent.tensor.Naive.random;
import static org.assertj.core.api.Assertions.assertThat;

/** dot, vdot, inner, outer, matmul, tensordot, einsum and kron against summation loops. */
class NpLinearTest {

    private static final double TOL = 1e-13;

    @Test
    void dotCoversEveryRankCombinationNumpyAccepts() {
        int[][] shapesA = {{}, {4}, {3, 4}, {2, 3, 4}};
        int[][] shapesB = {{}, {4}, {4, 5}, {2, 4, 5}, {3, 2, 4, 5}};
        long seed = 100;
        for (int[] sa : shapesA) {
            for (int[] sb : shapesB) {
                Tensor a = random(seed++, sa);
                Tensor b = random(seed++, sb);
                assertClose(Np.dot(a, b), dot(a, b), TOL);
            }
        }
        assertThat(Np.dot(random(1, 3, 4), random(2, 2, 4, 5)).shape()).containsExactly(3, 2, 5);
        assertThat(Np.dot(Tensor.of(new double[] {1, 2, 3}), Tensor.of(new double[] {4, 5, 6})).item()).isEqualTo(32);
        // Large enough for the blocked GEMM path.
        Tensor a = random(3, 70, 80);
        Tensor b = random(4, 80, 90);
        assertClose(Np.dot(a, b), dot(a, b), TOL);
        assertClose(Np.dot(Tensor.zeros(3, 0), Tensor.zeros(0, 2)), Tensor.zeros(3, 2), 0);
    }

    @Test
    void vdotInnerAndOuter() {
        Tensor a = random(5, 2, 3);
        Tensor b = random(6, 3, 2);
        double s = 0;
        for (int i = 0; i < 6; i++) {
            s += a.toArray()[i] * b.toArray()[i];
        }
        assertThat(Np.vdot(a, b).item()).isCloseTo(s, org.assertj.core.api.Assertions.within(TOL));
        assertThat(Np.vdot(a, b).shape()).isEmpty();

        Tensor c = random(7, 2, 3, 4);
        Tensor d = random(8, 5, 4);
        assertClose(Np.inner(c, d), build(new int[] {2, 3, 5}, i -> {
            double t = 0;
            for (int z = 0; z < 4; z++) {
                t += at(c, i[0], i[1], z) * at(d, i[2], z);
            }
            return t;
        }), TOL);
        assertClose(Np.inner(Tensor.scalar(2), d), Np.multiply(Tensor.scalar(2), d), TOL);
        assertThat(Np.inner(random(1, 4), random(2, 4)).shape()).isEmpty();

        Tensor e = random(9, 2, 2);
        Tensor f = random(10, 3);
        assertClose(Np.outer(e, f), build(new int[] {4, 3}, i -> e.toArray()[i[0]] * f.toArray()[i[1]]), TOL);
    }

    @Test
    void matmulPromotesVectorsAndBroadcastsBatches() {
        int[][][] cases = {
                {{4}, {4}}, {{4}, {4, 5}}, {{3, 4}, {4}}, {{3, 4}, {4, 5}}, {{2, 3, 4}, {4, 5}}, {{3, 4}, {2, 4, 5}},
                {{4}, {2, 4, 5}}, {{2, 3, 4}, {4}}, {{2, 1, 3, 4}, {5, 4, 6}}, {{1, 3, 4}, {2, 4, 5}}, {{0, 3, 4}, {4, 2}},
                {{3, 0}, {0, 2}}, {{70, 80}, {80, 90}},
        };
        long seed = 200;
        for (int[][] c : cases) {
            Tensor a = random(seed++, c[0]);
            Tensor b = random(seed++, c[1]);
            assertClose(Np.matmul(a, b), matmul(a, b), TOL);
        }
        assertThat(Np.matmul(random(1, 2, 1, 3, 4), random(2, 5, 4, 6)).shape()).containsExactly(2, 5, 3, 6);
    }

    @Test
    void tensordotContractsTheGivenAxes() {
        Tensor a = random(11, 3, 4, 5);
        Tensor b = random(12, 4, 5, 2);
        assertClose(Np.tensordot(a, b, 2), build(new int[] {3, 2}, i -> {
            double t = 0;
            for (int j = 0; j < 4; j++) {
                for (int k = 0; k < 5; k++) {
                    t += at(a, i[0], j, k) * at(b, j, k, i[1]);
                }
            }
            return t;
        }), TOL);
        assertClose(Np.tensordot(a, b, 0), build(new int[] {3, 4, 5, 4, 5, 2},
                i -> at(a, i[0], i[1], i[2]) * at(b, i[3], i[4], i[5])), TOL);
        Tensor c = random(13, 5, 3, 2);
        // Explicit and unordered axes: a's 0 with c's 1, a's 2 with c's 0.
        assertClose(Np.tensordot(a, c, new int[] {0, 2}, new int[] {1, 0}), build(new int[] {4, 2}, i -> {
            double t = 0;
            for (int p = 0; p < 3; p++) {
                for (int q = 0; q < 5; q++) {
                    t += at(a, p, i[0], q) * at(c, q, p, i[1]);
                }
            }
            return t;
        }), TOL);
        assertClose(Np.tensordot(a, c, new int[] {-1}, new int[] {-3}), Np.tensordot(a, c, new int[] {2}, new int[] {0}), TOL);
        assertClose(Np.tensordot(a, a, 3), Tensor.scalar(Naive.inner(a, a)), TOL);
    }

    @Test
    void einsumEvaluatesNumpysNotation() {
        Tensor a = random(21, 3, 4);
        Tensor b = random(22, 4, 5);
        Tensor sq = random(23, 4, 4);
        Tensor v = random(24, 4);
        assertClose(Np.einsum("ij,jk->ik", a, b), matmul(a, b), TOL);
        assertClose(Np.einsum("ij,jk", a, b), matmul(a, b), TOL);
        assertClose(Np.einsum("ij->ji", a), build(new int[] {4, 3}, i -> at(a, i[1], i[0])), 0);
        assertClose(Np.einsum("ii->i", sq), build(new int[] {4}, i -> at(sq, i[0], i[0])), 0);
        double trace = 0;
        for (int i = 0; i < 4; i++) {
            trace += at(sq, i, i);
        }
        assertClose(Np.einsum("ii", sq), Tensor.scalar(trace), TOL);
        assertClose(Np.einsum("i,i", v, v), Tensor.scalar(Naive.inner(v, v)), TOL);
        assertClose(Np.einsum("ij->", a), Tensor.scalar(Arrays.stream(a.toArray()).sum()), TOL);
        assertClose(Np.einsum("i,j,k->ijk", v, random(25, 2), random(26, 3)), build(new int[] {4, 2, 3},
                i -> at(v, i[0]) * at(random(25, 2), i[1]) * at(random(26, 3), i[2])), TOL);
        Tensor p = random(27, 2, 3, 4);
        Tensor q = random(28, 2, 4, 5);
        assertClose(Np.einsum("bij,bjk->bik", p, q), matmul(p, q), TOL);
        assertClose(Np.einsum("...ij,...jk->...ik", p, b), matmul(p, b), TOL);
        assertClose(Np.einsum("ij,ij->i", a, a), build(new int[] {3}, i -> {
            double t = 0;
            for (int j = 0; j < 4; j++) {
                t += at(a, i[0], j) * at(a, i[0], j);
            }
            return t;
        }), TOL);
    }

    @Test
    void kronMultipliesEveryBlock() {
        Tensor a = random(31, 2, 3);
        Tensor b = random(32, 4, 2);
        assertClose(Np.kron(a, b), build(new int[] {8, 6},
                i -> at(a, i[0] / 4, i[1] / 2) * at(b, i[0] % 4, i[1] % 2)), TOL);
        // Ranks are aligned by leading 1s: a vector against a matrix.
        Tensor v = random(33, 3);
        assertClose(Np.kron(v, b), build(new int[] {4, 6}, i -> at(v, i[1] / 2) * at(b, i[0], i[1] % 2)), TOL);
        assertClose(Np.kron(b, v), build(new int[] {4, 6}, i -> at(b, i[0], i[1] / 3) * at(v, i[1] % 3)), TOL);
        assertClose(Np.kron(Tensor.scalar(2), v), Np.multiply(Tensor.scalar(2), v), TOL);
        assertClose(Np.kron(Tensor.eye(2), Tensor.ones(2, 2)), Tensor.of(new double[][] {
                {1, 1, 0, 0}, {1, 1, 0, 0}, {0, 0, 1, 1}, {0, 0, 1, 1}}), 0);
    }

    // ---------------------------------------------------------------- references

    /** numpy.dot by its definition: rank 0 multiplies; else sum over a's last and b's second-to-last (or only) axis. */
    private static Tensor dot(Tensor a, Tensor b) {
        int[] sa = a.shape();
        int[] sb = b.shape();
        if (sa.length == 0 || sb.length == 0) {
            Tensor s = sa.length == 0 ? a : b;
            Tensor t = sa.length == 0 ? b : a;
            return build(t.shape(), i -> s.item() * at(t, i));
        }
        int k = sb.length == 1 ? 0 : sb.length - 2;
        int[] freeB = Naive.remove(sb, k);
        int[] outShape = concat(Arrays.copyOf(sa, sa.length - 1), freeB);
        return build(outShape, i -> {
            int[] ia = Arrays.copyOf(i, sa.length);
            int[] ib = Naive.insert(Arrays.copyOfRange(i, sa.length - 1, i.length), k, 0);
            double t = 0;
            for (int z = 0; z < sa[sa.length - 1]; z++) {
                ia[sa.length - 1] = z;
                ib[k] = z;
                t += at(a, ia) * at(b, ib);
            }
            return t;
        });
    }

    /** numpy.matmul by its definition: vectors promoted to a row or a column, batch axes broadcast. */
    private static Tensor matmul(Tensor a, Tensor b) {
        Tensor a2 = a.ndim() == 1 ? Tensor.of(a.toArray(), 1, a.size()) : a;
        Tensor b2 = b.ndim() == 1 ? Tensor.of(b.toArray(), b.size(), 1) : b;
        int[] sa = a2.shape();
        int[] sb = b2.shape();
        int n = sa[sa.length - 2];
        int inner = sa[sa.length - 1];
        int m = sb[sb.length - 1];
        int[] batch = Naive.broadcast(Arrays.copyOf(sa, sa.length - 2), Arrays.copyOf(sb, sb.length - 2));
        int[] full = concat(batch, new int[] {n, m});
        Tensor out = build(full, i -> {
            double t = 0;
            for (int z = 0; z < inner; z++) {
                int[] ia = i.clone();
                ia[i.length - 1] = z;
                int[] ib = i.clone();
                ib[i.length - 2] = z;
                t += Naive.broadcastAt(a2, ia) * Naive.broadcastAt(b2, ib);
            }
            return t;
        });
        int[] shape = out.shape();
        if (b.ndim() == 1) {
            shape = Naive.remove(shape, shape.length - 1);
        }
        if (a.ndim() == 1) {
            shape = Naive.remove(shape, shape.length - (b.ndim() == 1 ? 1 : 2));
        }
        return Tensor.of(out.toArray(), shape);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
