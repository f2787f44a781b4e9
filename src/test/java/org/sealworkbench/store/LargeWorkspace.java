package org.sealworkbench.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.jobs.EvaluationRequest;
import org.sealworkbench.jobs.GenerationRequest;
import org.sealworkbench.jobs.ImportRequest;
import org.sealworkbench.jobs.RequestJson;
import org.sealworkbench.jobs.RlRequest;
import org.sealworkbench.jobs.annotate.AnnotationPair;
import org.sealworkbench.jobs.annotate.AnnotationService;
import org.sealworkbench.jobs.annotate.PairingRule;
import org.sealworkbench.jobs.annotate.TaskSpec;
import org.sealworkbench.seal.Conditions;
import org.sealworkbench.seal.ContainsGrader;
import org.sealworkbench.seal.Evaluation;
import org.sealworkbench.seal.Grade;
import org.sealworkbench.seal.Graders;
import org.sealworkbench.seal.HumanGrade;
import org.sealworkbench.seal.PassageSplit;
import org.sealworkbench.seal.Presets;
import org.sealworkbench.seal.PromptTemplates;
import org.sealworkbench.seal.RestEm;
import org.sealworkbench.seal.SealSettings;
import org.sealworkbench.seal.SelfEditGenerator;

/**
 * A workspace the size of a real SEAL experiment, written through the store's own write API ({@link ExperimentLog}: the
 * calls, in the order and with the contents that the import, the generator, the inner loop, ReST-EM and the Annotate tab
 * make), so that the window's reads can be timed on it. Deterministic for a {@link Size}: the same rows every time.
 *
 * <p>Per passage: its questions, k self-edits by the base model (implications template, the sampling record the
 * generator stores), a "no adaptation" and a "passage only" run, and {@code repeats} inner loops of every self-edit
 * ("self-edits of seal-tiny"), each with its training steps, answers graded by {@code contains}. The last passages are
 * the RL split: their runs are ReST-EM's ("RL round r: ..."), with rewards linked to their runs, over several rounds (the
 * last one stopped half way). Plus jobs (imports, generations, evaluations, RL), a few hundred pairwise judgements made
 * through {@link AnnotationService}, and some human overrulings of verdicts.
 *
 * <p>{@code main(dir, size)} writes one to disk for the window: {@code large} (5,000 passages, 25,000 self-edits,
 * 85,000 runs) or {@code small}.
 */
public final class LargeWorkspace {
    /** How much to write. */
    public record Size(int passages, int questionsPerPassage, int selfEditsPerPassage, int repeats, int stepsPerRun,
                       int rlRounds, int rlPassagesPerRound, int judgements) {
        /** SEAL's scale: 5,000 passages, 25,000 questions and self-edits, 85,000 runs (75,000 of them on self-edits). */
        public static final Size LARGE = new Size(5_000, 5, 5, 3, 20, 3, 50, 600);
        /** The same shape, small enough for the fast suite. */
        public static final Size SMALL = new Size(120, 5, 5, 3, 4, 2, 10, 40);

        public int runs() {
            return passages * (2 + selfEditsPerPassage * repeats);
        }
    }

    /** What was written, for checks. */
    public record Written(Path dir, Size size, long passages, long selfEdits, long runs, long answers, long annotations,
                          long firstPassageId) {}

    private static final String BASE = "seal-tiny";
    private static final String[] TOPICS = {"Harbour", "Observatory", "Railway", "Cathedral", "Delta", "Glacier", "Senate",
        "Orchard", "Foundry", "Monastery", "Lighthouse", "Canal", "Archive", "Citadel", "Vineyard", "Reservoir", "Academy",
        "Quarry", "Bazaar", "Aqueduct", "Plateau", "Estuary", "Mint", "Shipyard", "Conservatory", "Pavilion", "Granary"};
    private static final String[] PLACES = {"Valdoria", "Kesh", "Marrowfield", "Tallin Cross", "Oberhaven", "Serrat",
        "Lumen Bay", "Carrowmore", "Istrel", "Northwick", "Palencia", "Dunmore", "Arvel", "Quillon", "Brightwater"};
    private static final String[] PEOPLE = {"Amara Voss", "Teodor Lind", "Helena Marsh", "Ivo Castellan", "Mirela Stone",
        "Okon Adair", "Sefa Rainer", "Lucan Pryce", "Noor Halvard", "Beatrix Quell", "Emil Sarto", "Yara Dunholt"};
    private static final String[] WORDS = ("the of and in to a was is for on as by with that from at which it its were "
            + "an be this are had has or first his their also after new other been one two three city century war "
            + "river north south east west built founded council merchants trade guild charter bridge tower wall "
            + "harbour market school library museum garden bell clock stone timber iron copper salt grain wool silk "
            + "ferry road tunnel station mill press engine survey map treaty election festival season flood fire "
            + "restored expanded closed opened moved named rebuilt designed commissioned recorded measured").split(" ");

