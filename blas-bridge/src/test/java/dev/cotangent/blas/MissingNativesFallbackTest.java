package dev.cotangent.blas;

import dev.cotangent.blas.openblas.OpenBlas;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Run by its own Surefire execution without OpenBLAS's and JavaCPP's native jars: the
 * provider fails to load, {@link Blas#current()} falls back to Java with one warning, and
 * nothing else is printed or thrown.
 */
class MissingNativesFallbackTest {

    @Test
    void fallsBackToJavaWithOneWarning() {
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger logger = Logger.getLogger("dev.cotangent.blas");
        logger.addHandler(capture);
        // Let the console handler take hold of the real System.err before it is swapped below.
        Logger.getLogger("").getHandlers();
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Blas current;
        try {
            System.setOut(new PrintStream(printed, true));
            System.setErr(new PrintStream(printed, true));
            current = Blas.current();
        } finally {
            System.setOut(out);
            System.setErr(err);
            logger.removeHandler(capture);
        }
        assertThat(current).isSameAs(JavaBlas.INSTANCE);
        assertThat(printed.toString()).isEmpty();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).getLevel()).isEqualTo(Level.WARNING);
        assertThat(records.get(0).getMessage()).contains("OpenBlas").contains("pure-Java");

        // Java still computes.
        DoubleBuffer x = DoubleBuffer.wrap(new double[] {1, 2, 3});
        assertThat(current.ddot(3, x, 0, 1, x, 0, 1)).isEqualTo(14.0);
    }

    @Test
    void constructingOpenBlasSaysWhatIsMissing() {
        assertThatThrownBy(OpenBlas::new)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("OpenBLAS could not be loaded")
                .hasMessageContaining(org.bytedeco.javacpp.Loader.getPlatform())
                .hasCauseInstanceOf(UnsatisfiedLinkError.class);
    }
}
