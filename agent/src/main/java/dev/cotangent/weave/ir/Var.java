package dev.cotangent.weave.ir;

/**
 * A variable of a {@link Body}: a JVM local or operand-stack position of the original
 * method (a primal), or a variable a transformation added. What it holds is its
 * {@link Role}; a tangent or adjoint variable is made only from its primal
 * ({@link Body#tangentOf}, {@link Body#adjointOf}), so that the two cannot be confused.
 */
public final class Var {

    /** What a variable holds. */
    public enum Role {
        /** A value of the original computation. */
        PRIMAL,
        /** The tangent (forward-mode derivative) of a primal. */
        TANGENT,
        /** The adjoint (reverse-mode derivative) of a primal. */
        ADJOINT,
        /** A temporary of a transformation. */
        TEMP
    }

    private final int id;
    private final Kind kind;
    private final Role role;
    private final String name;
    private final Var primal;

    Var(int id, Kind kind, Role role, String name, Var primal) {
        this.id = id;
        this.kind = kind;
        this.role = role;
        this.name = name;
        this.primal = primal;
    }

    public int id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    public Role role() {
        return role;
    }

    /** For a tangent or adjoint, the primal it belongs to; otherwise {@code null}. */
    public Var primal() {
        return primal;
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
