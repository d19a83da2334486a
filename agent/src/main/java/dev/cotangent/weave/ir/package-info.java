/**
 * The weaver's register IR, which every stage reads and writes: a
 * {@link dev.cotangent.weave.ir.Body} (typed parameters, basic
 * {@link dev.cotangent.weave.ir.Block}s each ending in one {@link dev.cotangent.weave.ir.Exit})
 * of {@link dev.cotangent.weave.ir.Insn}s whose operands and results are
 * {@link dev.cotangent.weave.ir.Var}s.
 *
 * <p>An instruction keeps its JVM opcode where that decides the operation, so lowering is one
 * bytecode instruction per IR instruction plus loads and stores, and it keeps its source line
 * for error messages. A variable has a {@link dev.cotangent.weave.ir.Kind} (the JVM
 * computational type: int, long, float, double, reference) and a role: primal, tangent,
 * adjoint or temporary. Tangents and adjoints are made only from their primal
 * ({@link dev.cotangent.weave.ir.Body#tangentOf}, {@link dev.cotangent.weave.ir.Body#adjointOf}),
 * which refuse anything else, so the roles cannot be swapped. Stages build new bodies with
 * {@link dev.cotangent.weave.ir.BodyBuilder} (which also splices one body into another, as the
 * registry's derivative lambdas are spliced), rename with {@link dev.cotangent.weave.ir.Rename},
 * and print with {@link dev.cotangent.weave.ir.IrPrinter} for tests and debugging. Bodies are
 * mutable and confined to one weaving thread.
 */
package dev.cotangent.weave.ir;
