package dev.cotangent.runtime;

/** Which derivative of a method: forward (tangent) or reverse (adjoint). */
public enum Mode {
    /** Forward mode: primal and tangent inputs in, primal and tangent outputs out. */
    TANGENT("tangent"),
    /** Reverse mode: the forward sweep that records, and the reverse sweep that consumes the record. */
    ADJOINT("adjoint");

    private final String word;

    Mode(String word) {
        this.word = word;
    }

    /** The name of the generated method for {@code method}: {@code cotangent$tangent$f}. */
    public String methodName(String method) {
        return "cotangent$" + word + "$" + method;
    }
}
