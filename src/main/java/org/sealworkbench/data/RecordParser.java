package org.sealworkbench.data;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads SEAL objects ({title, context, questions, [prompt, completions]}) from a JsonReader with
 * type checks, so that every problem is reported with the file, the record and the field path.
 */
final class RecordParser {
    private final JsonReader in;
    private final String file;
    private String where = "start of file";

    RecordParser(JsonReader in, String file) {
        this.in = in;
        this.file = file;
    }

    /** Sets the location used in messages, e.g. "record 3" or "line 7". */
    void at(String where) {
        this.where = where;
    }

    String where() {
        return where;
    }

    DataFormatException error(String field, String problem) {
        return new DataFormatException(file + ": " + where + ": field \"" + field + "\": " + problem);
    }

    DataFormatException error(String problem) {
        return new DataFormatException(file + ": " + where + ": " + problem);
    }

    void expect(JsonToken token, String field) throws IOException {
        JsonToken found = in.peek();
        if (found != token) throw error(field, "expected " + describe(token) + ", found " + name(found));
    }

    /** Fails with the given problem unless the input has ended (strict Gson would only say "malformed"). */
    void expectEnd(String problem) throws IOException {
        in.setStrictness(com.google.gson.Strictness.LENIENT);
        if (in.peek() != JsonToken.END_DOCUMENT) throw error(problem);
    }

    String string(String field) throws IOException {
        expect(JsonToken.STRING, field);
        return in.nextString();
    }

    /** A string, or null for an absent value written as JSON null. */
    String optionalString(String field) throws IOException {
        if (in.peek() == JsonToken.NULL) {
            in.nextNull();
            return null;
        }
        return string(field);
    }

    /** Reads one SEAL passage or self-edit object; hands it to the visitor. Field paths start at prefix. */
    void passageObject(String prefix, DataVisitor visitor) throws IOException {
        expect(JsonToken.BEGIN_OBJECT, prefix.isEmpty() ? "(record)" : prefix);
        in.beginObject();
        String title = null;
        String context = null;
        String prompt = null;
        List<Question> questions = null;
        List<String> completions = null;
        while (in.hasNext()) {
            String name = in.nextName();
            switch (name) {
                case "title" -> title = optionalString(prefix + "title");
                case "context" -> context = string(prefix + "context");
                case "questions" -> questions = questions(prefix + "questions");
                case "prompt" -> prompt = optionalString(prefix + "prompt");
                case "completions" -> completions = strings(prefix + "completions");
                default -> in.skipValue();
            }
        }
        in.endObject();
        if (context == null) throw error(prefix + "context", "missing");
        if (questions == null) {
            // Self-edit files always carry questions in SEAL, but a passage without them is still a passage.
            if (completions == null) throw error(prefix + "questions", "missing");
            questions = List.of();
        }
        String tooLong = Passage.tooLong(title, context);
        if (tooLong != null) throw error(prefix + "context", tooLong);
        Passage passage = new Passage(title == null ? "" : title, context, questions);
        if (completions != null) visitor.selfEdits(new GeneratedSelfEdits(passage, prompt, completions));
        else visitor.passage(passage);
    }

    private List<Question> questions(String field) throws IOException {
        expect(JsonToken.BEGIN_ARRAY, field);
        in.beginArray();
        List<Question> out = new ArrayList<>();
        for (int i = 0; in.hasNext(); i++) {
            String f = field + "[" + i + "]";
            expect(JsonToken.BEGIN_OBJECT, f);
            in.beginObject();
            String question = null;
            String answer = null;
            while (in.hasNext()) {
                String name = in.nextName();
                switch (name) {
                    case "question" -> question = string(f + ".question");
                    case "answer" -> answer = string(f + ".answer");
                    default -> in.skipValue();
                }
            }
            in.endObject();
            if (question == null) throw error(f + ".question", "missing");
            if (answer == null) throw error(f + ".answer", "missing");
            out.add(new Question(question, answer));
        }
        in.endArray();
        return out;
    }

    private List<String> strings(String field) throws IOException {
        expect(JsonToken.BEGIN_ARRAY, field);
        in.beginArray();
        List<String> out = new ArrayList<>();
        for (int i = 0; in.hasNext(); i++) out.add(string(field + "[" + i + "]"));
        in.endArray();
        return out;
    }

    static String name(JsonToken t) {
        return switch (t) {
            case BEGIN_ARRAY -> "ARRAY";
            case BEGIN_OBJECT -> "OBJECT";
            case END_DOCUMENT -> "end of file";
            case END_ARRAY -> "end of array";
            case END_OBJECT -> "end of object";
            case NAME -> "a field name";
            default -> t.name();
        };
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case STRING -> "a string";
            case BEGIN_ARRAY -> "an array";
            case BEGIN_OBJECT -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            default -> name(t);
        };
    }
}
