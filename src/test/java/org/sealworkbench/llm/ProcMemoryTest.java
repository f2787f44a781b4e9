package org.sealworkbench.llm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The memory a process can still use under a container's limit (cgroup v1 and v2), which /proc/meminfo does not show. */
class ProcMemoryTest {
    @TempDir Path tmp;

    private Path write(String rel, String text) throws Exception {
        Path f = tmp.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    @Test
    void cgroupV1LimitMinusUsageCountingInactiveFilesAsFree() throws Exception {
        Path proc = write("proc/cgroup", "9:name=systemd:/\n4:memory:/box/job1\n1:cpu:/\n0::/\n");
        write("sys/memory/box/job1/memory.limit_in_bytes", "4294967296\n");                  // 4 GiB
        write("sys/memory/box/job1/memory.usage_in_bytes", "3221225472\n");                  // 3 GiB used
        write("sys/memory/box/job1/memory.stat", "cache 1\ntotal_inactive_file 1073741824\n"); // 1 GiB of it droppable
        assertEquals(2L << 30, ProcMemory.cgroupAvailable(tmp.resolve("sys"), proc));
    }

    @Test
    void cgroupV1WithoutALimitSaysNothing() throws Exception {
        Path proc = write("proc/cgroup", "4:memory:/\n");
        write("sys/memory/memory.limit_in_bytes", "9223372036854771712\n");
        write("sys/memory/memory.usage_in_bytes", "100\n");
        assertEquals(-1, ProcMemory.cgroupAvailable(tmp.resolve("sys"), proc));
    }

    @Test
    void cgroupV2UnderTheUnifiedTree() throws Exception {
        Path proc = write("proc/cgroup", "0::/user.slice/app\n");
        write("sys/unified/user.slice/app/memory.max", "1073741824\n");
        write("sys/unified/user.slice/app/memory.current", "536870912\n");
        write("sys/unified/user.slice/app/memory.stat", "anon 5\ninactive_file 0\n");
        assertEquals(512L << 20, ProcMemory.cgroupAvailable(tmp.resolve("sys"), proc));
        write("sys/unified/user.slice/app/memory.max", "max\n");
        assertEquals(-1, ProcMemory.cgroupAvailable(tmp.resolve("sys"), proc));
    }

    @Test
    void noCgroupFileMeansUnknown() {
        assertEquals(-1, ProcMemory.cgroupAvailable(tmp.resolve("none"), tmp.resolve("missing")));
        assertTrue(ProcMemory.available() != 0, "this machine says something, or -1");
    }
}
