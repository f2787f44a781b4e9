package org.sealworkbench.data;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StrictUtf8ReaderTest {
    private static String readAll(byte[] b) throws IOException {
        StringWriter w = new StringWriter();
        try (Reader r = new StrictUtf8Reader(new ByteArrayInputStream(b), "f.txt")) {
            r.transferTo(w);
        }
        return w.toString();
    }

    @Test
    void validTextDecodesAsTheJdkDoesAcrossBufferEdges() throws IOException {
        Random rnd = new Random(20);
        StringBuilder b = new StringBuilder();
        String[] pieces = {"a", "é", "€", "😀", "\n", "ß", "z"};
        while (b.length() < 300_000) b.append(pieces[rnd.nextInt(pieces.length)]);
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        assertEquals(b.toString(), readAll(bytes));
    }

    @Test
    void aBadByteFarInIsReportedWithLineAndOffset() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 5000; i++) b.append("line ").append(i).append(" é\n");
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        int at = bytes.length - 10;
        bytes[at] = (byte) 0x80; // a continuation byte with no start
        long line = new String(bytes, 0, at, StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count() + 1;
        DataFormatException e = assertThrows(DataFormatException.class, () -> readAll(bytes));
        assertEquals("f.txt: line " + line + ": not UTF-8 text: invalid UTF-8 at byte offset " + at
                + " (0x80); the file must be saved as UTF-8", e.getMessage());
    }
}
