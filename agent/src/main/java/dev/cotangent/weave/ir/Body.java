package dev.cotangent.weave.ir;

import org.objectweb.asm.Type;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A method in register form: typed parameters, basic blocks (the first is the entry) and
 * the variables they use. Transformations build new bodies; {@code lower} turns a body into
 * bytecode.
 */
public final class Body {

    private final String owner;
    private final String name;
    private final String descriptor;
    private final List<Var> vars = new ArrayList<>();
    private final List<Var> params = new ArrayList<>();
    private final List<Type> paramTypes = new ArrayList<>();
    private final List<Block> blocks = new ArrayList<>();
    private final Map<String, Var> byName = new HashMap<>();
    private final Map<Var, Var> tangents = new HashMap<>();
    private final Map<Var, Var> adjoints = new HashMap<>();

    /**
     * @param owner      internal name of the class the method belongs to (for messages)
     * @param name       the method's name
     * @param descriptor the method's descriptor (parameters as {@link #params()} declares them)
     */
    public Body(String owner, String name, String descriptor) {
        this.owner = owner;
        this.name = name;
        this.descriptor = descriptor;
    }

    public String owner() {
        return owner;
    }

    public String name() {
        return name;
    }

    public String descriptor() {
        return descriptor;
    }

    public Type returnType() {
        return Type.getReturnType(descriptor);
    }

    /** The named primal variable of that kind, made on first use. */
    public Var var(String name, Kind kind) {
        String key = name + kind.letter();
        Var v = byName.get(key);
        if (v == null) {
            v = add(kind, Var.Role.PRIMAL, key, null);
            byName.put(key, v);
        }
        return v;
    }

    /** A fresh temporary. */
    public Var temp(Kind kind) {
        return add(kind, Var.Role.TEMP, "t" + vars.size() + kind.letter(), null);
    }

    /** The tangent of a primal, made on first use; a double's tangent is a double, a reference's a reference. */
    public Var tangentOf(Var primal) {
        requirePrimal(primal, "tangent");
        return tangents.computeIfAbsent(primal, p -> add(p.kind(), Var.Role.TANGENT, "d" + p.name(), p));
    }

    /** Whether a primal has a tangent already. */
    public boolean hasTangent(Var primal) {
        return tangents.containsKey(primal);
    }

    /** The adjoint of a primal, made on first use. */
    public Var adjointOf(Var primal) {
        requirePrimal(primal, "adjoint");
        return adjoints.computeIfAbsent(primal, p -> add(p.kind(), Var.Role.ADJOINT, "b" + p.name(), p));
    }

    private static void requirePrimal(Var v, String what) {
        if (v.role() != Var.Role.PRIMAL && v.role() != Var.Role.TEMP) {
            throw new IllegalArgumentException("the " + what + " of " + v + " (a " + v.role() + ") is not defined");
        }
    }

    private Var add(Kind kind, Var.Role role, String name, Var primal) {
        Var v = new Var(vars.size(), kind, role, name, primal);
        vars.add(v);
        return v;
    }

    /** Declares the next parameter; parameters take the first local slots, in order. */
    public void addParam(Var v, Type type) {
        params.add(v);
        paramTypes.add(type);
    }

    /** Replaces parameter {@code i} (when a pass renames variables). */
    public void replaceParam(int i, Var v) {
        params.set(i, v);
    }

    /** A fresh primal variable named after {@code base}, for a pass that splits a variable into several. */
    public Var split(Var base, int part) {
        return var(base.name().substring(0, base.name().length() - 1) + "_" + part, base.kind());
    }

    public List<Var> params() {
        return Collections.unmodifiableList(params);
    }

    public List<Type> paramTypes() {
        return Collections.unmodifiableList(paramTypes);
    }

    public List<Var> vars() {
        return Collections.unmodifiableList(vars);
    }

    public Block newBlock() {
        Block b = new Block(blocks.size());
        blocks.add(b);
        return b;
    }

    public List<Block> blocks() {
        return Collections.unmodifiableList(blocks);
    }

    public Block entry() {
        return blocks.get(0);
    }

    @Override
    public String toString() {
        return IrPrinter.print(this);
    }
}
