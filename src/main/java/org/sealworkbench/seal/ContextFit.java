package org.sealworkbench.seal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.sealworkbench.llm.tokenizer.Tokenizer;
import org.sealworkbench.store.PassageDetail;
import org.sealworkbench.util.Refusal;

/**
 * Whether passages fit the model's context, checked before any work: a self-edit prompt must leave room for a self-edit
 * ({@link #MIN_ROOM} tokens at least, the few-shot round's rule), and the inner loop's training sequences (the passage
 * itself, as the last one, and each self-edit line) must be no longer than the context. Beyond it the model reads
 * positions it never learnt, and what it writes or learns there is noise: the engine itself does not stop there, so the
 * method refuses instead, naming each passage and its length in tokens, with the few-shot round's wording
 * ("2 of 5 passages' self-edit prompts leave no room in seal-tiny's 512-token context (longest 1322 tokens; a self-edit
 * needs 16 more).").
 */
public final class ContextFit {
    /** The fewest tokens a self-edit needs after its prompt (shorter, it can say nothing useful). */
    public static final int MIN_ROOM = 16;

    private ContextFit() {
    }

    /** "passage 12 ("Title")", a passage as the refusals name it. */
    public static String name(PassageDetail p) {
        String t = p.title() == null || p.title().isBlank() ? "untitled" : p.title().strip();
        return "passage " + p.id() + " (" + (t.equals("untitled") ? t : "\"" + (t.length() > 60 ? t.substring(0, 57) + "..." : t) + "\"") + ")";
    }

    /**
     * The passages whose self-edit prompt (rendered with {@code template}) leaves fewer than {@link #MIN_ROOM} tokens in a
     * context of {@code context} tokens, each with its prompt's length, in the passages' order (empty: all fit).
     */
    public static Map<String, Integer> promptsWithoutRoom(Tokenizer tokenizer, int context, PromptTemplates template,
                                                          List<PassageDetail> passages) {
        return promptsWithoutRoom(tokenizer, context, template::render, passages);
    }

