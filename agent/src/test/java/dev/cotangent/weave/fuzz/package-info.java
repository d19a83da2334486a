/**
 * The weaver tested on randomly generated programs: {@link dev.cotangent.weave.fuzz.ProgramGenerator}
 * writes a class with loops, branches, arrays and calls from a seed, {@link
 * dev.cotangent.weave.fuzz.ProgramCompiler} compiles it in memory, and {@link
 * dev.cotangent.weave.fuzz.ProgramCheck} checks its derivatives against finite differences
 * and the dot-product identity. {@link dev.cotangent.weave.fuzz.TensorPrograms} does the same
 * for tensor code ({@link dev.cotangent.weave.fuzz.TensorFuzzTest}).
 *
 * <p>{@code mvn verify} runs {@link dev.cotangent.weave.fuzz.FuzzTest} on a fixed set of seeds.
 * The {@code fuzz} profile of the agent module runs 20,000 other seeds, and 3,000 tensor
 * programs (about twelve minutes on two cores):
 * <pre>
 * mvn -B install -DskipTests &amp;&amp; mvn -B test -Pfuzz -pl agent
 * mvn -B test -Pfuzz -pl agent -Dcotangent.fuzz.programs=20000 -Dcotangent.fuzz.firstSeed=100000
 * </pre>
 * A failure names its seed and prints the program. {@code -Dcotangent.fuzz.seed=N} reruns that
 * one program; add {@code -Dcotangent.fuzz.shrink=true} to have it cut down to a small program
 * that fails the same way. The bugs found so far are fixed, with their reproducers kept as
 * cases of the hand-written corpus ({@code dev.cotangent.weave.corpus.Corpus}, "found by the
 * fuzzer"); the generator leaves nothing out on their account.
 */
package dev.cotangent.weave.fuzz;
