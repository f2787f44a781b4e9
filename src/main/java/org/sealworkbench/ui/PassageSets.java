package org.sealworkbench.ui;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which of a workspace's passage files (the source labels its passages were imported under) are, by their names, SEAL's
 * validation set and its RL-train set: the demo's {@code world-validation.json} and {@code world-rl-train.json},
 * {@code ./seal world}'s {@code validation-passages.json} and {@code rl-train-passages.json}, a {@code squad_val.json}.
 * The forms start from these where a person has not chosen (the first passages of the whole demo workspace are the
 * hand-written ones, which seal-tiny never learnt: every score was 0).
 */
public final class PassageSets {
    private PassageSets() {}

    /** The one file named for validation ({@code validation} or {@code val} as a word of the name); none when 0 or 2+. */
    public static Optional<String> validationFile(List<String> files) {
        return only(files.stream().filter(f -> namedLike(f, "validation") || namedLike(f, "val")).toList());
    }

    /** The one file other than {@code validation} named for RL ({@code rl} as a word of the name); none when 0 or 2+. */
    public static Optional<String> rlFile(List<String> files, String validation) {
        return only(files.stream().filter(f -> !f.equals(validation) && namedLike(f, "rl")).toList());
    }

    private static Optional<String> only(List<String> matches) {
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    /** Whether the file name has {@code word} as a word of its own (between non-letters), case aside. */
    static boolean namedLike(String file, String word) {
        return Pattern.compile("(^|[^a-z])" + word + "([^a-z]|$)").matcher(file.toLowerCase(Locale.ROOT)).find();
    }
}
