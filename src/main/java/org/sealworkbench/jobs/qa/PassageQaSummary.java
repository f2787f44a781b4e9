package org.sealworkbench.jobs.qa;

/**
 * For the library's columns: a passage's best stored per-passage accuracy under one grader (over every condition and
 * settings digest) and the condition that reached it; and the gain of its best self-edit condition (any but no
 * adaptation and passage only) over "passage only" under the same settings, with that passage-only accuracy (both NaN
 * when no self-edit condition has a passage-only run to compare with).
 */
public record PassageQaSummary(long passageId, double bestAccuracy, String bestCondition, double passageOnlyAccuracy, double gain) {}
