package org.sealworkbench.seal;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Chunk;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Word-level differences between two texts, as character spans in each: the words of the first text that the
 * second lacks or replaces, and the words of the second that the first lacks or replaces. Words are runs of
 * non-whitespace; whitespace never counts as a difference, so re-wrapping a line changes nothing. The diff
 * itself is java-diff-utils' Myers diff over the word lists; this class only maps words back to characters.
 */
public final class WordDiff {
    private WordDiff() {}

    private static final Pattern WORD = Pattern.compile("\\S+");

    /** A changed stretch of one text, {@code [start, end)} in characters, from a word's start to a word's end. */
    public record Span(int start, int end) {
        public Span {
            if (start < 0 || end < start) throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    /** The spans of the left text (removed or replaced words) and of the right text (added or replacing words). */
    public record Result(List<Span> left, List<Span> right) {
        public Result {
            left = List.copyOf(left);
            right = List.copyOf(right);
        }

        public boolean identical() {
            return left.isEmpty() && right.isEmpty();
        }
    }

    private record Word(String text, int start, int end) {}

    public static Result diff(String left, String right) {
        List<Word> a = words(left == null ? "" : left);
        List<Word> b = words(right == null ? "" : right);
        List<AbstractDelta<String>> deltas = DiffUtils.diff(texts(a), texts(b)).getDeltas();
        List<Span> l = new ArrayList<>();
        List<Span> r = new ArrayList<>();
        for (AbstractDelta<String> d : deltas) {
            span(d.getSource(), a).ifPresent(l::add);
            span(d.getTarget(), b).ifPresent(r::add);
        }
        return new Result(l, r);
    }

    private static java.util.Optional<Span> span(Chunk<String> chunk, List<Word> words) {
        if (chunk.size() == 0) return java.util.Optional.empty();
        Word first = words.get(chunk.getPosition());
        Word last = words.get(chunk.getPosition() + chunk.size() - 1);
        return java.util.Optional.of(new Span(first.start(), last.end()));
    }

    private static List<Word> words(String s) {
        List<Word> out = new ArrayList<>();
        Matcher m = WORD.matcher(s);
        while (m.find()) out.add(new Word(m.group(), m.start(), m.end()));
        return out;
    }

    private static List<String> texts(List<Word> words) {
        List<String> out = new ArrayList<>(words.size());
        for (Word w : words) out.add(w.text());
        return out;
    }
}
