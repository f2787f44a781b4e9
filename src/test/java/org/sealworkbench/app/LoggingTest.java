package org.sealworkbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LoggingTest {
    @TempDir Path tmp;

    @Test
    void slf4jLinesLandInTheRollingFileAndItRotatesBySize() throws Exception {
        Path logs = tmp.resolve("data with %g in it").resolve("logs");
        try {
            Path file = Logging.toFile(logs);
            assertEquals(logs.resolve("seal-workbench.0.log"), file);
            assertEquals(file, Logging.toFile(logs), "a second call keeps the same file");

            // Through slf4j, as the libraries log: slf4j-jdk14 must route it to java.util.logging.
            LoggerFactory.getLogger("seal.test").info("the window opened");
            Logging.fileHandler().flush();
            String text = Files.readString(file);
            assertTrue(text.contains("INFO seal.test - the window opened"), text);

            // Past the size limit the handler starts generation 0 anew and keeps the old one as .1.
            String line = "x".repeat(1000);
            for (int i = 0; i < Logging.LIMIT_BYTES / 1000 + 10; i++) LoggerFactory.getLogger("seal.fill").info(line);
            Logging.fileHandler().flush();
            assertTrue(Files.exists(logs.resolve("seal-workbench.1.log")), "rotated");
            try (Stream<Path> files = Files.list(logs)) {
                assertTrue(files.filter(f -> f.toString().endsWith(".log")).count() <= Logging.GENERATIONS);
            }
        } finally {
            Logging.closeFile();
        }
    }
}
