/**
 * Reverse mode: the forward sweep and the reverse sweep of a method, built together by
 * {@link dev.cotangent.weave.adjoint.AdjointBuilder} so that every push of the one has its pop
 * in the other.
 *
 * <p>{@code CallSplitter} first ends a block after each call to a differentiated method, so
 * that the callee's reverse sweep runs exactly between the caller's records from before and
 * after the call. {@code ReversePlan} then decides, per instruction, what the reverse sweep
 * recomputes (cheap arithmetic, reads of arrays nothing writes) and what the forward sweep
 * records (costly or unrepeatable values: calls, {@code exp}, reads of arrays that change),
 * which overwritten values are pushed before the overwrite (the undo log) and which increments
 * {@code i += c} are simply inverted, and records control flow only at joins, except for the
 * back edge of a loop with one back edge ({@code Loops}), whose iterations are counted and
 * pushed once when the loop is left. {@code ForwardBuilder} emits the primal with those pushes
 * and a shadow array beside every active array; {@code ReverseBuilder} emits, block by block in
 * reverse, the undo, the recomputation and the transposed rules {@code Bᵀ(d, v)} ({@code ā +=
 * d·v̄} at rank 0, {@code TensorCalls.vjp} for tensors, popping what {@code TensorRecords}
 * pushed), then pushes the parameters' adjoints. {@code Sweeps} holds the tape and linking code
 * both emit.
 *
 * <p>The sweeps' signatures are {@link dev.cotangent.runtime.Signatures#forward} and
 * {@link dev.cotangent.runtime.Signatures#reverse}. The {@code TOP_} variant, for the outermost
 * call of a gradient, copies the array parameters the method writes or hands on and may read
 * the others again in the reverse sweep instead of recording them. A virtual call's forward
 * sweep pushes its receiver, so that its reverse sweep reverses the implementation that ran.
 */
package dev.cotangent.weave.adjoint;
