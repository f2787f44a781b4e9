package org.sealworkbench.jobs.history;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.sealworkbench.data.Passage;
import org.sealworkbench.data.Question;
import org.sealworkbench.data.arc.ArcTask;
import org.sealworkbench.data.arc.Grid;
import org.sealworkbench.jobs.ArcJob;
import org.sealworkbench.jobs.ArcRequest;
import org.sealworkbench.seal.Grade;
import org.sealworkbench.seal.arc.ArcSettings;
import org.sealworkbench.store.ArcRunRecord;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.TrainingStepRecord;

/**
 * A workspace with one inner-loop run and six few-shot runs, written through the store's own API (as {@code ArcJob}
 * writes them) on tasks of the bundled evaluation set, whose job row names the task file the way {@code ArcJob} does:
 * <ul>
 *   <li>{@link #solvedB}: 66e6c45b, config B (basic augmentations, lr 0.003, 8 epochs), attempt 1 the solution, three
 *       steps with losses 2.0, 1.0, 0.5, 12.5 s training and 0.5 s predicting;</li>
 *   <li>{@link #wrongC}: 66e6c45b, config C (all tokens, lr 0.001, 2 epochs), two wrong attempts, not solved;</li>
 *   <li>{@link #baseline}: 66e6c45b without test-time training, no readable answer;</li>
 *   <li>{@link #multi0}, {@link #multi1}: b1fc8b8e's two test inputs under config B: the first solved by attempt 2, the
 *       second not;</li>
 *   <li>{@link #sampled}: b1fc8b8e-0 under config C as sampled from the model, not solved.</li>
 * </ul>
 */
public record FewShotFixture(Path workspace, Path tasksFile, long innerRun, long solvedB, long wrongC, long baseline,
                             long multi0, long multi1, long sampled, Map<String, ArcTask> tasks) {
    public static final Path EVAL = Path.of("sample-data/arc/arc-agi_evaluation_challenges_filtered_1B_eval_set.json")
            .toAbsolutePath();
    public static final String CONFIG_B = "{\"data_generation\": {\"use_basic_augmentations\": true, "
            + "\"use_size_augmentations\": false, \"use_chain_augmentations\": false, \"use_repeat_augmentations\": false}, "
            + "\"training\": {\"strategy\": \"train_using_output_tokens\", \"learning_rate\": 0.003, \"num_train_epochs\": 8}}";
    public static final String CONFIG_C = "{\"data_generation\": {\"use_basic_augmentations\": false, "
            + "\"use_size_augmentations\": false, \"use_chain_augmentations\": false, \"use_repeat_augmentations\": false}, "
            + "\"training\": {\"strategy\": \"train_using_all_tokens\", \"learning_rate\": 0.001, \"num_train_epochs\": 2}}";
    public static final Grid OTHER = Grid.of(new int[][] {{1, 1}, {1, 1}});
    public static final Grid OTHER2 = Grid.of(new int[][] {{5}});

    public static FewShotFixture build(Path ws) {
        Map<String, ArcTask> tasks = ArcJob.readTasks(EVAL, null).stream()
                .collect(Collectors.toMap(ArcTask::name, Function.identity()));
        String settings = new com.google.gson.Gson().toJson(ArcSettings.preset("tiny-cpu").withSeed(0));
        String taskSet = EVAL.getFileName().toString();
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            long model = log.addModel("/models/seal-tiny", "llama", "seal-tiny", null);
            long passage = log.addPassage(new Passage("Owls", "Owls hunt at night.",
                    List.of(new Question("When do owls hunt?", "night"))), "t");
            long inner = log.startRun(null, model, passage, null, "passage only", "{\"innerLoop\": {\"learningRate\": 0.001}}", 7);
            log.addTrainingStep(inner, 1, 1.5, 0.001);
            long answer = log.addAnswer(log.questions(passage).get(0).id(), inner, "passage only", "at night");
            log.addGrade(answer, "contains", Grade.CORRECT, 1);
            log.finishRun(inner, "done");

            JsonObject params = new JsonObject();
            params.addProperty("model", "/models/seal-tiny");
            params.addProperty("tasks", EVAL.toString());
            long job = log.addJob(ArcRequest.KIND, params.toString());
            log.updateJob(job, "done", 1, "6 inner loops");

            Grid solution = tasks.get("66e6c45b").test().output();
            long solvedB = log.addArcRun(run(model, taskSet, "66e6c45b", CONFIG_B, null, settings, solution, OTHER, true,
                    List.of(2.0, 1.0, 0.5), 12.5));
            long wrongC = log.addArcRun(run(model, taskSet, "66e6c45b", CONFIG_C, null, settings, OTHER, OTHER2, false,
                    List.of(3.0, 2.5), 4.0));
            long baseline = log.addArcRun(run(model, taskSet, "66e6c45b", null, null, settings, null, null, false,
                    List.of(), 0));
            long multi0 = log.addArcRun(run(model, taskSet, "b1fc8b8e-0", CONFIG_B, null, settings, OTHER,
                    tasks.get("b1fc8b8e-0").test().output(), true, List.of(1.0, 0.8), 9.0));
            long multi1 = log.addArcRun(run(model, taskSet, "b1fc8b8e-1", CONFIG_B, null, settings, OTHER, OTHER2, false,
                    List.of(1.1, 0.9), 9.5));
            long sampled = log.addArcRun(run(model, taskSet, "b1fc8b8e-0", CONFIG_C, "{\"data_generation\": …", settings,
                    OTHER2, null, false, List.of(2.2), 3.0));
            return new FewShotFixture(ws, EVAL, inner, solvedB, wrongC, baseline, multi0, multi1, sampled, tasks);
        }
    }

    /** A run as {@code ArcJob} stores it: 7 prompts, its losses one step each, its second answer cut at 48 tokens. */
    static ArcRunRecord.New run(long model, String taskSet, String task, String config, String text, String settings,
                                Grid attempt1, Grid attempt2, boolean solved, List<Double> losses, double trainSeconds) {
        List<TrainingStepRecord> steps = new java.util.ArrayList<>();
        for (int i = 0; i < losses.size(); i++) steps.add(new TrainingStepRecord(0, i + 1, losses.get(i), 1e-3));
        int readable = attempt1 == null ? 0 : 7;
        return new ArcRunRecord.New(model, taskSet, task, config, text, settings, config == null ? 0 : 24, config == null ? 0 : 1,
                steps.size(), losses.isEmpty() ? null : losses.get(losses.size() - 1),
                config == null ? "no self-edit (the model as it is)" : null, 7, readable, ArcJob.gridJson(attempt1),
                ArcJob.gridJson(attempt2), solved, "[\"[[1]]\", \"no grid\"]", trainSeconds, 0.5, steps,
                "[{\"finish\":\"stop_string\",\"limit\":null},{\"finish\":\"max_tokens\",\"limit\":48}]");
    }
}
