package org.sealworkbench.data;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a SEAL run-result file one article at a time (files of 200 articles x 5 completions x 3 repeats are
 * tens of MB). It reads the file twice: first everything but the articles (the header may come after them),
 * then the articles. Every problem names the file and the field path, e.g.
 * {@code run.json: articles[2].completions[0].questions[5].adapter_correct: expected true or false, found STRING}.
 */
public final class RunResultsReader {
    private RunResultsReader() {}

    /** Reads the file into the visitor; returns the number of articles. */
    public static int read(Path file, RunResults.Visitor visitor) throws IOException {
        String name = file.toString();
        visitor.header(header(file, name));
        int n = 0;
        try (Reader r = new java.io.BufferedReader(StrictUtf8Reader.open(file), 1 << 16); JsonReader in = new JsonReader(r)) {
            in.beginObject();
            while (in.hasNext()) {
                if (!in.nextName().equals("articles")) {
                    in.skipValue();
                    continue;
                }
                expect(in, JsonToken.BEGIN_ARRAY, name, "articles");
                in.beginArray();
                while (in.hasNext()) {
                    String where = "articles[" + n + "]";
                    JsonElement e = parse(in, name, where);
                    visitor.article(article(e, name, where));
                    n++;
                }
                in.endArray();
            }
            in.endObject();
        } catch (EOFException | com.google.gson.stream.MalformedJsonException | IllegalStateException e) {
            throw malformed(name, "after article " + n, e);
        }
        return n;
    }

    private static RunResults.Header header(Path file, String name) throws IOException {
        Map<String, Double> overall = new LinkedHashMap<>();
        String lora = null;
        Integer nArticles = null;
        Integer k = null;
        Integer evalTimes = null;
        String expName = null;
        String dataset = null;
        boolean sawArticles = false;
        try (Reader r = new java.io.BufferedReader(StrictUtf8Reader.open(file), 1 << 16); JsonReader in = new JsonReader(r)) {
            expect(in, JsonToken.BEGIN_OBJECT, name, "(top level)");
            in.beginObject();
            while (in.hasNext()) {
                String key = in.nextName();
                switch (key) {
                    case "articles" -> {
                        sawArticles = true;
                        in.skipValue();
                    }
                    case "overall" -> {
                        JsonObject o = object(parse(in, name, key), name, key);
                        for (Map.Entry<String, JsonElement> en : o.entrySet()) {
                            if (isNumber(en.getValue())) overall.put(en.getKey(), en.getValue().getAsDouble());
                        }
                    }
                    case "lora_params" -> lora = object(parse(in, name, key), name, key).toString();
                    case "n_articles" -> nArticles = integer(parse(in, name, key), name, key);
                    case "k_completions" -> k = integer(parse(in, name, key), name, key);
                    case "eval_times" -> evalTimes = integer(parse(in, name, key), name, key);
                    case "exp_name" -> expName = optionalString(parse(in, name, key), name, key);
                    case "dataset" -> dataset = optionalString(parse(in, name, key), name, key);
                    default -> in.skipValue();
                }
            }
            in.endObject();
        } catch (EOFException | com.google.gson.stream.MalformedJsonException | IllegalStateException e) {
            throw malformed(name, "(top level)", e);
        }
        if (!sawArticles) throw new DataFormatException(name + ": field \"articles\": missing (not a SEAL run-result file?)");
        return new RunResults.Header(overall, lora, nArticles, k, evalTimes, expName, dataset);
    }

    private static RunResults.Article article(JsonElement e, String file, String where) throws DataFormatException {
        JsonObject o = object(e, file, where);
        String title = optionalString(o.get("title"), file, where + ".title");
        String context = string(o.get("context"), file, where + ".context");
        String tooLong = Passage.tooLong(title, context);
        if (tooLong != null) throw new DataFormatException(file + ": " + where + ".context: " + tooLong);
        String prompt = optionalString(o.get("prompt"), file, where + ".prompt");
        Map<String, Double> stats = stats(o.get("stats"), file, where + ".stats");
        List<RunResults.Completion> completions = new ArrayList<>();
        JsonElement cs = o.get("completions");
        if (cs == null || cs.isJsonNull()) throw new DataFormatException(file + ": " + where + ".completions: missing");
        if (!cs.isJsonArray()) throw wrong(file, where + ".completions", "an array", cs);
        for (int i = 0; i < cs.getAsJsonArray().size(); i++) {
            completions.add(completion(cs.getAsJsonArray().get(i), file, where + ".completions[" + i + "]"));
        }
        return new RunResults.Article(title == null ? "" : title, context, prompt, stats, completions);
    }

