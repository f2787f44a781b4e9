package org.sealworkbench.util;

import java.io.EOFException;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gson's syntax errors in our words. Gson says "Use JsonReader.setStrictness(Strictness.LENIENT) to accept
 * malformed JSON at line 3 column 9 path $[0]" for any stray character, which tells a person nothing about
 * their file; this names the character ("unexpected character 'x'") and keeps the place (line, column).
 * Gson's exceptions carry the place only in their message text, so it is parsed here. In util so that the
 * import readers (data.JsonErrors) and the checkpoint readers (llm.io.Json) say the same words.
 */
public final class JsonSyntax {
    private JsonSyntax() {}

    /** Finds the character at a 1-based line and column, or -1 when it cannot be known. */
    public interface CharAt {
        int at(long line, long column);
    }

    private static final Pattern PLACE = Pattern.compile("^(.*?) at line (\\d+) column (\\d+)(?: path .*)?$");

    /**
     * Describes a Gson error. {@code withLine}: whether Gson's line number means something to the reader
     * (false when Gson parsed one JSONL line on its own, where our message already names the line).
     */
    public static String describe(Throwable e, CharAt chars, boolean withLine) {
        String raw = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("").strip();
        Matcher m = PLACE.matcher(raw);
        String what = raw;
        long line = -1;
        long column = -1;
        if (m.matches()) {
            what = m.group(1);
            line = Long.parseLong(m.group(2));
            column = Long.parseLong(m.group(3));
        }
        String words;
        if (e instanceof EOFException || what.startsWith("End of input")) {
            words = "truncated: the file ends inside this record";
        } else if (what.startsWith("Use JsonReader.setStrictness") || what.startsWith("Unexpected value")) {
            words = unexpected(chars, line, column);
        } else if (what.startsWith("Unterminated string")) {
            // Gson lets a string run over line ends, so in a whole file only the end of the input stops one.
            words = withLine ? "truncated: the file ends inside a string" : "truncated: the line ends inside a string";
        } else if (what.startsWith("Unterminated object")) {
            words = "expected ',' or '}' after a field's value, " + found(chars, line, column);
        } else if (what.startsWith("Unterminated array")) {
            words = "expected ',' or ']' after an array element, " + found(chars, line, column);
        } else if (what.startsWith("Expected ':'")) {
            words = "expected ':' after a field name, " + found(chars, line, column);
        } else if (what.startsWith("Expected name")) {
            words = "expected a field name in double quotes (a comma before '}'?)";
        } else if (what.startsWith("Expected value")) {
            words = "expected a value";
        } else if (what.contains("escape sequence") || what.contains("Unicode escape")) {
            words = "invalid escape sequence in a string (a backslash must be followed by one of \" \\ / b f n r t u)";
        } else if (what.startsWith("JSON forbids NaN")) {
            words = "NaN and infinities are not JSON numbers";
        } else {
            words = what.replaceAll("(?i)\\s*See https?://\\S+", "");
        }
        if (line < 0) return words;
        column = columnOfChar(chars, line, column);
        return words + (withLine ? " (line " + line + ", column " + column + ")" : " (column " + column + ")");
    }

    /** The column {@link #charNear} takes the character from, so that the message points at it. */
    private static long columnOfChar(CharAt chars, long line, long column) {
        if (chars == null || column <= 1) return column;
        int before = chars.at(line, column - 1);
        return before >= 0 && !Character.isWhitespace(before) && ":,[{".indexOf(before) < 0 ? column - 1 : column;
    }

    private static String unexpected(CharAt chars, long line, long column) {
        int c = charNear(chars, line, column);
        if (c < 0) return "unexpected character";
        String shown = show(c);
        if (Character.isLetter(c) || c == '\'') {
            return "unexpected character " + shown + " (text must be in double quotes; only true, false, null and"
                    + " numbers go unquoted)";
        }
        return "unexpected character " + shown;
    }

    private static String found(CharAt chars, long line, long column) {
        int c = charNear(chars, line, column);
        return c < 0 ? "found something else" : "found " + show(c);
    }

    private static String show(int c) {
        if (c < 0x20 || c == 0x7F) return String.format("U+%04X", c);
        return "'" + new String(Character.toChars(c)) + "'";
    }

    /**
     * Gson's column is sometimes the offending character's and sometimes the one after it: take the
     * character before the column unless that is white space or punctuation Gson had already accepted.
     */
    private static int charNear(CharAt chars, long line, long column) {
        if (chars == null || line < 1 || column < 1) return -1;
        int before = column > 1 ? chars.at(line, column - 1) : -1;
        if (before >= 0 && !Character.isWhitespace(before) && ":,[{".indexOf(before) < 0) return before;
        int at = chars.at(line, column);
        return at >= 0 ? at : before;
    }

