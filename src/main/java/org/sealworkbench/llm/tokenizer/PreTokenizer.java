package org.sealworkbench.llm.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into the pieces BPE works inside. With Unicode character classes, Java's {@code \s} is Unicode
 * White_Space, as Oniguruma's is in the Rust library, so both split alike.
 */
public enum PreTokenizer {
    /**
     * Hugging Face's ByteLevel pre-tokenizer (GPT-2's regex): contractions, an optional space plus a run of letters,
     * of digits, or of other symbols, and whitespace (a run of spaces before a word leaves its last space to that word).
     * A word after a space and the same word at a line start are different pieces, so they get different tokens.
     */
    BYTE_LEVEL("byte-level", "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+"),
    /**
     * The same classes with a following space attached to the end of a piece instead of the start of the next: a word
     * then begins with the same tokens wherever it stands, after a space or at a line start. A small model can then
     * copy a name from mid-sentence to the start of an implication line token by token (with GPT-2's regex
     * " Brenaibrou" is "ĠBre n aib rou" but "Brenaibrou" is "B ren aib rou"). Unlike isolating every space as a token of
     * its own, which was tried (seal-tiny's notes, run F), this keeps one token per word piece, so the previous token is
     * still the previous word piece, which is what an induction (copying) head matches on. Written as a Split
     * pre-tokenizer followed by ByteLevel without its regex.
     */
    TRAILING_SPACE("trailing-space", "'(?:s|t|re|ve|m|ll|d) ?|\\p{L}+ ?|\\p{N}+ ?|[^\\s\\p{L}\\p{N}]+ ?|\\s+");

    private final String id;
    private final String regex;
    private final Pattern pattern;

    PreTokenizer(String id, String regex) {
        this.id = id;
        this.regex = regex;
        this.pattern = Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
    }

    /** The name used on the command line and in settings files. */
    public String id() {
        return id;
    }

    /** The splitting regex, as written into tokenizer.json for {@link #TRAILING_SPACE}. */
    public String regex() {
        return regex;
    }

    /** The pieces of {@code text}, in order; joined they give the text back. */
    public List<String> split(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) out.add(text.substring(last, m.start())); // never happens: the regexes cover all
            out.add(m.group());
            last = m.end();
        }
        if (last < text.length()) out.add(text.substring(last));
        return out;
    }

    /** The pre-tokenizer of this id; null means {@link #BYTE_LEVEL} (files written before the choice existed). */
    public static PreTokenizer byId(String id) {
        if (id == null) return BYTE_LEVEL;
        for (PreTokenizer p : values()) if (p.id.equals(id.toLowerCase(Locale.ROOT))) return p;
        throw new IllegalArgumentException("unknown pre-tokenizer '" + id + "' (known: byte-level, trailing-space)");
    }
}
