package org.sealworkbench.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `seal resume`: a stopped job listed and resumed from its row alone. */
class ResumeCliTest {
    @TempDir
    Path tmp;

    @Test
    void aFailedImportIsListedAndResumedOnceTheFileIsFixed() throws Exception {
        String ws = tmp.resolve("ws").toString();
        Path file = tmp.resolve("passages.json");
        Files.writeString(file, "[{\"title\": \"T\", \"context\": \"C\", \"questions\": [");
        assertNotEquals(0, CliTest.run("import", file.toString(), "--workspace", ws).code());

        CliTest.Result list = CliTest.run("resume", "--workspace", ws);
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("job 1") && list.out().contains("import") && list.out().contains("failed"), list.out());

        Files.copy(Path.of("sample-data", "passages.json"), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        CliTest.Result resumed = CliTest.run("resume", "--workspace", ws, "--job", "1");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().startsWith("job 1 (import) done:"), resumed.out());
        assertTrue(CliTest.run("resume", "--workspace", ws).out().contains("no stopped jobs"));
        CliTest.Result info = CliTest.run("info", "--workspace", ws);
        assertFalse(info.out().contains("passages: 0"), info.out());

        CliTest.Result again = CliTest.run("resume", "--workspace", ws, "--job", "1");
        assertNotEquals(0, again.code());
        assertTrue(again.err().contains("job 1 is done"), again.err());
    }
}
