package org.sealworkbench.store;

import java.time.Instant;
import java.util.List;

/**
 * One stored few-shot ARC inner loop (schema step 9): a task of a task set, a self-edit (SEAL's JSON; null for the
 * baseline without test-time training), what training did and what the voted prediction was.
 *
 * @param taskSet      the task file's name as the run was given it
 * @param selfEditText what the model wrote, when the self-edit was sampled (null: given)
 * @param settingsJson the fixed recipe the run used
 * @param notTrained   why nothing was trained, or null when the adapter trained
 * @param attempt1     the first attempt as a JSON array of rows, or null when no prediction was readable
 * @param solved       pass@2 against the solution; null when the solution is not known
 * @param answersJson  every raw answer of the test-time prompts, a JSON array of strings
 * @param answerEndingsJson why each answer ended (schema step 12), a JSON array of {"finish", "limit"} beside
 *                     answersJson; null when not recorded
 */
public record ArcRunRecord(long id, long modelId, String taskSet, String task, String configJson,
        String selfEditText, String settingsJson, int texts, int textsTooLong, int steps, Double lastLoss,
        String notTrained, int prompts, int readable, String attempt1, String attempt2, Boolean solved,
        String answersJson, double trainSeconds, double predictSeconds, Instant created, String answerEndingsJson) {

    /** A run whose answers' endings are not recorded. */
    public ArcRunRecord(long id, long modelId, String taskSet, String task, String configJson,
            String selfEditText, String settingsJson, int texts, int textsTooLong, int steps, Double lastLoss,
            String notTrained, int prompts, int readable, String attempt1, String attempt2, Boolean solved,
            String answersJson, double trainSeconds, double predictSeconds, Instant created) {
        this(id, modelId, taskSet, task, configJson, selfEditText, settingsJson, texts, textsTooLong, steps, lastLoss,
                notTrained, prompts, readable, attempt1, attempt2, solved, answersJson, trainSeconds, predictSeconds, created, null);
    }

    /** A run to store: {@link ArcRunRecord} without its id and time, with its training steps. */
    public record New(long modelId, String taskSet, String task, String configJson, String selfEditText,
            String settingsJson, int texts, int textsTooLong, int steps, Double lastLoss, String notTrained,
            int prompts, int readable, String attempt1, String attempt2, Boolean solved, String answersJson,
            double trainSeconds, double predictSeconds, List<TrainingStepRecord> trainingSteps, String answerEndingsJson) {
        public New {
            trainingSteps = List.copyOf(trainingSteps);
        }

        /** A run to store without its answers' endings. */
        public New(long modelId, String taskSet, String task, String configJson, String selfEditText,
                String settingsJson, int texts, int textsTooLong, int steps, Double lastLoss, String notTrained,
                int prompts, int readable, String attempt1, String attempt2, Boolean solved, String answersJson,
                double trainSeconds, double predictSeconds, List<TrainingStepRecord> trainingSteps) {
            this(modelId, taskSet, task, configJson, selfEditText, settingsJson, texts, textsTooLong, steps, lastLoss,
                    notTrained, prompts, readable, attempt1, attempt2, solved, answersJson, trainSeconds, predictSeconds,
                    trainingSteps, null);
        }
    }
}