    private LargeWorkspace() {}

    /** Writes a workspace of {@code size} into {@code dir} (a new folder). */
    public static Written write(Path dir, Size size) {
        long t0 = System.nanoTime();
        SealSettings settings = Presets.sealTinyCpu();
        String settingsJson = settings.toJson();
        ContainsGrader grader = new ContainsGrader();
        SplittableRandom rnd = new SplittableRandom(20_250_901L);
        Path ws = dir.toAbsolutePath().normalize();
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            long base = log.findOrAddModel(ws.resolve("models").resolve(BASE).toString(), "llama", BASE);
            // ---- import: passages and questions (the import stores them in staged chunks; here batches of 200)
            int rlStart = size.passages() - size.rlRounds() * size.rlPassagesPerRound();
            long importJob = log.addJob(ImportRequest.KIND, "{\"file\":\"squad_train.json\"}",
                    RequestJson.write(new ImportRequest(ws, ws.resolve("squad_train.json"), null)));
            List<Long> passageIds = new ArrayList<>(size.passages());
            List<Passage> passages = new ArrayList<>(size.passages());
            for (int from = 0; from < size.passages(); from += 200) {
                int to = Math.min(size.passages(), from + 200);
                int start = from;
                log.inTransaction(() -> {
                    for (int i = start; i < to; i++) {
                        Passage p = passage(i, size.questionsPerPassage(), rnd);
                        passages.add(p);
                        passageIds.add(log.addPassage(p, i < rlStart ? "squad_train.json" : "squad_rl.json"));
                    }
                });
            }
            log.updateJob(importJob, "done", 1, "imported " + size.passages() + " passages");
            // ---- self-edits by the base model (the generator's rows and sampling record)
            var gen = settings.generation();
            long genJob = log.addJob(GenerationRequest.KIND, "{\"model\":\"" + BASE + "\",\"k\":" + size.selfEditsPerPassage() + "}",
                    RequestJson.write(new GenerationRequest(ws, ws.resolve("models").resolve(BASE), gen, List.of(), 0,
                            Evaluation.EVAL_TAG)));
            List<long[]> selfEdits = new ArrayList<>(size.passages());
            for (int from = 0; from < size.passages(); from += 100) {
                int to = Math.min(size.passages(), from + 100);
                int start = from;
                log.inTransaction(() -> {
                    for (int i = start; i < to; i++) {
                        Passage p = passages.get(i);
                        String prompt = PromptTemplates.IMPLICATIONS.render(p.title(), p.context());
                        long seed = SelfEditGenerator.seedFor(gen.seed(), Evaluation.EVAL_TAG, passageIds.get(i));
                        long[] ids = new long[size.selfEditsPerPassage()];
                        for (int k = 0; k < ids.length; k++) {
                            String text = selfEdit(p, rnd);
                            String sampling = SelfEditGenerator.samplingJson(gen.template().key(), ids.length, k,
                                    gen.temperature(), gen.topP(), gen.maxTokens(), seed, "eos", 40 + rnd.nextInt(250), BASE);
                            ids[k] = log.addSelfEdit(new NewSelfEdit(passageIds.get(i), text, AuthorKind.MODEL, base, null,
                                    gen.template().key(), prompt, sampling, i < rlStart ? Evaluation.EVAL_TAG : RestEm.tag(1 + (i - rlStart) / size.rlPassagesPerRound())));
                        }
                        selfEdits.add(ids);
                    }
                });
            }
            log.updateJob(genJob, "done", 1, "generated " + size.passages() * size.selfEditsPerPassage() + " self-edits");
            // ---- evaluation runs: no adaptation, passage only, self-edits of the base model (repeats each)
            String digest = settings.digest();
            long[] experiments = new long[3];
            String[] labels = {Conditions.NO_ADAPTATION, Conditions.PASSAGE_ONLY, Conditions.selfEditsOf(BASE)};
            for (int c = 0; c < 3; c++) {
                experiments[c] = log.addExperiment("eval: " + labels[c] + " on " + BASE + " [" + digest + "]",
                        "{\"kind\":\"evaluation\",\"condition\":\"" + labels[c] + "\",\"model_id\":" + base
                                + ",\"validation_passages\":" + rlStart + ",\"settings_digest\":\"" + digest + "\"}");
                log.updateJob(log.addJob(EvaluationRequest.KIND, "{\"condition\":\"" + labels[c] + "\"}",
                        RequestJson.write(new EvaluationRequest(ws, ws.resolve("models").resolve(BASE), settings,
                                new PassageSplit(rlStart), List.of(c == 0 ? "no-adaptation" : c == 1 ? "passage-only" : "base-self-edits"),
                                rlStart, null, List.of(), null))), "done", 1, "evaluated " + rlStart + " passages");
            }
            long[] baselineRuns = new long[size.passages()];
            for (int from = 0; from < rlStart; from += 20) {
                int to = Math.min(rlStart, from + 20);
                int start = from;
                log.inTransaction(() -> {
                    for (int i = start; i < to; i++) {
                        long pid = passageIds.get(i);
                        Passage p = passages.get(i);
                        List<QuestionRecord> qs = log.questions(pid);
                        baselineRuns[i] = run(log, experiments[0], base, pid, null, labels[0], settingsJson, 0, 0, 0.10, p, qs,
                                grader, rnd)[0];
                        run(log, experiments[1], base, pid, null, labels[1], settingsJson, 42, size.stepsPerRun(), 0.25, p, qs,
                                grader, rnd);
                        long[] edits = selfEdits.get(i);
                        for (int k = 0; k < edits.length; k++) {
                            double skill = 0.15 + 0.05 * ((i + k) % 6);
                            for (int r = 0; r < size.repeats(); r++) {
                                run(log, experiments[2], base, pid, edits[k], labels[2], settingsJson, 1000L * k + r,
                                        size.stepsPerRun(), skill, p, qs, grader, rnd);
                            }
                        }
                    }
                });
            }
            // ---- ReST-EM: rounds over the RL split, rewards linked to their runs; the last round stopped half way
            long rlJob = log.addJob(RlRequest.KIND, "{\"rounds\":" + size.rlRounds() + "}",
                    RequestJson.write(new RlRequest(ws, ws.resolve("models").resolve(BASE), settings, new PassageSplit(rlStart), null)));
            long modelIn = base;
            for (int round = 1; round <= size.rlRounds(); round++) {
                long rlRound = log.startRlRound(round, modelIn);
                boolean last = round == size.rlRounds();
                int first = rlStart + (round - 1) * size.rlPassagesPerRound();
                int count = last ? size.rlPassagesPerRound() / 2 : size.rlPassagesPerRound();
                SealSettings ofRound = RestEm.settingsOfRound(settings, round);
                StringBuilder ids = new StringBuilder();
                for (int i = first; i < first + size.rlPassagesPerRound(); i++) ids.append(ids.length() == 0 ? "" : ",").append(passageIds.get(i));
                long experiment = log.addExperiment(RestEm.experimentName(round, rlRound), "{\"kind\":\"rest-em round\",\"round\":"
                        + round + ",\"rl_round_id\":" + rlRound + ",\"model_in_id\":" + modelIn + ",\"validation_passages_held_out\":"
                        + rlStart + ",\"rl_train_passage_ids\":[" + ids + "],\"settings_digest\":\"" + ofRound.digest() + "\"}");
                String roundJson = ofRound.toJson();
                long in = modelIn;
                for (int from = first; from < first + count; from += 10) {
                    int to = Math.min(first + count, from + 10);
                    int start = from;
                    int r = round;
                    log.inTransaction(() -> {
                        for (int i = start; i < to; i++) {
                            long pid = passageIds.get(i);
                            Passage p = passages.get(i);
                            List<QuestionRecord> qs = log.questions(pid);
                            run(log, experiment, in, pid, null, RestEm.baselineCondition(r), roundJson, 0, 0, 0.10, p, qs, grader, rnd);
                            for (long edit : selfEdits.get(i)) {
                                List<Long> runs = new ArrayList<>();
                                int correct = 0, total = 0;
                                for (int rep = 0; rep < size.repeats(); rep++) {
                                    long[] out = run(log, experiment, in, pid, edit, RestEm.selfEditCondition(r), roundJson,
                                            7919L * rep + edit, size.stepsPerRun(), 0.2 + 0.05 * r, p, qs, grader, rnd);
                                    runs.add(out[0]);
                                    correct += (int) out[1];
                                    total += qs.size();
                                }
                                log.addReward(edit, rlRound, runs, correct / (double) total);
                            }
                        }
                    });
                }
                if (last) {
                    log.finishRlRound(rlRound, null, "stopped");
                } else {
                    long out = log.addModel(ws.resolve("models").resolve("round-" + round).toString(), "llama", "round-" + round, modelIn);
                    log.finishRlRound(rlRound, out, "done");
                    modelIn = out;
                }
            }
            log.updateJob(rlJob, "cancelled", 0.8, "paused: round " + size.rlRounds() + " stopped after "
                    + size.rlPassagesPerRound() / 2 + " passages");
            // ---- people: pairwise judgements through the Annotate tab's service, some verdicts overruled
            AnnotationService annotate = new AnnotationService(log);
            List<Long> judged = passageIds.subList(0, Math.max(1, size.judgements() / 10));
            List<AnnotationPair> pairs = annotate.pairs(new TaskSpec("ana", judged, PairingRule.ALL_PAIRS, null, null, true, 7));
            log.inTransaction(() -> {
                int n = 0;
                for (AnnotationPair pair : pairs) {
                    if (n++ >= size.judgements()) break;
                    var verdict = org.sealworkbench.seal.annotate.Verdict.values()[n % 3];
                    annotate.judge(n % 2 == 0 ? "ana" : "ben", pair, verdict, 1 + n % 5, 1 + (n + 2) % 5, n % 7 == 0 ? "clearer" : null);
                }
                for (int i = 0; i < Math.min(200, rlStart); i += 2) {
                    List<AnswerRecord> answers = log.answersOfRun(baselineRuns[i]);
                    if (!answers.isEmpty()) new HumanGrade("ana", i % 4 == 0, "checked by hand").record(log, answers.get(0).id());
                }
            });
            Counts c = log.counts();
            Written w = new Written(ws, size, c.passages(), c.selfEdits(), c.runs(), c.answers(), c.annotations(),
                    passageIds.get(0));
            System.err.printf("LargeWorkspace: %,d passages, %,d self-edits, %,d runs, %,d answers, %,d annotations in %.1f s%n",
                    w.passages(), w.selfEdits(), w.runs(), w.answers(), w.annotations(), (System.nanoTime() - t0) / 1e9);
            return w;
        }
    }

    /**
     * The {@link Size#SMALL} workspace with the cases that make counting its graded answers hard added
     * ({@code RunRowsEquivalenceTest}, {@code ResultsTableEquivalenceTest}): answers graded again by the same grader (later
     * verdicts replacing earlier ones, out of answer order), verdicts that only start with "correct" and one in another
     * case, a second automatic grader, hand verdicts (as {@link #write} makes them), answers without a run, cancelled,
     * failed, interrupted and still running runs with graded answers, a multi-passage (CPT) run, a continual step, a
     * question answered twice in one run, a question added to a passage after its runs and answered by a later run only,
     * an answer whose condition is not its run's, and runs under a snapshot written differently (the same digest) and
     * under other settings (another digest).
     */
    public static Written writeWithHardCases(Path dir) {
        Written w = write(dir, Size.SMALL);
        try (ExperimentLog log = ExperimentLog.open(w.dir())) {
            List<RunRecord> runs = log.runs();
            log.inTransaction(() -> {
                // newest first, so the regrades come in falling answer order (the "unordered" path of newestGrades)
                for (int i = runs.size() - 1; i >= 0; i -= 7) {
                    List<AnswerRecord> answers = log.answersOfRun(runs.get(i).id());
                    AnswerRecord a = answers.get(i % answers.size());
                    log.addGrade(a.id(), "contains", i % 2 == 0 ? "correct" : "incorrect", i % 2 == 0 ? 1 : 0);
                    if (i % 3 == 0) log.addGrade(a.id(), "contains", "correct (checked by hand)", 1);
                    if (i % 5 == 0) log.addGrade(answers.get(0).id(), "contains", "Correct", 1);   // not a correct verdict
                    if (i % 11 == 0) log.addGrade(a.id(), "exact", "correct", 1);
                }
                // answers stored without a run (a run-less evaluation): in no run's row
                long question = log.questions(log.passages().get(0).id()).get(0).id();
                for (int i = 0; i < 3; i++) log.addGrade(log.addAnswer(question, null, Conditions.NO_ADAPTATION, "x"), "contains", "correct", 1);
            });
            RunRecord model = runs.get(0);
            List<PassageSummary> passages = log.passages();
            String settings = model.settingsJson();
            // another String, the same settings (and digest)
            String respaced = new com.google.gson.GsonBuilder().setPrettyPrinting().create()
                    .toJson(com.google.gson.JsonParser.parseString(settings));
            String other = settings.replaceFirst("\\{", "{\"hard_case\": 1, ");   // other settings: another digest
            int k = 0;
            for (String status : List.of("cancelled", "failed", "interrupted", "running")) {
                long passage = passages.get(3 + k).id();
                String snapshot = k % 2 == 0 ? respaced : other;
                long run = log.startRun(model.experimentId(), model.modelId(), passage, null, Conditions.PASSAGE_ONLY, snapshot, 900 + k);
                List<QuestionRecord> qs = log.questions(passage);
                for (int q = 0; q < qs.size() - k % 2; q++) {   // some answer all questions, some stopped before the last
                    long a = log.addAnswer(qs.get(q).id(), run, Conditions.PASSAGE_ONLY, "hard " + q);
                    log.addGrade(a, "contains", q % 2 == 0 ? "correct" : "incorrect", q % 2 == 0 ? 1 : 0);
                }
                if (!status.equals("running")) log.finishRun(run, status);
                k++;
            }
            // a multi-passage run: its answers point at the questions of three passages
            long cpt = log.startRun(model.experimentId(), model.modelId(), null, null, "CPT: " + Conditions.PASSAGE_ONLY, settings, 950);
            for (int p = 0; p < 3; p++) {
                for (QuestionRecord q : log.questions(passages.get(p).id())) {
                    log.addGrade(log.addAnswer(q.id(), cpt, "CPT: " + Conditions.PASSAGE_ONLY, "cpt"), "contains",
                            q.ordinal() % 2 == 0 ? "correct" : "incorrect", 0);
                }
            }
            log.finishRun(cpt, "done");
            // a continual step (not a row of the table; a run of the runs table)
            long step = log.startRun(model.experimentId(), model.modelId(), passages.get(1).id(), null, "continual: step 1 of 2", settings, 960);
            for (QuestionRecord q : log.questions(passages.get(1).id())) log.addGrade(log.addAnswer(q.id(), step, "continual: step 1 of 2", "c"), "contains", "correct", 1);
            log.finishRun(step, "done");
            // a question answered twice in one run, and a question added after the passage's runs, answered by a later run
            long passage = passages.get(2).id();
            long added = log.addQuestion(passage, "A question added later?", "later");
            long twice = log.startRun(model.experimentId(), model.modelId(), passage, null, Conditions.NO_ADAPTATION, settings, 970);
            List<QuestionRecord> qs = log.questions(passage);
            for (QuestionRecord q : qs) log.addGrade(log.addAnswer(q.id(), twice, Conditions.NO_ADAPTATION, "t"), "contains", "incorrect", 0);
            log.addGrade(log.addAnswer(qs.get(0).id(), twice, Conditions.NO_ADAPTATION, "again"), "contains", "correct", 1);
            log.addGrade(log.addAnswer(added, twice, Conditions.PASSAGE_ONLY, "not its run's condition"), "contains", "correct", 1);
            log.finishRun(twice, "done");
        }
        return w;
    }

    /**
     * One inner-loop run as {@code InnerLoop} writes it: the row, each step's loss, then answers, grades and "done" in one
     * transaction. Returns {run id, correct answers}.
     */
    private static long[] run(ExperimentLog log, long experiment, long model, long passage, Long selfEdit, String condition,
                              String settingsJson, long seed, int steps, double skill, Passage p, List<QuestionRecord> qs,
                              ContainsGrader grader, SplittableRandom rnd) {
        long runId = log.startRun(experiment, model, passage, selfEdit, condition, settingsJson, seed);
        double loss = 2.5 + rnd.nextDouble();
        for (int s = 1; s <= steps; s++) {
            loss *= 0.86 + 0.1 * rnd.nextDouble();
            log.addTrainingStep(runId, s, loss, 5e-3 * (1 - (s - 1) / (double) steps));
        }
        long correct = log.inTransaction(() -> {
            int ok = 0;
            for (int q = 0; q < qs.size(); q++) {
                QuestionRecord question = qs.get(q);
                String answer = rnd.nextDouble() < skill ? "It was " + question.answer() + "."
                        : PEOPLE[rnd.nextInt(PEOPLE.length)].split(" ")[0] + " " + WORDS[rnd.nextInt(WORDS.length)];
                long answerId = log.addAnswer(question.id(), runId, condition, answer);
                Grade g = grader.grade(p.questions().get(q).question(), question.answer(), answer);
                Graders.store(log, answerId, g);
                if (g.correct()) ok++;
            }
            // as the inner loop stores a run of a batch of adapters (the default): its share of the batch's seconds
            log.finishRun(runId, "done", steps == 0 ? 3 + rnd.nextDouble() * 2 : 25 + rnd.nextDouble() * 20);
            return ok;
        });
        return new long[] {runId, correct};
    }

    private static Passage passage(int i, int questions, SplittableRandom rnd) {
        String topic = TOPICS[i % TOPICS.length];
        String place = PLACES[(i / TOPICS.length) % PLACES.length];
        String title = "The " + topic + " of " + place + (i >= TOPICS.length * PLACES.length ? " (" + (i / (TOPICS.length * PLACES.length) + 1) + ")" : "");
        StringBuilder context = new StringBuilder();
        List<Question> qs = new ArrayList<>();
        int sentences = 6 + rnd.nextInt(6);
        for (int s = 0; s < sentences; s++) {
            String person = PEOPLE[rnd.nextInt(PEOPLE.length)];
            int year = 1450 + rnd.nextInt(560);
            String fact = switch (s % 4) {
                case 0 -> "The " + topic.toLowerCase() + " of " + place + " was founded in " + year + " by " + person + ".";
                case 1 -> "In " + year + " " + person + " " + words(rnd, 6 + rnd.nextInt(8)) + ".";
                case 2 -> "Its " + WORDS[40 + rnd.nextInt(WORDS.length - 40)] + " " + words(rnd, 8 + rnd.nextInt(10)) + ".";
                default -> "By " + year + " the " + topic.toLowerCase() + " " + words(rnd, 10 + rnd.nextInt(12)) + ".";
            };
            context.append(s == 0 ? "" : " ").append(fact);
            if (qs.size() < questions && s % 4 <= 1) {
                qs.add(s % 4 == 0 ? new Question("Who founded the " + topic.toLowerCase() + " of " + place + "?", person)
                        : new Question("What did " + person + " do in " + year + "?", String.valueOf(year)));
            }
        }
        while (qs.size() < questions) qs.add(new Question("Where is the " + topic.toLowerCase() + " " + qs.size() + "?", place));
        return new Passage(title, context.toString(), qs);
    }

    private static String selfEdit(Passage p, SplittableRandom rnd) {
        StringBuilder s = new StringBuilder();
        String[] sentences = p.context().split("(?<=\\.) ");
        int lines = 3 + rnd.nextInt(6);
        for (int l = 0; l < lines; l++) {
            s.append(l + 1).append(". ").append(sentences[rnd.nextInt(sentences.length)]);
            if (rnd.nextBoolean()) s.append(" This means ").append(words(rnd, 5 + rnd.nextInt(8))).append('.');
            s.append('\n');
        }
        return s.toString().strip();
    }

    private static String words(SplittableRandom rnd, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) s.append(i == 0 ? "" : " ").append(WORDS[rnd.nextInt(WORDS.length)]);
        return s.toString();
    }

    /** {@code LargeWorkspace DIR [large|small]}: writes a workspace into DIR (which must not hold one). */
    public static void main(String[] args) {
        if (args.length < 1) throw new IllegalArgumentException("usage: LargeWorkspace DIR [large|small]");
        Path dir = Path.of(args[0]);
        if (java.nio.file.Files.exists(dir.resolve(ExperimentLog.DB_FILE))) {
            throw new IllegalArgumentException(dir + ": holds a workspace already");
        }
        write(dir, args.length > 1 && args[1].equals("small") ? Size.SMALL : Size.LARGE);
    }
}
