package dev.cotangent.einsum;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parsing, and one test per kind of bad input with the message it must give. */
class EinsumSpecTest {

    private static int[] s(int... shape) {
        return shape;
    }

    private static void rejects(String spec, int[][] shapes, String... fragments) {
        var thrown = assertThatThrownBy(() -> EinsumSpec.parse(spec, shapes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("einsum '" + spec + "': ");
        for (String f : fragments) {
            thrown.hasMessageContaining(f);
        }
    }

    @Test
    void parsesExplicitAndImplicitOutput() {
        EinsumSpec spec = EinsumSpec.parse("ij,jk->ik", s(2, 3), s(3, 4));
        assertThat(spec.operandCount()).isEqualTo(2);
        assertThat(spec.outputShape()).containsExactly(2, 4);
        assertThat(spec.operandShape(1)).containsExactly(3, 4);
        assertThat(EinsumSpec.parse("ij,jk", s(2, 3), s(3, 4)).outputShape()).containsExactly(2, 4);
        assertThat(EinsumSpec.parse("ii", s(3, 3)).outputShape()).isEmpty();
        assertThat(EinsumSpec.parse("ji", s(2, 3)).outputShape()).containsExactly(3, 2);
        assertThat(spec.toString()).isEqualTo("einsum 'ij,jk->ik' on (2, 3), (3, 4)");
    }

    @Test
    void ellipsisBroadcastsRightAligned() {
        assertThat(EinsumSpec.parse("...ij,...jk->...ik", s(2, 1, 3, 4), s(5, 4, 2)).outputShape())
                .containsExactly(2, 5, 3, 2);
        assertThat(EinsumSpec.parse("i...,i->...", s(3, 2, 2), s(3)).outputShape()).containsExactly(2, 2);
        assertThat(EinsumSpec.parse("...ij->...ij", s(2, 3)).outputShape()).containsExactly(2, 3);
        // An ellipsis covering no axis needs none in the output.
        assertThat(EinsumSpec.parse("...ij->ij", s(2, 3)).outputShape()).containsExactly(2, 3);
    }

    @Test
    void sizeOneStretches() {
        assertThat(EinsumSpec.parse("ij,ij->ij", s(1, 3), s(2, 1)).outputShape()).containsExactly(2, 3);
        assertThat(EinsumSpec.parse("ij,jk->ik", s(2, 0), s(1, 4)).outputShape()).containsExactly(2, 4);
    }

    @Test
    void spacesAreIgnored() {
        assertThat(EinsumSpec.parse(" i j , j k -> i k ", s(2, 3), s(3, 4)).outputShape()).containsExactly(2, 4);
    }

    @Test
    void rejectsAnInvalidCharacter() {
        rejects("ij,j$->i", new int[][] {s(2, 3), s(3)}, "invalid character '$' at position 4");
        rejects("ij,jä->i", new int[][] {s(2, 3), s(3, 1)}, "invalid character 'ä'");
    }

    @Test
    void rejectsTwoArrows() {
        rejects("ij->j->j", new int[][] {s(2, 3)}, "'->' appears more than once");
    }

    @Test
    void rejectsAStrayDashOrBracket() {
        rejects("ij-j", new int[][] {s(2, 3)}, "'-' and '>' may only appear together");
        rejects("ij>j", new int[][] {s(2, 3)}, "'-' and '>' may only appear together");
    }

    @Test
    void rejectsACommaInTheOutput() {
        rejects("ij->i,j", new int[][] {s(2, 3)}, "output subscripts 'i,j' contain ','");
    }

    @Test
    void rejectsTheWrongNumberOfOperands() {
        rejects("ij,jk->ik", new int[][] {s(2, 3)}, "the spec has 2 operands but 1 was given", "(2, 3)");
        rejects("ij->ij", new int[][] {s(2, 3), s(3)}, "the spec has 1 operand but 2 were given",
                "(2, 3), (3,)");
    }

    @Test
    void rejectsARankThatDoesNotMatchTheSubscripts() {
        rejects("ij->i", new int[][] {s(2, 3, 4)}, "operand 0 has shape (2, 3, 4) but its subscripts 'ij' name 2 axes");
        rejects("ij,jk->ik", new int[][] {s(2, 3), s(3)}, "operand 1 has shape (3,) but its subscripts 'jk' name 2 axes");
        rejects("ij...->...", new int[][] {s(2)}, "operand 0 has shape (2,)", "name 2 axes besides '...'");
    }

    @Test
    void rejectsALabelWhoseSizesDisagree() {
        rejects("ij,jk->ik", new int[][] {s(2, 3), s(4, 5)},
                "operand 1 has shape (4, 5) but label 'j' is 3 in operand 0");
        assertThatThrownBy(() -> EinsumSpec.parse("ij,jk->ik", s(2, 3), s(4, 5)))
                .hasMessage("einsum 'ij,jk->ik': operand 1 has shape (4, 5) but label 'j' is 3 in operand 0");
    }

    @Test
    void rejectsEllipsisAxesThatDoNotBroadcast() {
        rejects("...,...->...", new int[][] {s(2, 3), s(4, 3)},
                "operand 1 has shape (4, 3) but '...' axis 0 is 2 in operand 0");
    }

    @Test
    void rejectsARepeatedLabelOverUnequalAxes() {
        rejects("ii->i", new int[][] {s(2, 3)}, "operand 0 has shape (2, 3) but label 'i', repeated in it,"
                + " names axes of sizes 2 and 3");
    }

    @Test
    void rejectsAnOutputLabelNoInputHas() {
        rejects("ij->ik", new int[][] {s(2, 3)}, "the output has label 'k', which no input has");
    }

    @Test
    void rejectsARepeatedOutputLabel() {
        rejects("ij->ii", new int[][] {s(2, 3)}, "the output has label 'i' more than once");
    }

    @Test
    void rejectsAMissingOutputEllipsis() {
        rejects("...i->i", new int[][] {s(2, 3)}, "'...' covers 1 axis of the inputs but the output has no '...'");
    }

    @Test
    void rejectsMalformedEllipses() {
        rejects("i.j->i", new int[][] {s(2, 3)}, "operand 0's subscripts 'i.j' have a '.' that is not part of '...'");
        rejects("i....->i", new int[][] {s(2, 3)}, "not part of '...'");
        rejects("...i...->i", new int[][] {s(2, 3)}, "contain '...' twice");
        rejects("ij->..", new int[][] {s(2, 3)}, "the output subscripts '..' have a '.'");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> EinsumSpec.parse(null, s(2))).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("spec is null");
        assertThatThrownBy(() -> EinsumSpec.parse("i,i", s(2), null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("shape of operand 1 is null");
        assertThatThrownBy(() -> Einsum.einsum("i,i", dev.cotangent.tensor.Tensor.zeros(2), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("operand 1 is null");
    }

    @Test
    void einsumReportsTheSameErrors() {
        assertThatThrownBy(() -> Einsum.einsum("ij,jk->ik", dev.cotangent.tensor.Tensor.zeros(2, 3),
                dev.cotangent.tensor.Tensor.zeros(4, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("einsum 'ij,jk->ik': operand 1 has shape (4, 5) but label 'j' is 3 in operand 0");
    }
}
