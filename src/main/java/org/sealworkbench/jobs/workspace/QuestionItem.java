package org.sealworkbench.jobs.workspace;

/** A question of a passage with its gold answer; ordinal is its 0-based position. */
public record QuestionItem(long id, long passageId, int ordinal, String question, String answer) {}
