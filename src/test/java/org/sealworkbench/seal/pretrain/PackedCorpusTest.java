package org.sealworkbench.seal.pretrain;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sealworkbench.llm.training.SftBatch;

class PackedCorpusTest {
    static final int EOS = 0;

    /** Documents of distinct token values (doc i is all i+1), so a window's content tells which documents it holds. */
    static List<int[]> docs(int n, long seed) {
        Random r = new Random(seed);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] d = new int[3 + r.nextInt(12)];
            java.util.Arrays.fill(d, i + 1);
            out.add(d);
        }
        return out;
    }

    @Test
    void everyWindowStartsAtADocumentAndNoDocumentStraddlesTwo() {
        List<int[]> docs = docs(200, 1);
        PackedCorpus c = PackedCorpus.pack(docs, EOS, 32, 7);
        long real = 0;
        for (int[] d : docs) real += d.length + 1;
        assertEquals(real, c.tokens(), "every document and its EOS, padding not counted");
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int w = 0; w < c.windows(); w++) {
            SftBatch b = batchOfWindow(c, w);
            int first = (int) b.ids()[0];
            assertNotEquals(EOS, first, "a window starts with a document");
            int prev = -1;
            for (int i = 0; i < 32; i++) {
                int t = (int) b.ids()[i];
                if (t != EOS && t != prev) {
                    assertTrue(seen.add(t), "document " + t + " appears in two windows");
                    assertEquals(docs.get(t - 1).length, count(b.ids(), t), "document " + t + " whole in its window");
                }
                if (t != EOS) prev = t;
                if (b.weights()[i] == 0f && i > 0) assertEquals(EOS, t, "only padding is not a target");
            }
        }
        assertEquals(200, seen.size());
    }

    @Test
    void aDocumentLongerThanAWindowFillsSeveralAndPaddingIsNoTarget() {
        List<int[]> docs = new ArrayList<>();
        int[] big = new int[70];
        java.util.Arrays.fill(big, 5);
        docs.add(big);
        docs.add(new int[] {6, 6, 6});
        PackedCorpus c = PackedCorpus.pack(docs, EOS, 32, 1);
        assertEquals(71 + 4, c.tokens());
        int padded = 0;
        for (int w = 0; w < c.windows(); w++) {
            SftBatch b = batchOfWindow(c, w);
            for (int i = 1; i < 32; i++) if (b.weights()[i] == 0f) padded++;
        }
        assertEquals(c.windows() * 32 - 75, padded, "targets = real tokens minus each window's first; the rest is padding");
        assertTrue(c.windows() >= 3);
    }

    @Test
    void theSameSeedPacksTheSameWindows() {
        SftBatch a = PackedCorpus.pack(docs(50, 2), EOS, 16, 3).batch(5, 4);
        SftBatch b = PackedCorpus.pack(docs(50, 2), EOS, 16, 3).batch(5, 4);
        assertArrayEquals(a.ids(), b.ids());
        assertArrayEquals(a.weights(), b.weights());
    }

    private static SftBatch batchOfWindow(PackedCorpus c, int w) {
        // Steps of one window each visit every window once per epoch; find the step holding window w.
        for (int s = 0; s < c.windows(); s++) if (c.windowsOf(s, 1)[0] == w) return c.batch(s, 1);
        throw new AssertionError("window " + w + " never visited");
    }

    private static int count(long[] ids, int t) {
        int n = 0;
        for (long x : ids) if (x == t) n++;
        return n;
    }

    @Test
    void leadingDocumentsFillTheFirstStepsOfTheFirstEpochOnlyAndNothingIsLost() {
        List<int[]> all = docs(200, 2);
        List<int[]> lead = all.subList(0, 40);      // values 1..40
        List<int[]> rest = all.subList(40, 200);    // values 41..200
        PackedCorpus c = PackedCorpus.pack(lead, rest, EOS, 32, 7);
        assertEquals(PackedCorpus.pack(all, EOS, 32, 7).tokens(), c.tokens(), "the same tokens, only in another order");
        int leadWindows = PackedCorpus.pack(lead, EOS, 32, 7).windows();
        int batch = 2;
        java.util.Set<Integer> firstEpoch = new java.util.HashSet<>();
        boolean leadLater = false;
        for (long step = 0; step * batch < 2L * c.windows(); step++) {
            int[] w = c.windowsOf(step, batch);
            SftBatch b = c.batch(step, batch);
            for (int r = 0; r < batch; r++) {
                long k = step * batch + r;
                int value = (int) b.ids()[r * 32];
                if (k < leadWindows) assertTrue(value <= 40, "leading window " + k + " holds document " + value);
                else if (k < c.windows()) assertTrue(value > 40, "window " + k + " of epoch 0 holds leading document " + value);
                else if (value <= 40 && k % c.windows() >= leadWindows) leadLater = true;
                if (k < c.windows()) firstEpoch.add(w[r]);
            }
        }
        assertEquals(c.windows(), firstEpoch.size(), "the first epoch visits every window once");
        assertTrue(leadLater, "later epochs mix the leading windows in");
    }
}
