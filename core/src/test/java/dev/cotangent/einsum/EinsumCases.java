package dev.cotangent.einsum;

import dev.cotangent.tensor.Tensor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The specs the einsum tests run, each with operand shapes (drawn at random when not given). */
final class EinsumCases {

    /** A spec and its operand shapes; {@code shapes} null means random sizes per label. */
    record Case(String spec, int[]... shapes) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("'" + spec + "'");
            for (int[] s : shapes()) {
                sb.append(' ').append(java.util.Arrays.toString(s));
            }
            return sb.toString();
        }

        /** Random operands of this case's shapes, from a fixed seed. */
        Tensor[] operands(long seed) {
            int[][] s = shapes();
            Tensor[] ops = new Tensor[s.length];
            for (int i = 0; i < s.length; i++) {
                ops[i] = Tensor.randn(seed * 31 + i, s[i]);
            }
            return ops;
        }
    }

    private EinsumCases() {}

    static Case of(String spec, int[]... shapes) {
        return new Case(spec, shapes);
    }

    /** Shapes from one random size in 1..4 per letter (the same letter, the same size). */
    static Case random(String spec, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<Character, Integer> size = new HashMap<>();
        String inputs = spec.contains("->") ? spec.substring(0, spec.indexOf("->")) : spec;
        String[] terms = inputs.split(",", -1);
        int[][] shapes = new int[terms.length][];
        for (int i = 0; i < terms.length; i++) {
            String t = terms[i].replace(" ", "");
            shapes[i] = new int[t.length()];
            for (int a = 0; a < t.length(); a++) {
                shapes[i][a] = size.computeIfAbsent(t.charAt(a), c -> 1 + random.nextInt(4));
            }
        }
        return new Case(spec, shapes);
    }

    static int[] s(int... shape) {
        return shape;
    }

    static List<Case> all() {
        return List.of(
                random("ij,jk->ik", 1),
                random("ij,jk", 2),
                of("ij,jk->ik", s(5, 7), s(7, 3)),
                random("ii->i", 3),
                of("ii->", s(4, 4)),
                of("ii", s(3, 3)),
                of("iij->j", s(3, 3, 4)),
                of("iji->j", s(3, 2, 3)),
                of("iijj->ij", s(2, 2, 3, 3)),
                of("ij,ij->i", s(4, 5), s(4, 5)),
                of("ij,ij->ij", s(3, 4), s(3, 4)),
                of("ij,ij", s(3, 4), s(3, 4)),
                of("ij,ij->ij", s(1, 3), s(2, 3)),
                of("ij,ij->ij", s(2, 1), s(1, 3)),
                of("...ij,...jk->...ik", s(2, 1, 3, 4), s(5, 4, 2)),
                of("...ij,...jk", s(2, 1, 3, 4), s(5, 4, 2)),
                of("...,...->...", s(2, 3), s(3)),
                of("...,...->...", s(), s(2, 3)),
                of("...,...", s(4, 1, 3), s(2, 1)),
                of("i...,i->...", s(3, 2, 2), s(3)),
                of("a...b,b...->a...", s(4, 1, 3, 2), s(2, 5, 3)),
                of("...ii->...i", s(2, 3, 3)),
                of("i,j->ij", s(3), s(4)),
                of("i,j", s(3), s(4)),
                of("i,j,k->ijk", s(2), s(3), s(4)),
                of("ij,kl->ijkl", s(2, 3), s(4, 2)),
                of("ij,kl->ilkj", s(2, 3), s(4, 2)),
                random("ij,jk,kl->il", 4),
                of("ij,jk,kl->il", s(6, 2), s(2, 7), s(7, 3)),
                random("ij,jk,kl,lm->im", 5),
                of("ab,bc,cd,da->", s(2, 3), s(3, 4), s(4, 5), s(5, 2)),
                of("ij,jk,ki->", s(3, 4), s(4, 5), s(5, 3)),
                of("abc,cd,de->abe", s(2, 3, 4), s(4, 5), s(5, 2)),
                of("bn,anm,bm->ba", s(3, 4), s(2, 4, 5), s(3, 5)),
                of("i,ij,j->", s(3), s(3, 4), s(4)),
                of("i,i,i->i", s(5), s(5), s(5)),
                of("ij->ji", s(3, 5)),
                of("ijk->kji", s(2, 3, 4)),
                of("ijk->j", s(2, 3, 4)),
                of("ij->", s(3, 4)),
                of("ij->i", s(3, 4)),
                of("i,i->", s(6), s(6)),
                of("i,i", s(1), s(6)),
                of("bij,bjk->bik", s(3, 2, 4), s(3, 4, 5)),
                of("bik,bkj->bji", s(3, 2, 4), s(3, 4, 5)),
                of("ijk,kj->i", s(2, 3, 4), s(4, 3)),
                of("ijk,jkl->il", s(2, 3, 4), s(3, 4, 5)),
                of("ijkl,klm->ijm", s(2, 3, 4, 2), s(4, 2, 3)),
                of("ik,jk->ij", s(4, 3), s(5, 3)),
                of("ki,kj->ij", s(3, 4), s(3, 5)),
                of("ki,jk->ij", s(3, 4), s(5, 3)),
                of("ij,jk->ki", s(4, 3), s(3, 5)),
                of("ij,ji->", s(3, 4), s(4, 3)),
                of("ij,j->i", s(4, 3), s(3)),
                of("j,ij->i", s(3), s(4, 3)),
                of("ii,ij->j", s(3, 3), s(3, 4)),
                of("Ab,bA->A", s(3, 4), s(4, 3)),
                of("za,aB", s(2, 3), s(3, 4)),
                of(",ij->ij", s(), s(2, 3)),
                of(",->", s(), s()),
                of("->", s()),
                of("i,->i", s(4), s()),
                of(" ij , jk -> ik ", s(2, 3), s(3, 4)),
                of("ij,jk->ik", s(0, 3), s(3, 4)),
                of("ij,jk->ik", s(2, 0), s(0, 3)),
                of("ij,ij->ij", s(0, 3), s(0, 3)),
                of("ij->i", s(3, 0)),
                of("bij,bjk->bik", s(0, 2, 3), s(0, 3, 2)),
                of("ij,jk->ik", s(40, 50), s(50, 30)),
                of("bij,bkj->bki", s(3, 20, 30), s(3, 25, 30)),
                of("ab,cd,bd->ac", s(3, 4), s(5, 6), s(4, 6)),
                of("ij,jk,k->i", s(1, 3), s(3, 4), s(1)),
                // Large enough for tiled transposes, matrix-vector kernels and split sums.
                of("ij->ji", s(40, 37)),
                of("ijk->kji", s(17, 2, 33)),
                of("ij->i", s(3, 50)),
                of("ji,j->i", s(30, 20), s(30)),
                of("j,jk->k", s(30), s(30, 20)),
                of("j,kj->k", s(30), s(20, 30)),
                of("ij,kj->ik", s(33, 20), s(1, 20)));
    }
}
