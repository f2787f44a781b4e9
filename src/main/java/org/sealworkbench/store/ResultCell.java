package org.sealworkbench.store;

/**
 * The newest grades of one grader on the answers of one run (or of no run: {@code runId} null) to the questions of one
 * passage under one answer condition, counted: what the results table needs of those answers, without reading them one
 * by one ({@link ExperimentLog#resultCells}). Each answer counts once, by the grader's newest grade of it.
 *
 * @param answers      how many answers (each by its newest grade of this grader)
 * @param correct      how many of them have a verdict the caller counts as correct
 * @param firstGradeId the lowest id among those newest grades: where the cell's first answer comes in the graded answers'
 *                     order (oldest grade first), which the results table's orders follow
 * @param questionIds  the ids of the questions answered, comma-separated in no particular order (a question answered twice
 *                     is listed twice); equal lists of the cells of one read are one String
 * @param selfEditId   the run's self-edit (null: none, or no run)
 * @param experimentId the run's experiment (null: none, or no run)
 * @param settingsJson the run's settings snapshot (null: no run); consecutive runs of equal snapshots share one String
 */
public record ResultCell(Long runId, long passageId, String condition, String grader, int answers, int correct,
                         long firstGradeId, String questionIds, Long selfEditId, Long experimentId, String settingsJson) {}
