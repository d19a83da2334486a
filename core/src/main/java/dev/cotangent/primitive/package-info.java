/**
 * The derivative registry: every differentiable operation Cotangent knows, each with its
 * derivative declared once, from which both forward and reverse mode are derived.
 *
 * <p>A tensor {@link dev.cotangent.primitive.Primitive} is a public static method (its kernel)
 * and, per argument, a {@link dev.cotangent.primitive.Rule}. The smooth case is
 * {@link dev.cotangent.primitive.Rule.Bilinear}: derivative values {@code d}, computed from the
 * {@link dev.cotangent.primitive.Call} (arguments and answer), and a
 * {@link dev.cotangent.primitive.TangentSpec}, an einsum spec whose tangent operand is marked
 * {@code @} ({@code "ij,@jk->ik"}). The JVP applies it, {@code B(d, u)}; the VJP applies its
 * transpose {@code Bᵀ(d, v)}, derived by {@link dev.cotangent.einsum.Einsum#transpose}. Linear
 * arguments ({@link dev.cotangent.primitive.Rule.Linear}: reshape, slice, sum…) use the
 * primitive itself as JVP and declare their transpose beside it; identity, scaling and zero
 * rules are symbolic so that no constant {@code d} is built. No rule has a hand-written VJP
 * apart from a linear map's transpose.
 *
 * <p>{@link dev.cotangent.primitive.ScalarPrimitive} is the same idea at rank 0, for the JVM's
 * double opcodes ({@code DADD}…{@code DNEG}) and {@code Math}/{@code StrictMath}: a
 * {@link dev.cotangent.primitive.ScalarRule} is {@code d} alone, as a serializable lambda whose
 * bytecode the weaver copies into generated code, so woven arithmetic makes no call and no
 * object. {@link dev.cotangent.primitive.Registry} holds both tables, filled once from the
 * family classes ({@code ElementwisePrims}, {@code ReductionPrims}, {@code ShapePrims},
 * {@code ContractionPrims}, {@code LinalgPrims}, {@code ScalarPrims}) and read-only afterwards,
 * apart from users' own primitives, added by {@link dev.cotangent.primitive.Primitives#define}.
 *
 * <p>Tangents and cotangents are tensors, or {@code Tensor[]} for a sequence; {@code null}
 * stands for zero everywhere. A malformed declaration (a tensor argument without a rule, a spec
 * without exactly one {@code @}, a linear rule without its transpose) is refused when it is
 * declared, with the primitive's name; a rule that meets shapes it does not fit fails with the
 * primitive's name, the mode and the argument. Internal, except for {@code Primitives} and the
 * builder and rule types a user declaration needs.
 */
package dev.cotangent.primitive;
