package dev.cotangent.runtime;

import dev.cotangent.NotDifferentiableException;

import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bootstrap methods of the {@code invokedynamic} call sites through which generated code
 * calls the derivatives of other methods. Linking by {@code invokedynamic} lets a caller
 * reach a derivative wherever it lives — woven into its class, or in a hidden companion
 * made at run time — and binds it once, so the JIT inlines through it.
 *
 * <p>A virtual call's reverse sweep is linked with the receiver the forward sweep recorded as
 * its first argument, so that it reverses the implementation that ran.
 *
 * <p>Part of the small surface woven code calls; not for users.
 */
public final class Linker {

    /** Bootstrap argument: the call was static or special (one target). */
    public static final int DIRECT = 0;
    /** Bootstrap argument: the call was virtual or interface (target by receiver class). */
    public static final int VIRTUAL = 1;

    private Linker() {}

    /**
     * Links a call to the {@code mode} derivative of {@code owner.method(descriptor)}.
     * {@code type} is the derivative's type as the caller sees it.
     */
    public static CallSite link(MethodHandles.Lookup caller, String name, MethodType type, Class<?> owner,
                                String method, String descriptor, int mode, int dispatch) {
        return linkVariant(caller, name, type, owner, method, descriptor, mode, dispatch, Mode.ALL);
    }

    /**
     * As {@link #link}, to the variant of the derivative in which only the parameters whose
     * bit is set in {@code active} carry derivatives (the caller passes arrays without shadows,
     * read from fields, for the others).
     */
    public static CallSite linkVariant(MethodHandles.Lookup caller, String name, MethodType type, Class<?> owner,
                                       String method, String descriptor, int mode, int dispatch, long active) {
        Mode m = Mode.values()[mode];
        try {
            if (dispatch == DIRECT) {
                return new ConstantCallSite(Derivatives.of(owner, method, descriptor, m, active).asType(type));
            }
            return new ConstantCallSite(virtual(owner, method, descriptor, m, active, type));
        } catch (NotDifferentiableException | IllegalStateException e) {
            // Fail at the call, with the weaver's own message, rather than as a BootstrapMethodError.
            MethodHandle thrower = MethodHandles.throwException(type.returnType(), e.getClass()).bindTo(e);
            return new ConstantCallSite(MethodHandles.dropArguments(thrower, 0, type.parameterList()));
        }
    }

    private static MethodHandle virtual(Class<?> owner, String method, String descriptor, Mode mode, long active,
                                        MethodType type) {
        Map<Class<?>, MethodHandle> targets = new ConcurrentHashMap<>();
        MethodHandle choose;
        try {
            choose = MethodHandles.lookup().findStatic(Linker.class, "target",
                    MethodType.methodType(MethodHandle.class, Map.class, Class.class, String.class, String.class,
                            Mode.class, long.class, MethodType.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        choose = MethodHandles.insertArguments(choose, 0, targets, owner, method, descriptor, mode, active, type)
                .asType(MethodType.methodType(MethodHandle.class, type.parameterType(0)));
        return MethodHandles.foldArguments(MethodHandles.exactInvoker(type), choose);
    }

    /** The derivative for the receiver's class: of the code it runs ({@link Dispatch}), cached per class. */
    @SuppressWarnings("unused")
    private static MethodHandle target(Map<Class<?>, MethodHandle> targets, Class<?> owner, String method,
                                       String descriptor, Mode mode, long active, MethodType type, Object receiver) {
        if (receiver == null) {
            throw new NullPointerException("Cannot invoke \"" + owner.getName() + "." + method
                    + "\" because the receiver is null");
        }
        return targets.computeIfAbsent(receiver.getClass(), c -> {
            MethodHandle h = Dispatch.derivative(c, owner, method, descriptor, mode, active);
            if (mode == Mode.REVERSE || mode == Mode.TOP_REVERSE) {
                // A reverse sweep takes no receiver: the call site passes it only to choose the implementation.
                h = MethodHandles.dropArguments(h, 0, type.parameterType(0));
            }
            return h.asType(type);
        });
    }
}
