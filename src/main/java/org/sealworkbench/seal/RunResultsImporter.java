package org.sealworkbench.seal;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.data.RunResults;
import org.sealworkbench.store.AuthorKind;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.NewSelfEdit;
import org.sealworkbench.store.QuestionRecord;

/**
 * Stores a SEAL run-result file as completed runs, so that the results table reproduces what the file
 * records. One experiment per file. Per article: the passage (reused when stored), its questions, each
 * completion as an imported self-edit of the named model; per completion and repeat ("rep"), two runs:
 * "no adaptation" (the baseline the reference re-measures in every repeat) and "self-edits of NAME" (the
 * adapter), each with its answers and their verdicts as grades by grader "imported". A blank completion
 * is the reference's "train on passage only" case and is stored under that condition, without a self-edit.
 *
 * <p>It also recomputes each article's baseline and adapter accuracy from the verdicts, with the reference's
 * aggregation (mean over completions of the mean over repeats of per-repeat accuracy), and notes any article
 * whose recorded stats disagree beyond the file's 4-decimal rounding.
 */
public final class RunResultsImporter implements RunResults.Visitor {
    public static final String GRADER = "imported";
    /** The "source" of an imported run's settings snapshot. */
    static final String SOURCE = "imported SEAL run results";
    private static final double ROUNDING = 5.01e-5;
    private static final int MAX_NOTES = 10;

    private final ExperimentLog log;
    private final String fileName;
    private final String modelNameOverride;
    private final Runnable onArticle;

    private String modelName;
    private long authorModelId;
    private long baseModelId;
    private long experimentId;
    private String settingsJson;
    private Integer expectedArticles;

    int articles;
    int passagesAdded;
    int passagesReused;
    int questionsAdded;
    int selfEditsAdded;
    int selfEditsReused;
    int runs;
    int answers;
    int mismatches;
    private final List<Double> baselineMeans = new ArrayList<>();
    private final List<Double> adapterMeans = new ArrayList<>();
    private Map<String, Double> overall = Map.of();
    private final List<String> mismatchNotes = new ArrayList<>();

    /**
     * @param fileName          the file's name, used as source label and in the experiment's name
     * @param modelNameOverride who wrote the completions (null: the stem of the file's "dataset", else its
     *                          exp_name, else the file's stem)
     * @param onArticle         called after each article (for progress and cancellation)
     */
    public RunResultsImporter(ExperimentLog log, String fileName, String modelNameOverride, Runnable onArticle) {
        this.log = log;
        this.fileName = fileName;
        this.modelNameOverride = modelNameOverride;
        this.onArticle = onArticle == null ? () -> {} : onArticle;
    }

    @Override
    public void header(RunResults.Header h) {
        modelName = modelNameOverride != null && !modelNameOverride.isBlank() ? modelNameOverride.strip()
                : h.dataset() != null && !h.dataset().isBlank() ? stem(h.dataset())
                : h.expName() != null && !h.expName().isBlank() ? h.expName() : stem(fileName);
        expectedArticles = h.nArticles();
        overall = h.overall();
        JsonObject s = new JsonObject();
        s.addProperty("source", SOURCE);
        s.addProperty("file", fileName);
        if (h.expName() != null) s.addProperty("exp_name", h.expName());
        if (h.loraParamsJson() != null) s.add("lora_params", JsonParser.parseString(h.loraParamsJson()));
        if (h.kCompletions() != null) s.addProperty("k_completions", h.kCompletions());
        if (h.evalTimes() != null) s.addProperty("eval_times", h.evalTimes());
        s.addProperty("grader", GRADER);
        settingsJson = SealSettings.canonical(s);
        authorModelId = log.findOrAddModel(modelName, null, modelName);
        baseModelId = log.findOrAddModel("unrecorded TTT base model", null,
                "TTT base model of imported results (not recorded in the file)");
        experimentId = log.addExperiment("import " + fileName,
                "SEAL run results imported from " + fileName + (h.expName() == null ? "" : " (exp_name " + h.expName() + ")"));
    }

