package dev.cotangent.weave;

import dev.cotangent.primitive.ScalarPrimitive;

/** What a call instruction calls, as far as derivatives are concerned. */
public sealed interface Callee {

    /** A rank-0 primitive ({@code Math.sin}…): its rule is inlined. */
    record Scalar(ScalarPrimitive primitive) implements Callee {}

    /**
     * A tensor primitive ({@code Np.matmul}…, or a user's {@code @CustomDerivative} method): its
     * rules are looked up by {@code name} and applied through the runtime.
     */
    record TensorOp(String name) implements Callee {}

    /**
     * A linear map between scalars or arrays and tensors ({@code Tensor.item}, {@code get},
     * {@code scalar}, {@code of}, {@code toArray}): its tangent and transpose are
     * {@code dev.cotangent.runtime.TensorBridge}'s.
     */
    record Bridge(String name) implements Callee {}

    /** {@code AD.stopGradient}: the result has no derivative. */
    record StopGradient() implements Callee {}

    /**
     * A method whose bytecode is differentiated too: annotated, or an application method.
     * {@code virtual} calls pick the derivative of the receiver's implementation at run time.
     */
    record Method(String owner, String name, String descriptor, boolean isStatic, boolean virtual) implements Callee {}

    /** Consumes a value without passing it on as a number (printing, string building). */
    record Sink() implements Callee {}

    /** Anything else: no derivative; an active argument is an error. */
    record Opaque(String why) implements Callee {}
}
