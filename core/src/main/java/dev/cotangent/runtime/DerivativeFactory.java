package dev.cotangent.runtime;

import java.util.List;

/**
 * Generates derivative code at run time, when a class was not woven ahead of time (no
 * {@code -javaagent}, no Maven plugin): the weaver in {@code cotangent-agent} implements it
 * and is found through {@link java.util.ServiceLoader}.
 *
 * @since 0.1
 */
public interface DerivativeFactory {

    /**
     * A class holding the derivative of one method of {@code owner}, to be defined as a
     * hidden nestmate of {@code owner} (so it may call the owner's private methods). Its
     * method is named {@link Mode#methodName} and has the descriptor {@link Signatures}
     * gives.
     *
     * @throws dev.cotangent.NotDifferentiableException if the method cannot be differentiated
     */
    Companion companion(Class<?> owner, String method, String descriptor, Mode mode);

    /**
     * As {@link #companion(Class, String, String, Mode)}, for the variant in which only the
     * parameters whose bit is set in {@code active} carry derivatives (named by
     * {@link Mode#methodName(String, long)}).
     */
    Companion companion(Class<?> owner, String method, String descriptor, Mode mode, long active);

    /**
     * The name of the bridge ({@link LambdaObjects}) through which the derivative of a call of
     * {@code method(descriptor)} on an object of {@code lambdaClass} runs: a static method of
     * {@code lambdaClass.getNestHost()}, the class that wrote the lambda, for the lambda site
     * whose interface, method and captured types are those of {@code lambdaClass}. When several
     * sites of that class would make such an object, the one stored into a static field holding
     * an object of {@code lambdaClass} is taken.
     *
     * @throws dev.cotangent.NotDifferentiableException if no site, or more than one, makes such
     *                                                  objects, or its bridge cannot be made
     */
    String lambdaBridge(Class<?> lambdaClass, String method, String descriptor);

    /**
     * The bytes of a class named {@code internalName} with one method,
     * {@code public static MethodHandles.Lookup lookup()}, returning its own lookup. Defined
     * in the package of a class whose module the runtime cannot reach with full privilege (a
     * class loaded by the source launcher, say), it lends the runtime that privilege.
     */
    byte[] accessor(String internalName);

    /**
     * The class bytes, and the derivatives of other methods its code calls (resolved eagerly
     * so that errors in callees surface when the caller is first differentiated).
     */
    record Companion(byte[] bytes, List<Dependency> dependencies) {}

    /**
     * A derivative the companion's code calls: class (internal name), method, descriptor,
     * mode, and the mask of parameters that carry derivatives ({@link Mode#ALL} for all).
     */
    record Dependency(String owner, String method, String descriptor, Mode mode, long active) {}
}