    private static RunResults.Completion completion(JsonElement e, String file, String where) throws DataFormatException {
        JsonObject o = object(e, file, where);
        String text = string(o.get("text"), file, where + ".text");
        Map<String, Double> stats = stats(o.get("stats"), file, where + ".stats");
        List<RunResults.QuestionResult> qs = new ArrayList<>();
        JsonElement arr = o.get("questions");
        if (arr != null && !arr.isJsonNull()) {
            if (!arr.isJsonArray()) throw wrong(file, where + ".questions", "an array", arr);
            for (int i = 0; i < arr.getAsJsonArray().size(); i++) {
                String f = where + ".questions[" + i + "]";
                JsonObject q = object(arr.getAsJsonArray().get(i), file, f);
                Integer rep = integer(q.get("rep"), file, f + ".rep");
                qs.add(new RunResults.QuestionResult(rep == null ? 0 : rep, string(q.get("question"), file, f + ".question"),
                        string(q.get("answer"), file, f + ".answer"),
                        textOrEmpty(q.get("baseline_answer"), file, f + ".baseline_answer"),
                        textOrEmpty(q.get("adapter_answer"), file, f + ".adapter_answer"),
                        bool(q.get("baseline_correct"), file, f + ".baseline_correct"),
                        bool(q.get("adapter_correct"), file, f + ".adapter_correct")));
            }
        }
        return new RunResults.Completion(text, stats, qs);
    }

    private static JsonElement parse(JsonReader in, String file, String where) throws IOException {
        try {
            return JsonErrors.element(in);
        } catch (DataFormatException e) {
            throw e;
        } catch (EOFException e) {
            throw new DataFormatException(file + ": " + where + ": " + JsonErrors.describe(e, JsonErrors.ofFile(file), true), e);
        } catch (com.google.gson.stream.MalformedJsonException | IllegalStateException | NumberFormatException e) {
            if (String.valueOf(e.getMessage()).startsWith("Unterminated string")) {
                throw new DataFormatException(file + ": " + where + ": " + JsonErrors.describe(e, JsonErrors.ofFile(file), true), e);
            }
            throw new DataFormatException(file + ": " + where + ": malformed JSON: "
                    + JsonErrors.describe(e, JsonErrors.ofFile(file), true), e);
        }
    }

    private static DataFormatException malformed(String file, String where, Exception e) {
        if (e instanceof EOFException || String.valueOf(e.getMessage()).startsWith("Unterminated string")) {
            return new DataFormatException(file + ": " + where + ": " + JsonErrors.describe(e, JsonErrors.ofFile(file), true), e);
        }
        return new DataFormatException(file + ": " + where + ": malformed JSON: "
                + JsonErrors.describe(e, JsonErrors.ofFile(file), true), e);
    }

    private static void expect(JsonReader in, JsonToken t, String file, String where) throws IOException {
        JsonToken found;
        try {
            found = in.peek();
        } catch (EOFException e) {
            throw new DataFormatException(file + ": the file is empty", e);
        }
        if (found != t) {
            throw new DataFormatException(file + ": " + where + ": expected " + (t == JsonToken.BEGIN_ARRAY ? "an array" : "an object")
                    + ", found " + found);
        }
    }

    private static JsonObject object(JsonElement e, String file, String where) throws DataFormatException {
        if (e == null || !e.isJsonObject()) throw wrong(file, where, "an object", e);
        return e.getAsJsonObject();
    }

    private static Map<String, Double> stats(JsonElement e, String file, String where) throws DataFormatException {
        Map<String, Double> out = new LinkedHashMap<>();
        if (e == null || e.isJsonNull()) return out;
        for (Map.Entry<String, JsonElement> en : object(e, file, where).entrySet()) {
            if (isNumber(en.getValue())) out.put(en.getKey(), en.getValue().getAsDouble());
        }
        return out;
    }

    private static String string(JsonElement e, String file, String where) throws DataFormatException {
        if (e == null || e.isJsonNull()) throw new DataFormatException(file + ": " + where + ": missing");
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) throw wrong(file, where, "a string", e);
        return e.getAsString();
    }

    private static String optionalString(JsonElement e, String file, String where) throws DataFormatException {
        return e == null || e.isJsonNull() ? null : string(e, file, where);
    }

    private static String textOrEmpty(JsonElement e, String file, String where) throws DataFormatException {
        String s = optionalString(e, file, where);
        return s == null ? "" : s;
    }

    private static boolean bool(JsonElement e, String file, String where) throws DataFormatException {
        if (e == null || e.isJsonNull()) throw new DataFormatException(file + ": " + where + ": missing");
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) throw wrong(file, where, "true or false", e);
        return e.getAsBoolean();
    }

    private static Integer integer(JsonElement e, String file, String where) throws DataFormatException {
        if (e == null || e.isJsonNull()) return null;
        if (!isNumber(e)) throw wrong(file, where, "a number", e);
        double d = e.getAsDouble();
        if (d != Math.rint(d)) throw new DataFormatException(file + ": " + where + ": expected a whole number, found " + d);
        return (int) d;
    }

    private static boolean isNumber(JsonElement e) {
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber();
    }

    private static DataFormatException wrong(String file, String where, String expected, JsonElement found) {
        return new DataFormatException(file + ": " + where + ": expected " + expected + ", found " + kind(found));
    }

    static String kind(JsonElement e) {
        if (e == null || e.isJsonNull()) return "NULL";
        if (e.isJsonArray()) return "ARRAY";
        if (e.isJsonObject()) return "OBJECT";
        JsonPrimitive p = e.getAsJsonPrimitive();
        return p.isNumber() ? "NUMBER" : p.isBoolean() ? "BOOLEAN" : "STRING";
    }
}
