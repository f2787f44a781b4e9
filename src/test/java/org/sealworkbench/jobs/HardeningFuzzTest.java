package org.sealworkbench.jobs;
import org.sealworkbench.util.Progress;
import org.sealworkbench.util.CancelToken;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.llm.io.FloatTensor;
import org.sealworkbench.llm.io.SafeTensors;
import org.sealworkbench.llm.io.SafeTensorsException;
import org.sealworkbench.llm.io.SafeTensorsWriter;
import org.sealworkbench.llm.io.TensorInfo;
import org.sealworkbench.seal.RunResultsFixture;
import org.sealworkbench.store.Counts;
import org.sealworkbench.store.ExperimentLog;

/**
 * Issue 20's fuzzing as a test: seeded mutations of every import format and of a safetensors file, in one
 * JVM. Every failure must be a clear error naming the file and a place; a failed import stores nothing; an
 * accepted file stores no replacement characters; no other exception escapes.
 */
@Tag("slow")
class HardeningFuzzTest {
    @TempDir
    Path tmp;

    private static final long SEED = 20;
    private static final int IMPORT_MUTATIONS_PER_FORMAT = 170; // x 6 formats = 1,020
    private static final int SAFETENSORS_MUTATIONS = 520;

    /** Where in a file: what every import error must name besides the file. */
    private static final Pattern PLACE = Pattern.compile(
            "line \\d+|record \\d+|column \\d+|byte offset \\d+|articles\\[\\d+\\]|after article \\d+|\\(top level\\)"
                    + "|field \"|the file is empty|\"[a-z_]+\": ");

    private static final String[] JUNK = {"x", "NaN", "'a'", "tru", "nul", "\\q", "}", "]", ",", ":", "\"", "{\"a\":",
            "\n", "\r\n", "\t", "\u0000", "\\u12", "1e999", "-", "[[", "0x1F"};
    private static final byte[][] BAD_UTF8 = {{(byte) 0xFF}, {(byte) 0xC3}, {(byte) 0xE2, (byte) 0x82},
            {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0x80}, {(byte) 0xF8, 0x41}};

