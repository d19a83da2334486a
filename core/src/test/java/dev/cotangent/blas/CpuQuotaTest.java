package dev.cotangent.blas;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** CPU quotas read from cgroup v1 and v2 file trees laid out in a temporary directory. */
class CpuQuotaTest {

    @TempDir
    Path root;

    private void write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void cpuMaxLines() {
        assertThat(CpuQuota.cpuMax("max 100000\n")).isEqualTo(Integer.MAX_VALUE);
        assertThat(CpuQuota.cpuMax("200000 100000\n")).isEqualTo(2);
        assertThat(CpuQuota.cpuMax("150000 100000")).isEqualTo(2);
        assertThat(CpuQuota.cpuMax("50000 100000")).isEqualTo(1);
        assertThat(CpuQuota.cpuMax("garbage")).isEqualTo(Integer.MAX_VALUE);
        assertThat(CpuQuota.cpuMax(null)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void v2TakesTheSmallestQuotaOnThePathFromTheRoot() throws IOException {
        write("cpu.max", "max 100000\n");
        write("user.slice/cpu.max", "300000 100000\n");
        write("user.slice/app.scope/cpu.max", "max 100000\n");
        assertThat(CpuQuota.of(root, "0::/user.slice/app.scope\n")).isEqualTo(OptionalInt.of(3));
        write("user.slice/app.scope/cpu.max", "120000 100000\n");
        assertThat(CpuQuota.of(root, "0::/user.slice/app.scope\n")).isEqualTo(OptionalInt.of(2));
    }

    @Test
    void v1ReadsTheCfsQuotaOverThePeriod() throws IOException {
        write("cpu,cpuacct/docker/abc/cpu.cfs_quota_us", "250000\n");
        write("cpu,cpuacct/docker/abc/cpu.cfs_period_us", "100000\n");
        String cgroup = "12:memory:/docker/abc\n4:cpu,cpuacct:/docker/abc\n";
        assertThat(CpuQuota.of(root, cgroup)).isEqualTo(OptionalInt.of(3));
        write("cpu,cpuacct/docker/abc/cpu.cfs_quota_us", "-1\n");
        assertThat(CpuQuota.of(root, cgroup)).isEqualTo(OptionalInt.empty());
    }

    @Test
    void noQuotaWhenNothingIsReadable() {
        assertThat(CpuQuota.of(root, "0::/nowhere\n")).isEqualTo(OptionalInt.empty());
        assertThat(CpuQuota.of(root, null)).isEqualTo(OptionalInt.empty());
        assertThat(CpuQuota.of(root, "not a cgroup line")).isEqualTo(OptionalInt.empty());
    }
}
