package org.sealworkbench.seal.pretrain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.sealworkbench.llm.training.SftBatch;

/**
 * The tokenised corpus packed into fixed-length windows: documents in a seeded shuffled order, each
 * followed by EOS, and every window starts at a document's start (whole documents are packed greedily, the
 * rest of a window is EOS padding that is not a target). A document never straddles two windows unless it
 * is longer than one: a self-edit demonstration cut in two would teach the model to write implications
 * without their passage in sight, i.e. not to copy from it. The batch of step {@code s} is a pure function of (seed, s): windows are
 * visited in a fresh seeded permutation per epoch, so a resumed run sees exactly the batches the
 * uninterrupted one would have.
 */
public final class PackedCorpus {
    private final int context;
    private final int[] stream;
    private final int[] used;     // real tokens (documents and their EOS) at the start of each window
    private final int windows;
    private final long tokens;
    private final long seed;
    private final int lead;       // windows 0..lead-1 come first in epoch 0 (a curriculum), in shuffled order

    private PackedCorpus(int context, int[] stream, int[] used, long seed, int lead) {
        this.lead = lead;
        this.context = context;
        this.stream = stream;
        this.used = used;
        this.windows = used.length;
        long t = 0;
        for (int u : used) t += u;
        this.tokens = t;
        this.seed = seed;
        if (windows < 1) throw new IllegalArgumentException("an empty corpus has no window of " + context + " tokens");
    }

    /** Packs tokenised documents; the document order is shuffled with {@code seed} first. */
    public static PackedCorpus pack(List<int[]> documents, int eos, int context, long seed) {
        return pack(List.of(), documents, eos, context, seed);
    }

    /**
     * Packs {@code leading} documents into windows of their own that the first epoch visits before all others (each
     * group shuffled with {@code seed}); later epochs mix every window. seal-tiny uses it to see dense copying first.
     */
    public static PackedCorpus pack(List<int[]> leading, List<int[]> documents, int eos, int context, long seed) {
        List<int[]> windows = new ArrayList<>();
        List<Integer> used = new ArrayList<>();
        packInto(leading, eos, context, seed, windows, used);
        int lead = windows.size();
        packInto(documents, eos, context, seed, windows, used);
        int[] stream = new int[windows.size() * context];
        for (int w = 0; w < windows.size(); w++) System.arraycopy(windows.get(w), 0, stream, w * context, context);
        return new PackedCorpus(context, stream, used.stream().mapToInt(Integer::intValue).toArray(), seed, lead);
    }

    private static void packInto(List<int[]> documents, int eos, int context, long seed, List<int[]> windows, List<Integer> used) {
        List<int[]> docs = new ArrayList<>(documents);
        Collections.shuffle(docs, new Random(seed));
        int[] cur = null;
        int at = 0;
        for (int[] d : docs) {
            int len = d.length + 1;
            if (cur != null && at + len > context) {   // does not fit: close the window
                windows.add(cur);
                used.add(at);
                cur = null;
            }
            for (int off = 0; off < len; ) {            // a document longer than a window fills several
                if (cur == null) {
                    cur = new int[context];
                    java.util.Arrays.fill(cur, eos);
                    at = 0;
                }
                int n = Math.min(len - off, context - at);
                for (int i = 0; i < n; i++) cur[at + i] = off + i < d.length ? d[off + i] : eos;
                at += n;
                off += n;
                if (at == context) {
                    windows.add(cur);
                    used.add(at);
                    cur = null;
                }
            }
        }
        if (cur != null && at > 1) {
            windows.add(cur);
            used.add(at);
        }
    }

    public int windows() {
        return windows;
    }

    /** Real tokens (documents and their EOS), padding not counted. */
    public long tokens() {
        return tokens;
    }

    public int context() {
        return context;
    }

    /** The window indices of step {@code step} (0-based) with {@code batch} windows per step. */
    public int[] windowsOf(long step, int batch) {
        int[] out = new int[batch];
        for (int i = 0; i < batch; i++) {
            long k = step * batch + i;
            int epoch = (int) (k / windows);
            out[i] = permutation(epoch)[(int) (k % windows)];
        }
        return out;
    }

    private int cachedEpoch = -1;
    private int[] cachedPermutation;

    private synchronized int[] permutation(int epoch) {
        if (epoch != cachedEpoch) {
            int[] p = new int[windows];
            for (int i = 0; i < windows; i++) p[i] = i;
            Random r = new Random(seed * 1_000_003L + epoch);
            if (epoch == 0 && lead > 0) {       // the leading windows first, each part shuffled
                shuffle(p, 0, lead, r);
                shuffle(p, lead, windows, r);
            } else {
                shuffle(p, 0, windows, r);
            }
            cachedPermutation = p;
            cachedEpoch = epoch;
        }
        return cachedPermutation;
    }

    /** Fisher-Yates on p[from, to). */
    private static void shuffle(int[] p, int from, int to, Random r) {
        for (int i = to - 1; i > from; i--) {
            int j = from + r.nextInt(i - from + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
    }

    /** The training batch of a step: every real token of every window is a target (except each row's first). */
    public SftBatch batch(long step, int batch) {
        int[] w = windowsOf(step, batch);
        long[] ids = new long[batch * context];
        float[] weights = new float[batch * context];
        for (int r = 0; r < batch; r++) {
            int start = w[r] * context;
            for (int c = 0; c < context; c++) {
                ids[r * context + c] = stream[start + c];
                weights[r * context + c] = c == 0 || c >= used[w[r]] ? 0f : 1f;
            }
        }
        return new SftBatch(batch, context, ids, weights);
    }

    /** Epochs covered by {@code steps} steps of {@code batch} windows. */
    public double epochs(long steps, int batch) {
        return steps * (double) batch / windows;
    }
}
