/**
 * The weaver tested on randomly generated programs: {@link dev.cotangent.weave.fuzz.ProgramGenerator}
 * writes a class with loops, branches, arrays and calls from a seed, {@link
 * dev.cotangent.weave.fuzz.ProgramCompiler} compiles it in memory, and {@link
 * dev.cotangent.weave.fuzz.ProgramCheck} checks its derivatives against finite differences
 * and the dot-product identity.
 *
 * <p>{@code mvn verify} runs {@link dev.cotangent.weave.fuzz.FuzzTest} on a fixed set of seeds.
 * The {@code fuzz} profile of the agent module runs many more:
 * <pre>
 * mvn -B test -Pfuzz -pl agent -am -Dtest=FuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * mvn -B test -Pfuzz -pl agent -am -Dtest=FuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dcotangent.fuzz.programs=20000 -Dcotangent.fuzz.firstSeed=100000
 * </pre>
 * A failure names its seed and prints the program. {@code -Dcotangent.fuzz.seed=N} reruns that
 * one program; add {@code -Dcotangent.fuzz.shrink=true} to have it cut down to a small program
 * that fails the same way. Constructs the weaver is known to get wrong are left out by the
 * generator and listed, with reproducers, in {@link dev.cotangent.weave.fuzz.KnownGaps};
 * {@code -Dcotangent.fuzz.gaps=none} generates them again.
 */
package dev.cotangent.weave.fuzz;
