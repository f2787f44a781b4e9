package org.sealworkbench.data;

import java.util.List;
import java.util.Locale;

/** A SQuAD-style passage as SEAL uses it: {title, context, questions:[{question, answer}]}. */
public record Passage(String title, String context, List<Question> questions) {
    /**
     * The longest passage (its context, in characters) the workbench imports: 100,000 characters, about 25,000 tokens.
     * SEAL's passages are SQuAD paragraphs of a few hundred words, and the inner loop trains on the whole passage as one
     * sequence, so a passage must fit a model's context: seal-tiny's is 512 tokens, Qwen2.5's 32,768 (about 130,000
     * characters). A longer text is a chapter or a book, not a passage; pasted or imported whole it would also make every
     * table and dialog that shows it slow. Shorter passages that still do not fit the chosen model are refused when a job
     * would use them, in tokens (see seal.ContextFit).
     */
    public static final int MAX_CONTEXT_CHARS = 100_000;

    public Passage {
        questions = List.copyOf(questions);
    }

    /**
     * Why a passage is too long to import, or null when it is not: "the passage ("Title") is 5,242,880 characters long,
     * more than a passage may have (100,000 characters, about 25,000 tokens): split the text into passages".
     */
    public static String tooLong(String title, String context) {
        if (context == null || context.length() <= MAX_CONTEXT_CHARS) return null;
        String name = title == null || title.isBlank() ? "untitled" : "\"" + shortTitle(title.strip()) + "\"";
        return String.format(Locale.ROOT, "the passage (%s) is %,d characters long, more than a passage may have (%,d"
                + " characters, about %,d tokens; SEAL trains on a passage as one sequence, which must fit the model's"
                + " context): split the text into passages", name, context.length(), MAX_CONTEXT_CHARS, MAX_CONTEXT_CHARS / 4);
    }

    private static String shortTitle(String t) {
        return t.length() <= 80 ? t : t.substring(0, 77) + "...";
    }
}
