package org.sealworkbench.jobs.history;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Two runs side by side: the settings that differ (the snapshots flattened to dotted keys), accuracy under each grader,
 * and the answers question by question (paired by question; a question only one run answered has "–" on the other side),
 * with changed answers marked. Pure: no store, no screen.
 */
public record RunComparison(RunDetail a, RunDetail b, List<SettingDiff> settingsDiff, int sameSettings,
                            List<GraderAccuracy> accuracies, List<AnswerPair> answers) {
    public record SettingDiff(String key, String a, String b) {}

    public record GraderAccuracy(String grader, double a, double b) {
        public double difference() {
            return b - a;
        }
    }

    /**
     * @param answerA null when run a has no answer to this question
     * @param changed the two answers' texts differ (one missing counts as different)
     */
    public record AnswerPair(long questionId, int ordinal, String question, String gold, RunDetail.Answer answerA,
                             RunDetail.Answer answerB, boolean changed) {}

    public static RunComparison of(RunDetail a, RunDetail b) {
        Map<String, String> sa = flatten(a.settingsJson()), sb = flatten(b.settingsJson());
        List<SettingDiff> diff = diff(sa, sb);
        int same = new TreeSet<String>() {{ addAll(sa.keySet()); addAll(sb.keySet()); }}.size() - diff.size();
        TreeSet<String> graders = new TreeSet<>(a.graders());
        graders.addAll(b.graders());
        List<GraderAccuracy> acc = graders.stream().map(g -> new GraderAccuracy(g, a.accuracy(g), b.accuracy(g))).toList();

        // Paired by question id, in the order of the first run's passage, then the second's questions it lacks.
        Map<Long, RunDetail.Answer> byA = new LinkedHashMap<>(), byB = new LinkedHashMap<>();
        for (RunDetail.Answer x : a.answers()) byA.putIfAbsent(x.questionId(), x);
        for (RunDetail.Answer x : b.answers()) byB.putIfAbsent(x.questionId(), x);
        List<AnswerPair> pairs = new ArrayList<>();
        for (RunDetail.Answer x : byA.values()) {
            RunDetail.Answer y = byB.get(x.questionId());
            pairs.add(new AnswerPair(x.questionId(), x.ordinal(), x.question(), x.gold(), x, y,
                    y == null || !Objects.equals(x.text(), y.text())));
        }
        for (RunDetail.Answer y : byB.values()) {
            if (!byA.containsKey(y.questionId())) {
                pairs.add(new AnswerPair(y.questionId(), y.ordinal(), y.question(), y.gold(), null, y, true));
            }
        }
        return new RunComparison(a, b, diff, same, acc, pairs);
    }

    /** The keys whose values differ between two flattened snapshots, sorted ("–" for a key only one has). */
    public static List<SettingDiff> diff(Map<String, String> sa, Map<String, String> sb) {
        List<SettingDiff> diff = new ArrayList<>();
        for (String k : new TreeSet<String>() {{ addAll(sa.keySet()); addAll(sb.keySet()); }}) {
            String va = sa.get(k), vb = sb.get(k);
            if (!Objects.equals(va, vb)) diff.add(new SettingDiff(k, va == null ? "–" : va, vb == null ? "–" : vb));
        }
        return diff;
    }

    /** How many answer pairs differ. */
    public long changedAnswers() {
        return answers.stream().filter(AnswerPair::changed).count();
    }

    /** A settings snapshot as dotted key -> JSON value text (nested objects flattened; arrays kept whole). */
    public static Map<String, String> flatten(String json) {
        Map<String, String> out = new TreeMap<>();
        if (json == null || json.isBlank()) return out;
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (RuntimeException e) {
            out.put("(snapshot)", json);   // not JSON: compare it whole
            return out;
        }
        flatten("", root, out);
        return out;
    }

    private static void flatten(String prefix, JsonElement e, Map<String, String> out) {
        if (e.isJsonObject()) {
            JsonObject o = e.getAsJsonObject();
            if (o.size() == 0 && !prefix.isEmpty()) out.put(prefix, "{}");
            for (Map.Entry<String, JsonElement> m : o.entrySet()) {
                flatten(prefix.isEmpty() ? m.getKey() : prefix + "." + m.getKey(), m.getValue(), out);
            }
        } else {
            out.put(prefix.isEmpty() ? "(value)" : prefix,
                    e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : e.toString());
        }
    }
}
