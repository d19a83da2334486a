/**
 * The last stage: a generated IR body back to bytecode that HotSpot will compile.
 *
 * <p>{@link dev.cotangent.weave.lower.Cleanup} propagates copies within blocks and drops dead
 * computations. {@link dev.cotangent.weave.lower.Lowerer} gives each variable its own local
 * slot, zeroes the locals on entry (tangent and adjoint variables are written only where their
 * primal is active, and the verifier must never see an unwritten read), casts typed uses of
 * references, and keeps the original line numbers. {@link dev.cotangent.weave.lower.MethodSplitter}
 * keeps generated methods below HotSpot's limit for compiling a method at all (8,000 bytes of
 * bytecode; over it a method runs interpreted): a body that lowers larger than its 6,000-byte
 * target is cut into static pieces {@code name$k} that pass the method's variables in frame
 * arrays, driven by a loop in the method itself. A body that creates an object with
 * {@code new} is not split. {@link dev.cotangent.weave.lower.FrameComputingWriter} writes woven
 * classes: the methods a class already has keep their bytes (copied, not decoded), and the stack
 * map frames of generated code are computed against the real class hierarchy
 * ({@link dev.cotangent.weave.lower.ClassHierarchy}: Byte Buddy's {@code TypePool} over the
 * class's own class path), without loading classes, which keeps weaving deterministic and free
 * of class-loading side effects.
 */
package dev.cotangent.weave.lower;
