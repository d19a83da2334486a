/**
 * The {@code -javaagent} entry: weaving at class-load time. This is the only package that uses
 * {@code java.lang.instrument}.
 *
 * <p>{@link dev.cotangent.agent.Agent#premain} (and {@code agentmain}, for attaching to a
 * running JVM) installs {@code WeavingTransformer}, which hands each class that mentions
 * {@code @Differentiable} (a byte search, no parsing) to {@link dev.cotangent.weave.Weaver#weave}
 * and returns the class with the tangent and adjoint methods of its annotated methods added;
 * every other class passes through untouched. Classes already loaded when an agent attaches,
 * and redefinitions, are left alone, since a JVM cannot add methods to a loaded class. A method
 * that cannot be differentiated is reported on standard error and left unwoven ({@code AD}
 * reports the same error when asked for it); no exception from weaving ever escapes into class
 * loading: a class it cannot weave loads as it is. A woven class keeps every method it had
 * byte for byte. The shaded {@code cotangent-agent.jar} carries core, ASM and Byte Buddy
 * (relocated to {@code dev.cotangent.shaded.asm} and {@code dev.cotangent.shaded.bytebuddy};
 * Byte Buddy's {@code TypePool} reads the class hierarchy that frames are computed against),
 * so the same jar also serves as the run-time weaver for derivatives the agent did not weave.
 */
package dev.cotangent.agent;