    private static final com.google.gson.TypeAdapter<com.google.gson.JsonElement> ELEMENT =
            new com.google.gson.Gson().getAdapter(com.google.gson.JsonElement.class);

    /**
     * Reads one JSON value as a tree under the reader's own strictness ({@code JsonParser.parseReader} would
     * switch the reader to lenient and accept unquoted text, single quotes, NaN and the like).
     */
    public static com.google.gson.JsonElement element(com.google.gson.stream.JsonReader in) throws IOException {
        return ELEMENT.read(in);
    }

    /**
     * A key given twice in one JSON object, found by {@link #elementUniqueKeys}: the key, the object's path ("$" for
     * the top level) and where the second key was read (Gson's " at line L column C path P"), for the caller to word.
     */
    public static final class DuplicateKey extends IOException {
        public final String key;
        public final String objectPath;
        public final String location;

        DuplicateKey(String key, String objectPath, String location) {
            super("the key \"" + key + "\" appears twice in one object" + location);
            this.key = key;
            this.objectPath = objectPath;
            this.location = location;
        }
    }

    /**
     * One JSON value as a tree, with the reader's strictness, refusing a key given twice in one object
     * ({@link DuplicateKey}): Gson's own tree keeps the last one silently, so a config field or a task id given twice
     * would say two things and mean one. Hand-written for that one check; the checkpoint readers (llm.io.Json) and the
     * ARC task reader share it.
     */
    public static com.google.gson.JsonElement elementUniqueKeys(com.google.gson.stream.JsonReader in) throws IOException {
        switch (in.peek()) {
            case BEGIN_OBJECT -> {
                com.google.gson.JsonObject o = new com.google.gson.JsonObject();
                String at = in.getPath();
                in.beginObject();
                while (in.hasNext()) {
                    String name = in.nextName();
                    if (o.has(name)) {
                        String s = in.toString();
                        int i = s.indexOf(" at line ");
                        throw new DuplicateKey(name, at, i < 0 ? "" : s.substring(i));
                    }
                    o.add(name, elementUniqueKeys(in));
                }
                in.endObject();
                return o;
            }
            case BEGIN_ARRAY -> {
                com.google.gson.JsonArray a = new com.google.gson.JsonArray();
                in.beginArray();
                while (in.hasNext()) a.add(elementUniqueKeys(in));
                in.endArray();
                return a;
            }
            case STRING -> {
                return new com.google.gson.JsonPrimitive(in.nextString());
            }
            case NUMBER -> {
                return new com.google.gson.JsonPrimitive(new com.google.gson.internal.LazilyParsedNumber(in.nextString()));
            }
            case BOOLEAN -> {
                return new com.google.gson.JsonPrimitive(in.nextBoolean());
            }
            case NULL -> {
                in.nextNull();
                return com.google.gson.JsonNull.INSTANCE;
            }
            default -> throw new com.google.gson.stream.MalformedJsonException("Expected value at " + in.getPath());
        }
    }

    /** One whole JSON value on a line (strict); throws what Gson throws, or a MalformedJsonException for more. */
    public static com.google.gson.JsonElement elementOfLine(String line) throws IOException {
        com.google.gson.stream.JsonReader in = new com.google.gson.stream.JsonReader(new java.io.StringReader(line));
        com.google.gson.JsonElement e = ELEMENT.read(in);
        in.setStrictness(com.google.gson.Strictness.LENIENT); // only to look past the value
        if (in.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
            throw new com.google.gson.stream.MalformedJsonException("more than one JSON value on the line");
        }
        return e;
    }

    /** Characters of a whole text held in memory (a small JSON file read at once), by line and column. */
    public static CharAt ofText(String text) {
        return (line, column) -> {
            if (line < 1 || column < 1) return -1;
            int start = 0;
            for (long l = 1; l < line; l++) {
                int nl = text.indexOf('\n', start);
                if (nl < 0) return -1;
                start = nl + 1;
            }
            int end = text.indexOf('\n', start);
            if (end < 0) end = text.length();
            long at = start + column - 1;
            return at < end ? text.charAt((int) at) : -1;
        };
    }

    /** Characters of one line of text (a JSONL line). */
    public static CharAt ofLine(String text) {
        return (line, column) -> line == 1 && column >= 1 && column <= text.length() ? text.charAt((int) column - 1) : -1;
    }

}