    private Path jsonlBase() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            b.append("{\"title\":\"Place ").append(i).append("\",\"context\":\"Place ").append(i)
                    .append(" was founded in ").append(1800 + i).append(" by a miller.\",\"questions\":[{\"question\":")
                    .append("\"When was Place ").append(i).append(" founded?\",\"answer\":\"").append(1800 + i).append("\"}]}\n");
        }
        return write("base.jsonl", b.toString().getBytes(StandardCharsets.UTF_8));
    }

    private Path squadBase() throws IOException {
        StringBuilder b = new StringBuilder("{\"version\":\"v2.0\",\"data\":[{\"title\":\"Rivers\",\"paragraphs\":[");
        for (int i = 0; i < 12; i++) {
            b.append(i > 0 ? "," : "").append("{\"context\":\"River ").append(i).append(" is ").append(10 * i + 5)
                    .append(" km long.\",\"qas\":[{\"id\":\"q").append(i).append("\",\"question\":\"How long is River ")
                    .append(i).append("?\",\"answers\":[{\"text\":\"").append(10 * i + 5)
                    .append(" km\",\"answer_start\":11}],\"is_impossible\":false}]}");
        }
        return write("base-squad.json", b.append("]}]}").toString().getBytes(StandardCharsets.UTF_8));
    }

    private Path sftBase() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 15; i++) {
            b.append("{\"prompt\":\"Passage: Tower ").append(i).append(" is white.\\nWrite implications.\",\"completion\":")
                    .append("\"Tower ").append(i).append(" is painted white.\"}\n");
        }
        return write("base-sft.jsonl", b.toString().getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path f = tmp.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    private static byte[] mutate(byte[] in, Random rnd, StringBuilder how) {
        List<Byte> b = new ArrayList<>(in.length + 16);
        for (byte x : in) b.add(x);
        int n = 1 + rnd.nextInt(3);
        for (int k = 0; k < n; k++) {
            int size = b.size();
            int at = size == 0 ? 0 : rnd.nextInt(size);
            switch (rnd.nextInt(8)) {
                case 0 -> {
                    if (size > 0) {
                        b.set(at, (byte) rnd.nextInt(256));
                        how.append(" set@").append(at);
                    }
                }
                case 1 -> {
                    b.add(at, (byte) rnd.nextInt(256));
                    how.append(" ins@").append(at);
                }
                case 2 -> {
                    if (size > 0) {
                        b.remove(at);
                        how.append(" del@").append(at);
                    }
                }
                case 3 -> {
                    while (b.size() > at) b.remove(b.size() - 1);
                    how.append(" cut@").append(at);
                }
                case 4 -> {
                    byte[] bad = BAD_UTF8[rnd.nextInt(BAD_UTF8.length)];
                    for (int i = bad.length - 1; i >= 0; i--) b.add(at, bad[i]);
                    how.append(" utf8@").append(at);
                }
                case 5 -> {
                    String j = JUNK[rnd.nextInt(JUNK.length)];
                    byte[] jb = j.getBytes(StandardCharsets.UTF_8);
                    for (int i = jb.length - 1; i >= 0; i--) b.add(at, jb[i]);
                    how.append(" junk@").append(at);
                }
                case 6 -> {
                    int len = Math.min(size - at, 1 + rnd.nextInt(40));
                    List<Byte> chunk = new ArrayList<>(b.subList(at, at + len));
                    b.addAll(Math.min(b.size(), at + len), chunk);
                    how.append(" dup@").append(at);
                }
                default -> {
                    // Swap a structural character for another.
                    String s = "{}[]:,\"";
                    for (int tries = 0; tries < 50 && size > 0; tries++) {
                        int i = rnd.nextInt(size);
                        if (s.indexOf(b.get(i)) >= 0) {
                            b.set(i, (byte) s.charAt(rnd.nextInt(s.length())));
                            how.append(" struct@").append(i);
                            break;
                        }
                    }
                }
            }
        }
        byte[] out = new byte[b.size()];
        for (int i = 0; i < out.length; i++) out[i] = b.get(i);
        return out;
    }

    private static long total(Counts c) {
        return c.passages() + c.questions() + c.selfEdits() + c.models() + c.runs() + c.answers() + c.grades();
    }

    @Test
    void mutatedImportsFailClearlyAndLeaveNothing() throws IOException {
        Map<String, Path> bases = new LinkedHashMap<>();
        bases.put("seal-json", write("base-passages.json", Files.readAllBytes(Path.of("sample-data", "passages.json"))));
        bases.put("self-edits", write("base-edits.json", Files.readAllBytes(Path.of("sample-data", "self-edits-example.json"))));
        bases.put("jsonl", jsonlBase());
        bases.put("squad", squadBase());
        bases.put("run-results", RunResultsFixture.write(tmp.resolve("run_0612_101010.json"), false));
        bases.put("sft", sftBase());
        Random rnd = new Random(SEED);
        int imports = 0;
        int failed = 0;
        Map<String, Integer> failedByFormat = new LinkedHashMap<>();
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            for (Map.Entry<String, Path> base : bases.entrySet()) {
                byte[] original = Files.readAllBytes(base.getValue());
                String ext = base.getValue().getFileName().toString().endsWith(".jsonl") ? ".jsonl" : ".json";
                for (int i = 0; i < IMPORT_MUTATIONS_PER_FORMAT; i++) {
                    StringBuilder how = new StringBuilder();
                    byte[] mutated = mutate(original, rnd, how);
                    // The run-results importer takes its names from the file's name, so keep its shape.
                    String name = base.getKey().equals("run-results") ? "run_0612_1010" + String.format("%02d", i % 100) + ".json"
                            : "m" + i + "-" + base.getKey() + ext;
                    Path f = tmp.resolve(name);
                    Files.write(f, mutated);
                    String what = base.getKey() + " mutation " + i + ":" + how;
                    long before = total(log.counts());
                    imports++;
                    try {
                        new ImportJob(f, log).run(Progress.none(), new CancelToken());
                    } catch (JobFailedException e) {
                        failed++;
                        failedByFormat.merge(base.getKey(), 1, Integer::sum);
                        String m = e.getMessage();
                        assertTrue(m.contains(f.toString()), what + ": error does not name the file: " + m);
                        assertTrue(PLACE.matcher(m.replace(f.toString(), "")).find(), what + ": error names no place: " + m);
                        assertFalse(m.contains("setStrictness") || m.contains("Input length"), what + ": library words: " + m);
                        assertTrue(m.endsWith("(nothing imported)"), what + ": " + m);
                        assertEquals(before, total(log.counts()), what + ": a failed import left rows behind: " + m);
                    } catch (RuntimeException e) {
                        throw new AssertionError(what + ": uncaught " + e, e);
                    }
                    Files.delete(f);
                }
            }
            // No silent replacement characters: the originals hold none, so no stored text may.
            for (var p : log.passages()) {
                var d = log.passage(p.id()).orElseThrow();
                assertFalse(d.title().contains("\uFFFD") || d.context().contains("\uFFFD"), "U+FFFD stored in passage " + p.id());
                for (var q : d.questions()) {
                    assertFalse(q.question().contains("\uFFFD") || q.answer().contains("\uFFFD"), "U+FFFD in question " + q.id());
                }
                for (var s : log.selfEdits(p.id())) assertFalse(s.text().contains("\uFFFD"), "U+FFFD in self-edit " + s.id());
            }
            assertEquals("ok", log.integrityCheck());
        }
        assertTrue(imports >= 1000, "only " + imports + " imports");
        System.out.println("import fuzz: " + imports + " mutated imports, " + failed + " refused, "
                + (imports - failed) + " accepted; refused by format " + failedByFormat);
        assertTrue(failed > imports / 2, "most mutations should be refused: " + failed + " of " + imports);
    }

    @Test
    void mutatedSafetensorsFailClearly() throws IOException {
        Map<String, FloatTensor> t = new LinkedHashMap<>();
        t.put("z.weight", new FloatTensor(new long[]{2, 3}, new float[]{1f, -2f, 0.5f, 3.25f, -0f, 1024f}));
        t.put("a.bias", new FloatTensor(new long[]{3}, new float[]{0.125f, -7f, 65504f}));
        t.put("scalar", new FloatTensor(new long[]{}, new float[]{42f}));
        Path basePath = tmp.resolve("base.safetensors");
        SafeTensorsWriter.write(basePath, t, Map.of("format", "pt"), "F32");
        byte[] original = Files.readAllBytes(basePath);
        int headerLen = (int) ByteBuffer.wrap(original, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(original, 8, headerLen, StandardCharsets.UTF_8);
        Random rnd = new Random(SEED);
        int refused = 0;
        for (int i = 0; i < SAFETENSORS_MUTATIONS; i++) {
            StringBuilder how = new StringBuilder();
            byte[] m;
            switch (rnd.nextInt(6)) {
                case 0 -> { // bytes anywhere
                    m = mutate(original, rnd, how);
                }
                case 1 -> { // the header length field
                    m = original.clone();
                    long len = switch (rnd.nextInt(4)) {
                        case 0 -> headerLen - 1;
                        case 1 -> headerLen + 1;
                        case 2 -> rnd.nextLong();
                        default -> rnd.nextInt(original.length + 10);
                    };
                    ByteBuffer.wrap(m, 0, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(len);
                    how.append(" length=").append(len);
                }
                case 2 -> { // the header's JSON, same length (digits and punctuation edits keep offsets honest)
                    String[] from = {"[2,3]", "[3]", "\"F32\"", "\"format\":\"pt\"", "0,", ",24", "[]"};
                    String[] to = {"[2.0,3]", "[\"3\"]", "\"F16\"", "\"format\":1234", "-0,", ",2e1", "[0]"};
                    int k = rnd.nextInt(from.length);
                    String h = header.replace(from[k], to[k]);
                    m = withHeader(original, headerLen, h);
                    how.append(" header ").append(from[k]).append("->").append(to[k]);
                }
                case 3 -> { // bytes appended or cut at the end
                    int d = rnd.nextInt(9) - 4;
                    m = java.util.Arrays.copyOf(original, Math.max(0, original.length + (d == 0 ? 1_000_000 : d)));
                    how.append(" resize ").append(d == 0 ? 1_000_000 : d);
                }
                case 4 -> { // a duplicate entry or a non-object metadata
                    String h = rnd.nextBoolean()
                            ? header.replaceFirst("\\{\"", "{\"scalar\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]},\"")
                            : header.replace("\"__metadata__\":{\"format\":\"pt\"}", "\"__metadata__\":[\"pt\"]");
                    m = withHeader(original, headerLen, h);
                    how.append(" header dup/meta");
                }
                default -> { // a weight's bits (NaN, infinity or just another value)
                    m = original.clone();
                    int at = 8 + headerLen + rnd.nextInt(original.length - 8 - headerLen);
                    m[at] = (byte) (rnd.nextBoolean() ? 0xFF : rnd.nextInt(256));
                    how.append(" data@").append(at);
                }
            }
            Path f = tmp.resolve("m" + i + ".safetensors");
            Files.write(f, m);
            String what = "safetensors mutation " + i + ":" + how;
            try (SafeTensors st = SafeTensors.open(f)) {
                long sum = 0;
                for (TensorInfo info : st.tensors().values()) {
                    sum += info.byteLength();
                    if (!info.dtype().equals("F32") && !info.dtype().equals("F16") && !info.dtype().equals("BF16")) continue;
                    for (float v : st.readFloats(info.name())) assertTrue(Float.isFinite(v), what + ": non-finite weight read");
                }
                long hl = ByteBuffer.wrap(m, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
                assertEquals(m.length - 8 - hl, sum, what + ": accepted a file whose tensors do not fill its data exactly");
            } catch (SafeTensorsException e) {
                refused++;
                assertTrue(e.getMessage().startsWith(f + ": "), what + ": error does not name the file: " + e.getMessage());
            } catch (RuntimeException e) {
                throw new AssertionError(what + ": uncaught " + e, e);
            }
            Files.delete(f);
        }
        System.out.println("safetensors fuzz: " + SAFETENSORS_MUTATIONS + " mutated files, " + refused + " refused");
        assertTrue(refused > SAFETENSORS_MUTATIONS / 2, refused + " refused");
    }

    private static byte[] withHeader(byte[] original, int headerLen, String header) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + original.length - 8 - headerLen).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(original, 8 + headerLen, original.length - 8 - headerLen);
        return b.array();
    }
}
