package org.sealworkbench.seal;

import java.util.Locale;
import org.sealworkbench.llm.generation.Generation;

/**
 * Why generated text (a self-edit sample, a closed-book answer, a few-shot draw) ended, as the window and the command line
 * tell it: nothing where it ended as the model meant (its end-of-sequence token, a stop string) or where it is not known (an
 * answer stored before answers recorded it, an imported one); where a limit cut it, a brief form for a narrow place (a
 * column's status line, beside an answer in a table: "token limit (32)", "context full (512)") and the whole sentence for
 * its tooltip and the status bar ("stopped: the new-token limit (32 tokens) is reached", {@link Generation#tokenLimit};
 * "stopped: the model's context (512 tokens) is full", {@link Generation#contextFull}).
 *
 * @param brief    "" when nothing is to be said
 * @param sentence "" when nothing is to be said
 */
public record Ending(String brief, String sentence) {
    /** Nothing to tell: ended as the model meant, or not known. */
    public static final Ending NONE = new Ending("", "");

    /** How an answer's or a sample's finish is stored ({@code answers.finish}, a sampling record's "finish"). */
    public static String stored(Generation.Finish f) {
        return f.name().toLowerCase(Locale.ROOT);
    }

    /** The limit that cut a generation that ended with {@code f}: the new-token limit, the model's context; null otherwise. */
    public static Integer limitOf(Generation.Finish f, int maxNewTokens, int contextTokens) {
        return switch (f) {
            case MAX_TOKENS -> maxNewTokens;
            case CONTEXT -> contextTokens;
            default -> null;
        };
    }

    /** A generation that reached its new-token limit. */
    public static Ending tokenLimit(int maxNewTokens) {
        return new Ending("token limit (" + maxNewTokens + ")", Generation.tokenLimit(maxNewTokens));
    }

    /** A generation that filled the model's context. */
    public static Ending contextFull(int contextTokens) {
        return new Ending("context full (" + contextTokens + ")", Generation.contextFull(contextTokens));
    }

    /**
     * A stored finish ({@link #stored(Generation.Finish)}'s name; null: not recorded) with the limit stored beside it (null
     * when not recorded). A finish this build does not know reads as nothing to tell.
     */
    public static Ending of(String finish, Integer limit) {
        if (finish == null) return NONE;
        if (finish.equals(stored(Generation.Finish.MAX_TOKENS))) {
            return limit == null ? new Ending("token limit", "stopped: the new-token limit is reached") : tokenLimit(limit);
        }
        if (finish.equals(stored(Generation.Finish.CONTEXT))) {
            return limit == null ? new Ending("context full", "stopped: the model's context is full") : contextFull(limit);
        }
        return NONE;
    }

    /** A stored finish of a generation with these limits: the new-token limit it was given, the model's context. */
    public static Ending of(String finish, int maxNewTokens, int contextTokens) {
        return of(finish, stored(Generation.Finish.CONTEXT).equals(finish) ? contextTokens : maxNewTokens);
    }

    /**
     * A finish as stored ({@link #stored(Generation.Finish)}'s name; null: not recorded) with the limit that cut it (null
     * when none did): what a store keeps of why a text ended, to be told later as an {@link Ending}.
     */
    public record Stored(String finish, Integer limit) {
        /** Not recorded (a text stored before its ending was). */
        public static final Stored UNKNOWN = new Stored(null, null);

        /** A generation that ended with {@code f}, given {@code maxNewTokens} new tokens, in a context of {@code contextTokens}. */
        public static Stored of(Generation.Finish f, int maxNewTokens, int contextTokens) {
            return new Stored(stored(f), limitOf(f, maxNewTokens, contextTokens));
        }

        /** How it is told. */
        public Ending ending() {
            return Ending.of(finish, limit);
        }
    }

    /** Whether a limit cut the text (there is something to tell). */
    public boolean cut() {
        return !brief.isEmpty();
    }
}
