package dev.cotangent.blas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * The number of CPUs this process may keep busy according to its control group's CPU
 * quota, read from the files the kernel exposes.
 *
 * <p>cgroup v2: {@code cpu.max} holds {@code "<quota> <period>"} in microseconds, or
 * {@code "max <period>"} for no quota; the quota of the process's group and of every
 * ancestor applies, so the smallest is taken. cgroup v1: {@code cpu.cfs_quota_us} (−1 for no
 * quota) over {@code cpu.cfs_period_us}. A quota of 1.5 CPUs counts as 2 (the work still
 * fits in the period with one thread partly idle). {@link Runtime#availableProcessors()}
 * already honours quotas and CPU affinity on HotSpot with container support; reading the
 * files as well covers JVMs started with {@code -XX:-UseContainerSupport} and groups nested
 * below the container's root, which the JVM does not walk.
 *
 * <p>Anything unreadable or malformed means "no quota known" ({@link OptionalInt#empty()}),
 * never an exception.
 */
final class CpuQuota {

    private CpuQuota() {}

    /** The quota of this process, from {@code /proc/self/cgroup} and {@code /sys/fs/cgroup}. */
    static OptionalInt ofThisProcess() {
        return of(Path.of("/sys/fs/cgroup"), read(Path.of("/proc/self/cgroup")));
    }

    /**
     * The quota for a process whose {@code /proc/self/cgroup} reads {@code procSelfCgroup},
     * with the cgroup file systems mounted at {@code root}.
     */
    static OptionalInt of(Path root, String procSelfCgroup) {
        if (procSelfCgroup == null) {
            return OptionalInt.empty();
        }
        int best = Integer.MAX_VALUE;
        for (String line : procSelfCgroup.split("\n")) {
            // "hierarchy-id:controllers:path"; v2 is "0::/path".
            String[] parts = line.strip().split(":", 3);
            if (parts.length != 3) {
                continue;
            }
            String relative = parts[2].startsWith("/") ? parts[2].substring(1) : parts[2];
            if (parts[0].equals("0") && parts[1].isEmpty()) {
                best = Math.min(best, walk(root, relative, CpuQuota::v2));
            } else if (List.of(parts[1].split(",")).contains("cpu")) {
                for (String mount : new String[] {"cpu,cpuacct", "cpu", "cpuacct,cpu"}) {
                    Path dir = root.resolve(mount);
                    if (Files.isDirectory(dir)) {
                        best = Math.min(best, walk(dir, relative, CpuQuota::v1));
                        break;
                    }
                }
            }
        }
        return best == Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of(best);
    }

    /** CPUs per a v2 {@code cpu.max} line, or {@link Integer#MAX_VALUE} for none. */
    static int cpuMax(String line) {
        if (line == null) {
            return Integer.MAX_VALUE;
        }
        String[] f = line.strip().split("\\s+");
        if (f.length != 2 || f[0].equals("max")) {
            return Integer.MAX_VALUE;
        }
        return cpus(f[0], f[1]);
    }

    private interface Reader {
        int cpus(Path dir);
    }

    /**
     * The smallest quota of {@code root/relative} and its ancestors up to {@code root}; inside
     * a container the group path may name groups that are not mounted, which are skipped.
     */
    private static int walk(Path root, String relative, Reader reader) {
        int best = reader.cpus(root);
        Path dir = root;
        if (!relative.isEmpty()) {
            for (String part : relative.split("/")) {
                dir = dir.resolve(part);
                best = Math.min(best, reader.cpus(dir));
            }
        }
        return best;
    }

    private static int v2(Path dir) {
        return cpuMax(read(dir.resolve("cpu.max")));
    }

    private static int v1(Path dir) {
        String quota = read(dir.resolve("cpu.cfs_quota_us"));
        String period = read(dir.resolve("cpu.cfs_period_us"));
        return quota == null || period == null ? Integer.MAX_VALUE : cpus(quota.strip(), period.strip());
    }

    private static int cpus(String quota, String period) {
        try {
            long q = Long.parseLong(quota);
            long p = Long.parseLong(period);
            if (q <= 0 || p <= 0) {
                return Integer.MAX_VALUE;
            }
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE - 1, (q + p - 1) / p));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static String read(Path file) {
        try {
            return Files.isReadable(file) ? Files.readString(file) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
