package dev.cotangent.weave;

import dev.cotangent.weave.ir.Insn;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CalleesTest {

    /** No class file can be read: what is decided here is decided from the call alone. */
    private final Callees callees = new Callees(new ClassSource(name -> null));

    private static Insn.Invoke call(String owner, String name, String desc) {
        return new Insn.Invoke(null, Opcodes.INVOKESTATIC, owner, name, desc, false, List.of(), 1);
    }

    @Test
    void kotlinNullChecksOfParametersAndValuesAreSinks() {
        String intrinsics = "kotlin/jvm/internal/Intrinsics";
        for (Insn.Invoke check : List.of(
                call(intrinsics, "checkNotNullParameter", "(Ljava/lang/Object;Ljava/lang/String;)V"),
                call(intrinsics, "checkNotNullExpressionValue", "(Ljava/lang/Object;Ljava/lang/String;)V"),
                call(intrinsics, "checkNotNull", "(Ljava/lang/Object;)V"),
                call(intrinsics, "checkParameterIsNotNull", "(Ljava/lang/Object;Ljava/lang/String;)V"))) {
            assertThat(callees.of(check)).as(check.name()).isInstanceOf(Callee.Sink.class);
        }
    }

    @Test
    void otherKotlinIntrinsicsAndLookalikesAreNotSinks() {
        // areEqual calls equals(), which user code may override: it is not a null check.
        assertThat(callees.of(call("kotlin/jvm/internal/Intrinsics", "areEqual",
                "(Ljava/lang/Object;Ljava/lang/Object;)Z"))).isNotInstanceOf(Callee.Sink.class);
        assertThat(callees.of(call("com/acme/Intrinsics", "checkNotNullParameter",
                "(Ljava/lang/Object;Ljava/lang/String;)V"))).isNotInstanceOf(Callee.Sink.class);
        // A check that returned its argument would alias it: only the void checks are sinks.
        assertThat(callees.of(call("kotlin/jvm/internal/Intrinsics", "checkNotNull",
                "(Ljava/lang/Object;)Ljava/lang/Object;"))).isNotInstanceOf(Callee.Sink.class);
    }
}
