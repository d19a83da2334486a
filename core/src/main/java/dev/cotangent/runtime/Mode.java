package dev.cotangent.runtime;

/**
 * Which generated derivative of a method: its tangent (forward mode), or one half of its
 * adjoint (reverse mode) — the forward sweep that runs the primal and records, and the
 * reverse sweep that consumes the record. The {@code TOP_} sweeps are the variant used for
 * the outermost call of a gradient, whose array arguments nobody changes between the two
 * sweeps, so the reverse sweep may read them again instead of recording them.
 */
public enum Mode {
    /** Forward mode: primal and tangent inputs in, primal and tangent outputs out. */
    TANGENT("tangent"),
    /** Reverse mode, first half: runs the primal, records onto a {@link Tape}. */
    FORWARD("forward"),
    /** Reverse mode, second half: consumes the record, accumulates adjoints. */
    REVERSE("reverse"),
    /** {@link #FORWARD} for the outermost call. */
    TOP_FORWARD("forwardTop"),
    /** {@link #REVERSE} for the outermost call. */
    TOP_REVERSE("reverseTop"),
    /** Second order: the forward sweep of the gradient of {@code ∇f(x)·ẋ} with respect to x. */
    HESSIAN_FORWARD("hessianForward"),
    /** Second order: its reverse sweep, which leaves {@code ∇²f(x)·ẋ} in x's shadow. */
    HESSIAN_REVERSE("hessianReverse");

    private final String word;

    Mode(String word) {
        this.word = word;
    }

    /** Every differentiable parameter active: the default variant. */
    public static final long ALL = -1L;

    /** The name of the generated method for {@code method}: {@code cotangent$tangent$f}. */
    public String methodName(String method) {
        return "cotangent$" + word + "$" + method;
    }

    /**
     * The name of the variant in which only the parameters whose bit is set in
     * {@code active} (bit i for declared parameter i) carry derivatives.
     */
    public String methodName(String method, long active) {
        return active == ALL ? methodName(method) : methodName(method) + "$" + Long.toHexString(active);
    }

    /** Whether this is one half of an adjoint (generated together with its other half). */
    public boolean isAdjoint() {
        return this != TANGENT;
    }

    /** For an adjoint half, the forward half of the same variant. */
    public Mode forwardHalf() {
        return switch (this) {
            case REVERSE -> FORWARD;
            case TOP_REVERSE -> TOP_FORWARD;
            case HESSIAN_REVERSE -> HESSIAN_FORWARD;
            default -> this;
        };
    }

    /** For an adjoint half, the reverse half of the same variant. */
    public Mode reverseHalf() {
        return switch (this) {
            case FORWARD -> REVERSE;
            case TOP_FORWARD -> TOP_REVERSE;
            case HESSIAN_FORWARD -> HESSIAN_REVERSE;
            default -> this;
        };
    }

    /** Whether this is the outermost-call variant. */
    public boolean isTop() {
        return this == TOP_FORWARD || this == TOP_REVERSE || this == HESSIAN_FORWARD || this == HESSIAN_REVERSE;
    }

    /** Whether this is one half of the second-order (Hessian-vector) derivative. */
    public boolean isHessian() {
        return this == HESSIAN_FORWARD || this == HESSIAN_REVERSE;
    }
}