    @Override
    public void article(RunResults.Article a) {
        long passageId = passage(a);
        Map<String, Long> questionIds = questionIds(passageId, a);
        String template = Optional.ofNullable(PromptTemplates.parse(a.prompt())).map(p -> p.template().key()).orElse(null);
        List<Double> completionBase = new ArrayList<>();
        List<Double> completionAdapter = new ArrayList<>();
        for (RunResults.Completion c : a.completions()) {
            boolean passageOnly = c.text().isBlank();
            Long selfEditId = passageOnly ? null : selfEdit(passageId, c.text(), a.prompt(), template);
            String condition = passageOnly ? Conditions.PASSAGE_ONLY : Conditions.selfEditsOf(modelName);
            Map<Integer, List<RunResults.QuestionResult>> byRep = new LinkedHashMap<>();
            for (RunResults.QuestionResult q : c.questions()) byRep.computeIfAbsent(q.rep(), k -> new ArrayList<>()).add(q);
            double baseSum = 0;
            double adapterSum = 0;
            for (Map.Entry<Integer, List<RunResults.QuestionResult>> rep : byRep.entrySet()) {
                baseSum += storeRun(passageId, null, Conditions.NO_ADAPTATION, rep.getKey(), rep.getValue(), questionIds, true);
                adapterSum += storeRun(passageId, selfEditId, condition, rep.getKey(), rep.getValue(), questionIds, false);
            }
            if (!byRep.isEmpty()) {
                completionBase.add(baseSum / byRep.size());
                completionAdapter.add(adapterSum / byRep.size());
            }
        }
        check(a, completionBase, completionAdapter);
        articles++;
        onArticle.run();
    }

    private long passage(RunResults.Article a) {
        Optional<Long> existing = log.findPassage(a.title(), a.context());
        if (existing.isPresent()) {
            passagesReused++;
            return existing.get();
        }
        List<Question> qs = new ArrayList<>();
        for (String[] q : distinctQuestions(a)) qs.add(new Question(q[0], q[1]));
        passagesAdded++;
        questionsAdded += qs.size();
        return log.addPassage(new Passage(a.title(), a.context(), qs), fileName);
    }

    /**
     * The article's questions in order of first appearance, with their multiplicity: the file repeats the list per
     * completion and rep, and a passage may ask the same question twice with the same gold answer (three of SEAL's 200
     * validation passages do). Both count in SEAL's numbers (974 questions), so both are kept: the n-th occurrence of a
     * (question, answer) within one completion's rep is its own question, keyed by {@link #key(String, String, int)}.
     */
    private static List<String[]> distinctQuestions(RunResults.Article a) {
        Map<String, String[]> out = new LinkedHashMap<>();
        for (RunResults.Completion c : a.completions()) {
            Map<Integer, Map<String, Integer>> seenInRep = new LinkedHashMap<>();
            for (RunResults.QuestionResult q : c.questions()) {
                int occurrence = occurrence(seenInRep.computeIfAbsent(q.rep(), k -> new LinkedHashMap<>()), q);
                out.putIfAbsent(key(q.question(), q.answer(), occurrence), new String[] {q.question(), q.answer()});
            }
        }
        return new ArrayList<>(out.values());
    }

    /** 0 for the first time a (question, answer) is seen in {@code seen}, 1 for the second, ... */
    private static int occurrence(Map<String, Integer> seen, RunResults.QuestionResult q) {
        return seen.merge(key(q.question(), q.answer()), 1, Integer::sum) - 1;
    }

    private Map<String, Long> questionIds(long passageId, RunResults.Article a) {
        // Stored questions in ordinal order, the n-th of each (question, answer) under occurrence n; re-importing
        // the file finds them all, so nothing is added twice.
        Map<String, Long> ids = new LinkedHashMap<>();
        Map<String, Integer> stored = new LinkedHashMap<>();
        for (QuestionRecord q : log.questions(passageId)) {
            int occurrence = stored.merge(key(q.question(), q.answer()), 1, Integer::sum) - 1;
            ids.put(key(q.question(), q.answer(), occurrence), q.id());
        }
        Map<String, Integer> needed = new LinkedHashMap<>();
        for (String[] q : distinctQuestions(a)) {
            int occurrence = needed.merge(key(q[0], q[1]), 1, Integer::sum) - 1;
            if (!ids.containsKey(key(q[0], q[1], occurrence))) {
                ids.put(key(q[0], q[1], occurrence), log.addQuestion(passageId, q[0], q[1]));
                questionsAdded++;
            }
        }
        return ids;
    }

    private long selfEdit(long passageId, String text, String prompt, String template) {
        Optional<Long> existing = log.findSelfEdit(passageId, authorModelId, text);
        if (existing.isPresent()) {
            selfEditsReused++;
            return existing.get();
        }
        selfEditsAdded++;
        return log.addSelfEdit(new NewSelfEdit(passageId, text, AuthorKind.IMPORT, authorModelId, null, template, prompt,
                null, fileName));
    }

