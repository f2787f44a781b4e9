package org.sealworkbench.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decodes UTF-8 strictly: a malformed byte anywhere in the file stops the read with a
 * {@link DataFormatException} naming the file, the line and the byte offset. {@code InputStreamReader}
 * would put U+FFFD in its place and go on, and {@code Files.newBufferedReader} fails with only
 * "Input length = 1". Written by hand because the JDK's decoder reports where the bad byte is only to a
 * caller that feeds it buffers itself, which is what this class does. It also remembers the last
 * character it delivered, so a JSONL reader can tell whether the file ended with a newline.
 */
public final class StrictUtf8Reader extends Reader {
    private final InputStream in;
    private final String file;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
    private final CharBuffer chars = CharBuffer.allocate(1 << 16);
    /** Bytes dropped from the front of {@code bytes} so far: a byte at position p is at file offset dropped + p. */
    private long dropped;
    private long newlines;
    private boolean eof;
    private boolean flushed;
    private int lastChar = -1;
    private boolean startChecked;

    public StrictUtf8Reader(InputStream in, String file) {
        this.in = in;
        this.file = file;
        bytes.flip(); // read mode, empty
        chars.flip();
    }

    /** A strict reader over a file on disk (buffered by this class). */
    public static StrictUtf8Reader open(Path path) throws IOException {
        return new StrictUtf8Reader(Files.newInputStream(path), path.toString());
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (!chars.hasRemaining()) {
            if (!fill()) return -1;
        }
        int n = Math.min(len, chars.remaining());
        chars.get(cbuf, off, n);
        lastChar = cbuf[off + n - 1];
        return n;
    }

    /** The last character delivered, or -1 before the first. */
    public int lastChar() {
        return lastChar;
    }

    /** Decodes the next chunk into {@code chars}; false at the end of the input. */
    private boolean fill() throws IOException {
        if (flushed) return false;
        chars.clear();
        try {
            while (true) {
                int before = chars.position();
                CoderResult r = decoder.decode(bytes, chars, eof);
                countNewlines(before);
                if (r.isError()) throw malformed(r);
                if (r.isOverflow()) break;
                // Underflow: everything given was decoded (maybe short of a partial sequence at the end).
                if (eof) {
                    decoder.flush(chars);
                    flushed = true;
                    break;
                }
                if (chars.position() > 0) break;
                refill();
            }
        } finally {
            chars.flip();
        }
        return chars.hasRemaining() || !flushed;
    }

    private void refill() throws IOException {
        dropped += bytes.position();
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) eof = true;
        else bytes.position(bytes.position() + n);
        bytes.flip();
        if (dropped == 0 && !startChecked && (bytes.limit() >= 2 || eof)) {
            startChecked = true;
            checkNotUtf16();
        }
    }

    /**
     * A file saved as UTF-16 (Windows' "Unicode"): with a byte-order mark it failed as "invalid UTF-8 at byte offset 0
     * (0xFF)", without one as JSON with "unexpected character U+0000" in it. Say what it is instead. Zero bytes are
     * valid UTF-8 but never part of JSON text, so one beside each of the first characters is UTF-16's mark.
     */
    private void checkNotUtf16() throws DataFormatException {
        int n = bytes.limit();
        if (n < 2) return;
        int b0 = bytes.get(0) & 0xFF;
        int b1 = bytes.get(1) & 0xFF;
        String bom = b0 == 0xFF && b1 == 0xFE ? "0xFF 0xFE" : b0 == 0xFE && b1 == 0xFF ? "0xFE 0xFF" : null;
        boolean zeros = n >= 4 && ((b0 != 0 && b1 == 0 && bytes.get(2) != 0 && bytes.get(3) == 0)
                || (b0 == 0 && b1 != 0 && bytes.get(2) == 0 && bytes.get(3) != 0));
        if (bom == null && !zeros) return;
        throw new DataFormatException(file + ": not UTF-8 text: the file is UTF-16 ("
                + (bom != null ? "it starts with UTF-16's byte-order mark " + bom : "a zero byte beside each character")
                + "); save it as UTF-8");
    }

    private void countNewlines(int from) {
        for (int i = from; i < chars.position(); i++) if (chars.get(i) == '\n') newlines++;
    }

    private DataFormatException malformed(CoderResult r) {
        int p = bytes.position();
        long offset = dropped + p;
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < r.length() && p + i < bytes.limit(); i++) {
            if (i > 0) hex.append(' ');
            hex.append(String.format("0x%02X", bytes.get(p + i) & 0xFF));
        }
        String what = eof && p + r.length() >= bytes.limit() && r.length() > 0 && (bytes.get(p) & 0xC0) == 0xC0
                ? "the file ends inside a UTF-8 character" : "invalid UTF-8";
        return new DataFormatException(file + ": line " + (newlines + 1) + ": not UTF-8 text: " + what
                + " at byte offset " + offset + " (" + hex + "); the file must be saved as UTF-8");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
