/**
 * The first stage: a method's bytecode lifted into the register IR, and cleaned up so that
 * one IR variable is one value.
 *
 * <p>{@link dev.cotangent.weave.lift.Lifter} runs ASM's {@code Analyzer} with
 * {@code TypedInterpreter} (which keeps reference types, so a value knows it is a
 * {@code double[]} or a {@code Tensor}), turns every local slot and operand-stack position of
 * each kind into a variable, and cuts the code into basic blocks.
 * {@link dev.cotangent.weave.lift.Webs} then splits each variable into its webs (definitions
 * and uses joined by reaching definitions), since javac reuses slots for unrelated values, and
 * {@link dev.cotangent.weave.lift.ValueNumbering} turns a pure computation repeated within a
 * block (javac loads {@code x[i]} once per mention) into a copy, so that reverse mode updates
 * an adjoint once, not once per load.
 *
 * <p>Rejected here, as {@link dev.cotangent.weave.lift.Lifter.Unliftable} (turned into a
 * {@link dev.cotangent.NotDifferentiableException} by the caller): any exception handler
 * ({@code try}/{@code catch}/{@code finally}), {@code synchronized} methods and blocks,
 * {@code jsr}/{@code ret}, abstract and native methods, method-type, handle and dynamic
 * constants, and bytecode the verifier rejects.
 */
package dev.cotangent.weave.lift;