    /** Stores one run with its answers and grades; returns its accuracy (correct / questions). */
    private double storeRun(long passageId, Long selfEditId, String condition, int rep,
                            List<RunResults.QuestionResult> qs, Map<String, Long> questionIds, boolean baseline) {
        long runId = log.startRun(experimentId, baseModelId, passageId, selfEditId, condition, settingsJson, rep);
        int correct = 0;
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (RunResults.QuestionResult q : qs) {
            boolean ok = baseline ? q.baselineCorrect() : q.adapterCorrect();
            long answerId = log.addAnswer(questionIds.get(key(q.question(), q.answer(), occurrence(seen, q))), runId, condition,
                    baseline ? q.baselineAnswer() : q.adapterAnswer());
            Grade g = Grade.of(ok, null, GRADER);
            Graders.store(log, answerId, g);
            if (ok) correct++;
            answers++;
        }
        log.finishRun(runId, "done");
        runs++;
        return correct / (double) qs.size();
    }

    private void check(RunResults.Article a, List<Double> base, List<Double> adapter) {
        if (base.isEmpty()) return;
        double b = mean(base);
        double ad = mean(adapter);
        baselineMeans.add(b);
        adapterMeans.add(ad);
        Double fileB = a.stats().get("baseline_accuracy");
        Double fileA = a.stats().get("adapter_mean_accuracy");
        if ((fileB != null && Math.abs(fileB - b) > ROUNDING) || (fileA != null && Math.abs(fileA - ad) > ROUNDING)) {
            mismatches++;
            if (mismatchNotes.size() < MAX_NOTES) {
                mismatchNotes.add(String.format(Locale.ROOT,
                        "articles[%d] \"%s\": the file's stats say baseline %s / adapter %s, its verdicts give %.4f / %.4f",
                        articles, a.title(), fileB, fileA, b, ad));
            }
        }
    }

    private static double mean(List<Double> xs) {
        double s = 0;
        for (double x : xs) s += x;
        return s / xs.size();
    }

    /** Notes for the user: what was stored, and whether the verdicts reproduce the file's own numbers. */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "%d articles as experiment \"import %s\": %d runs, %d answers graded by \"%s\"; "
                + "self-edits written by \"%s\" (%d new, %d already stored); conditions \"%s\" and \"%s\"",
                articles, fileName, runs, answers, GRADER, modelName, selfEditsAdded, selfEditsReused,
                Conditions.NO_ADAPTATION, Conditions.selfEditsOf(modelName)));
        if (expectedArticles != null && expectedArticles != articles) {
            notes.add("the file says n_articles " + expectedArticles + " but holds " + articles);
        }
        if (!baselineMeans.isEmpty()) {
            double b = mean(baselineMeans);
            double ad = mean(adapterMeans);
            String recorded = overall.containsKey("baseline_mean_accuracy") && overall.containsKey("adapter_mean_accuracy")
                    ? String.format(Locale.ROOT, " (the file's overall: %.4f / %.4f)", overall.get("baseline_mean_accuracy"),
                            overall.get("adapter_mean_accuracy"))
                    : "";
            notes.add(String.format(Locale.ROOT, "recomputed from the verdicts: baseline %.4f, adapter %.4f%s", b, ad, recorded));
        }
        if (mismatches == 0) notes.add("every article's recorded stats match its verdicts (within the file's rounding)");
        else notes.add(mismatches + " article(s) whose recorded stats differ from their verdicts:");
        notes.addAll(mismatchNotes);
        return notes;
    }

    public int passagesAdded() {
        return passagesAdded;
    }

    public int questionsAdded() {
        return questionsAdded;
    }

    public int selfEditsAdded() {
        return selfEditsAdded;
    }

    public int passagesReused() {
        return passagesReused;
    }

    public String modelName() {
        return modelName;
    }

    public long experimentId() {
        return experimentId;
    }

    private static String key(String question, String answer) {
        return question + "\0" + answer;
    }

    private static String key(String question, String answer, int occurrence) {
        return key(question, answer) + "\0" + occurrence;
    }

    /** Whether a run's settings snapshot is one this importer wrote (canonical JSON, so the text is exact). */
    static boolean isImported(String settingsJson) {
        return settingsJson != null && settingsJson.contains("\"source\":\"" + SOURCE + "\"");
    }

    /** "data/synthetic_data/eval/base_val.json" -> "base_val". */
    static String stem(String path) {
        String name = path.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
