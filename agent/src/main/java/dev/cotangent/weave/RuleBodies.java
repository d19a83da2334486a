package dev.cotangent.weave;

import dev.cotangent.primitive.MethodKey;
import dev.cotangent.primitive.ScalarRule;
import dev.cotangent.weave.ir.Body;
import dev.cotangent.weave.lift.Lifter;
import org.objectweb.asm.tree.MethodNode;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bodies of the registry's rank-0 derivative values, lifted once, for splicing into
 * generated code: a rule written {@code (x, y) -> Math.cos(x)} becomes a call-free
 * {@code cos(x)} where it is applied.
 */
public final class RuleBodies {

    private final ClassSource classes;
    private final Map<MethodKey, Body> bodies = new ConcurrentHashMap<>();

    public RuleBodies(ClassSource classes) {
        this.classes = classes;
    }

    /** The lifted body of a derivative value: parameters are the arguments, then the result. */
    public Body of(ScalarRule.Derivative rule) {
        MethodKey impl = rule.implementation();
        return bodies.computeIfAbsent(impl, k -> {
            MethodNode m = classes.method(k.owner(), k.name(), k.descriptor()).orElseThrow(() ->
                    new IllegalStateException("the registry's derivative " + k.display() + " cannot be read"));
            try {
                return Lifter.lift(k.owner(), m);
            } catch (Lifter.Unliftable e) {
                throw new IllegalStateException("the registry's derivative " + k.display() + " uses " + e.getMessage());
            }
        });
    }
}
