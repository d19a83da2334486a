/**
 * The small surface that generated derivative code calls at run time, and the lookup that
 * finds or makes that code. Not for users: {@link dev.cotangent.AD} wraps it.
 *
 * <p>{@link dev.cotangent.runtime.Mode} names the derivatives of a method (tangent; forward
 * and reverse sweep of the adjoint, with {@code TOP_} variants for the outermost call; the two
 * sweeps of a Hessian-vector product), and {@link dev.cotangent.runtime.Signatures} gives each
 * one's name ({@code cotangent$tangent$f}) and descriptor — the calling convention the weaver
 * writes and the runtime calls. {@link dev.cotangent.runtime.Derivatives} returns a derivative
 * as a {@link java.lang.invoke.MethodHandle}: the method woven into the class (by the agent or
 * the Maven plugin) when there is one, otherwise a companion generated now by the
 * {@link dev.cotangent.runtime.DerivativeFactory} found through
 * {@link java.util.ServiceLoader} (the weaver, in {@code cotangent-agent}) and defined as a
 * hidden nestmate of the class.
 *
 * <p>Woven code uses: {@link dev.cotangent.runtime.Linker}, the bootstrap of the
 * {@code invokedynamic} sites through which one derivative calls another (bound once, or per
 * receiver class for a virtual call, chosen by {@link dev.cotangent.runtime.Dispatch} as the JVM
 * chooses); {@link dev.cotangent.runtime.LambdaObjects}, which reads the values a lambda captured
 * for its bridge and notes the sites of lambdas derivative code hands on;
 * {@link dev.cotangent.runtime.Tape}, the per-thread record
 * of typed stacks a forward sweep pushes and its reverse sweep pops;
 * {@link dev.cotangent.runtime.TangentOut}, where a tangent method leaves its result's tangent;
 * {@link dev.cotangent.runtime.TensorCalls}, which applies a tensor primitive's registry rules
 * by name; {@link dev.cotangent.runtime.TensorBridge}, the linear maps between doubles, arrays
 * and tensors with their transposes; and {@link dev.cotangent.runtime.Values#copy}, with which
 * an outermost forward sweep copies the array arguments it writes. Names, descriptors and
 * bootstrap arguments here are read by class files woven ahead of time, so they change only
 * together with the weaver.
 */
package dev.cotangent.runtime;
