package org.sealworkbench.jobs.qa;

/**
 * For the library's columns: a passage's best stored per-passage accuracy under one grader (over every condition and
 * settings digest), the condition that reached it, and its gain over "passage only" under the same settings (NaN when
 * the passage has no passage-only run under those settings).
 */
public record PassageQaSummary(long passageId, double bestAccuracy, String bestCondition, double passageOnlyAccuracy, double gain) {}
