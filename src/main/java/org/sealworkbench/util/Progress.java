package org.sealworkbench.util;

/**
 * The one progress type of the workbench: {@code done} of {@code total} units the work defines (bytes of a file,
 * passages, inner loops; {@code total <= 0} when unknown) and a short message for people. Work reports through it,
 * jobs add an ETA and record it, and the terminal bar and the window's task show it.
 */
@FunctionalInterface
public interface Progress {
    void update(long done, long total, String message);

    /**
     * Starts a message that people should still see after the next update (e.g. a batch made smaller to fit memory): the
     * terminal prints it on a line of its own, also when stderr is a log.
     */
    String NOTE = "note: ";

    /**
     * {@code message} as part of a larger job, after {@code prefix} and ": ", except that a note stays a note: {@link #NOTE}
     * first, then the prefix (whoever shows notes finds them by their start; a prefix in front hid one, and the job's
     * meter then added an ETA to it). Null stays null.
     */
    static String prefixed(String prefix, String message) {
        if (message == null) return null;
        if (isNote(message)) return note(prefix + ": " + noteText(message));
        return prefix + ": " + message;
    }

    /** A note's message: {@link #NOTE} and the text. */
    static String note(String text) {
        return NOTE + text;
    }

    /** Whether a progress message is a note ({@link #NOTE}); false for null. */
    static boolean isNote(String message) {
        return message != null && message.startsWith(NOTE);
    }

    /** A note's text without its mark ({@link #isNote} must hold). */
    static String noteText(String message) {
        return message.substring(NOTE.length());
    }

    /** Progress that goes nowhere. */
    static Progress none() {
        return (d, t, m) -> {};
    }

    /** done / total clipped to [0, 1], or -1 when the total is unknown. */
    static double fraction(long done, long total) {
        return total <= 0 ? -1 : Math.min(1.0, Math.max(0.0, done / (double) total));
    }
}
