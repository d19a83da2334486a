package dev.cotangent.primitive;

import dev.cotangent.einsum.ContractionSpecs;
import dev.cotangent.tensor.Np;
import dev.cotangent.tensor.Tensor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Contractions: each is bilinear, so its derivative with respect to one operand is the same
 * einsum with that operand as the tangent slot and the other as the derivative value, and
 * the transpose is derived from the spec. {@code einsum} itself is multilinear in all its
 * operands.
 */
final class ContractionPrims {

    private ContractionPrims() {}

    static void register(Registry.Table t) {
        bilinear(t.op(Np.class, "dot", Tensor.class, Tensor.class),
                c -> ContractionSpecs.dot(c.shape(0), c.shape(1)));
        bilinear(t.op(Np.class, "matmul", Tensor.class, Tensor.class),
                c -> ContractionSpecs.matmul(c.shape(0), c.shape(1)));
        bilinear(t.op(Np.class, "inner", Tensor.class, Tensor.class),
                c -> ContractionSpecs.inner(c.shape(0), c.shape(1)));
        bilinear(t.op(Np.class, "tensordot", Tensor.class, Tensor.class, int[].class, int[].class),
                c -> ContractionSpecs.tensordot(c.shape(0), c.shape(1), c.ints(2), c.ints(3)));
        t.op(Np.class, "einsum", String.class, Tensor[].class).rule(1, new Rule.Multilinear()).done();
    }

    /** Rules for both operands of a two-operand contraction from its einsum spec. */
    private static void bilinear(Primitive.Builder b, Rule.SpecChoice spec) {
        b.d(0, c -> new Tensor[] {c.tensor(1)}, c -> marked(spec.of(c), 0))
                .d(1, c -> new Tensor[] {c.tensor(0)}, c -> marked(spec.of(c), 1))
                .done();
    }

    /** Marked specs by spec, for operands 0 and 1: the rules ask for them on every call. */
    private static final Map<String, String[]> MARKED = new ConcurrentHashMap<>();
    private static final int MARKED_CAPACITY = 1024;

    /** The spec with operand {@code k} marked as the tangent slot. */
    static String marked(String spec, int k) {
        if (k > 1) {
            return mark(spec, k);
        }
        String[] both = MARKED.get(spec);
        if (both == null) {
            both = new String[] {mark(spec, 0), mark(spec, 1)};
            if (MARKED.size() < MARKED_CAPACITY) {
                MARKED.putIfAbsent(spec, both);
            }
        }
        return both[k];
    }

    private static String mark(String spec, int k) {
        int start = 0;
        for (int i = 0; i < k; i++) {
            start = spec.indexOf(',', start) + 1;
        }
        return spec.substring(0, start) + "@" + spec.substring(start);
    }
}