    /** As above with any prompt: {@code render} gives a passage's (title, text) prompt. */
    public static Map<String, Integer> promptsWithoutRoom(Tokenizer tokenizer, int context, BiFunction<String, String, String> render,
                                                          List<PassageDetail> passages) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (PassageDetail p : passages) {
            int n = tokenizer.encode(render.apply(p.title(), p.context()), true).length;
            if (context - n < MIN_ROOM) out.put(name(p), n);
        }
        return out;
    }

    /** As above, refused: throws {@link PromptsTooLong} when any passage's prompt leaves no room. */
    public static void checkPrompts(String model, Tokenizer tokenizer, int context, PromptTemplates template,
                                    List<PassageDetail> passages) {
        checkPrompts(model, tokenizer, context, template::render, passages);
    }

    /** As above with any prompt: {@code render} gives a passage's (title, text) prompt. */
    public static void checkPrompts(String model, Tokenizer tokenizer, int context, BiFunction<String, String, String> render,
                                    List<PassageDetail> passages) {
        Map<String, Integer> tooLong = promptsWithoutRoom(tokenizer, context, render, passages);
        if (!tooLong.isEmpty()) throw new PromptsTooLong(model, context, "passage", passages.size(), tooLong,
                "Use a model with a longer context, or leave those passages out (or split them into shorter passages)");
    }

    /**
     * The length in tokens of a passage's own training sequence (title, a line break, the text: the inner loop's last
     * sequence, {@link SelfEditSequences}) as the inner loop gives it to the trainer ({@link #asTrained}).
     */
    public static int passageSequenceTokens(Tokenizer tokenizer, InnerLoopSettings s, PassageDetail p) {
        List<String> seqs = SelfEditSequences.build(p.title(), p.context(), "", s);
        return asTrained(tokenizer.encode(seqs.get(seqs.size() - 1), true).length, s);
    }

    /** A sequence's length once the inner loop's padding rule has cut or padded it ({@code InnerLoop.trainingExamples}). */
    public static int asTrained(int tokens, InnerLoopSettings s) {
        if (s.padToLength() <= 0) return tokens;
        return s.lossOnPadding() ? s.padToLength() : Math.min(tokens, s.padToLength());
    }

    /** Refuses ({@link SequencesTooLong}) when a passage's own training sequence is longer than the context. */
    public static void checkPassages(String model, Tokenizer tokenizer, int context, InnerLoopSettings s,
                                     List<PassageDetail> passages) {
        Map<String, Integer> tooLong = new LinkedHashMap<>();
        for (PassageDetail p : passages) {
            int n = passageSequenceTokens(tokenizer, s, p);
            if (n > context) tooLong.put(name(p), n);
        }
        if (!tooLong.isEmpty()) throw SequencesTooLong.ofPassages(model, context, passages.size(), tooLong);
    }

    /**
     * The few-shot round's refusal wording for any unit (task, passage): "seal-tiny has a context of 512 tokens, which
     * leaves no room (16 tokens at least) for a self-edit after the prompt of 2 of 5 passages: passage 12 ("T"): its
     * self-edit prompt is 1322 tokens; ... ADVICE".
     */
    public static String promptsMessage(String model, int context, String unit, int total, Map<String, Integer> promptTokens,
                                        String advice) {
        return model + " has a context of " + context + " tokens, which leaves no room (" + MIN_ROOM + " tokens at least) for"
                + " a self-edit after the prompt of " + promptTokens.size() + " of " + total + " " + unit + "s: "
                + String.join("; ", promptTokens.entrySet().stream().map(e -> unit + " " + bare(unit, e.getKey())
                + ": its self-edit prompt is " + e.getValue() + " tokens").toList()) + ". " + advice;
    }

    /** "13 of 13 tasks' self-edit prompts leave no room in seal-tiny's 512-token context (longest 1322 tokens; a self-edit needs 16 more)." */
    public static String promptsSummary(String model, int context, String unit, int total, Map<String, Integer> promptTokens) {
        int longest = promptTokens.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return String.format(Locale.ROOT, "%d of %d %ss' self-edit prompts leave no room in %s's %d-token context "
                + "(longest %d tokens; a self-edit needs %d more).", promptTokens.size(), total, unit, model, context, longest,
                MIN_ROOM);
    }

    /** A name without its unit's word in front ("12 ("T")" of "passage 12 ("T")"), as the messages put the word back. */
    private static String bare(String unit, String name) {
        return name.startsWith(unit + " ") ? name.substring(unit.length() + 1) : name;
    }

    /** Passages whose self-edit prompts leave no room in the model's context: refused before any sampling. */
    public static final class PromptsTooLong extends Refusal {
        private static final long serialVersionUID = 1L;
        private final String summary;
        private final Map<String, Integer> promptTokens;

        public PromptsTooLong(String model, int context, String unit, int total, Map<String, Integer> promptTokens, String advice) {
            super(promptsMessage(model, context, unit, total, promptTokens, advice));
            this.summary = promptsSummary(model, context, unit, total, promptTokens);
            this.promptTokens = Collections.unmodifiableMap(new LinkedHashMap<>(promptTokens));
        }

        /** Each refused unit ("passage 12 ("T")") with its prompt's length in tokens. */
        public Map<String, Integer> promptTokens() {
            return promptTokens;
        }

        @Override
        public String summary() {
            return summary;
        }
    }

    /** Training sequences longer than the model's context: refused before any inner loop trains. */
    public static final class SequencesTooLong extends Refusal {
        private static final long serialVersionUID = 1L;
        private final String summary;
        private final Map<String, Integer> tokens;

        private SequencesTooLong(String message, String summary, Map<String, Integer> tokens) {
            super(message);
            this.summary = summary;
            this.tokens = Collections.unmodifiableMap(new LinkedHashMap<>(tokens));
        }

        /** Passages whose own sequence is too long, each with its length. */
        static SequencesTooLong ofPassages(String model, int context, int total, Map<String, Integer> tokens) {
            int longest = tokens.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            List<String> each = new ArrayList<>();
            tokens.forEach((k, v) -> each.add(k + ": " + v + " tokens"));
            return new SequencesTooLong(model + " has a context of " + context + " tokens, and the inner loop trains on each"
                    + " passage as one sequence (its title and text), which must fit it; " + tokens.size() + " of " + total
                    + " passages are longer: " + String.join("; ", each) + ". Use a model with a longer context, or leave"
                    + " those passages out (or split them into shorter passages)",
                    String.format(Locale.ROOT, "%d of %d passages are longer than %s's %d-token context as training sequences"
                            + " (longest %d tokens).", tokens.size(), total, model, context, longest), tokens);
        }

        /** Self-edits (with their passages) that give a training sequence longer than the context, each with its longest. */
        static SequencesTooLong ofSelfEdits(String model, int context, int total, Map<String, Integer> tokens) {
            int longest = tokens.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            List<String> each = new ArrayList<>();
            tokens.forEach((k, v) -> each.add(k + ": " + v + " tokens"));
            return new SequencesTooLong(model + " has a context of " + context + " tokens, which every training sequence of"
                    + " the inner loop must fit; " + tokens.size() + " of " + total + " self-edits give a longer one (the"
                    + " longest of each): " + String.join("; ", each) + ". Use a model with a longer context, or self-edits"
                    + " with shorter lines", String.format(Locale.ROOT, "%d of %d self-edits give training sequences longer"
                    + " than %s's %d-token context (longest %d tokens).", tokens.size(), total, model, context, longest),
                    tokens);
        }

        /** Each refused passage or self-edit with its (longest) sequence's length in tokens. */
        public Map<String, Integer> tokens() {
            return tokens;
        }

        @Override
        public String summary() {
            return summary;
        }
    }
}
