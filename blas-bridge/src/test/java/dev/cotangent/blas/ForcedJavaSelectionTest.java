package dev.cotangent.blas;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** Run by its own Surefire execution with {@code -Dcotangent.blas=java}: Java wins over OpenBLAS. */
class ForcedJavaSelectionTest {

    @Test
    void javaIsChosenAlthoughOpenBlasLoads() {
        assertThat(System.getProperty("cotangent.blas")).isEqualTo("java");
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
        try {
            assertThat(Blas.current()).isSameAs(JavaBlas.INSTANCE);
        } finally {
            logger.removeHandler(capture);
        }
        assertThat(records).isEmpty();
        assertThat(ServiceLoader.load(Blas.class).stream().map(p -> p.get().name())).contains("openblas");
    }
}
