package org.sealworkbench.seal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.PassageSummary;

/**
 * Which of a workspace's passages are held out for evaluation and which feed RL.
 *
 * <p>By position (no set names): passages in the order they were stored (id order); the first
 * {@code validation} are the validation set, RL uses the ones after them. By name: {@code validationSet} and
 * {@code rlSet} are source labels (the file a passage was imported from, e.g. "validation-passages.json");
 * RL never uses a passage of the validation set even when it also carries the RL label.
 *
 * <p>RL round r uses the r-th block of {@code perRound} RL passages (SEAL: 50 fresh passages per round), so no
 * two rounds share a passage.
 */
public record PassageSplit(int validation, String validationSet, String rlSet) {
    public PassageSplit {
        if (validation < 0) throw new IllegalArgumentException("the validation set size must be >= 0, got " + validation);
    }

    /** By position: the first {@code validation} passages are the validation set. */
    public PassageSplit(int validation) {
        this(validation, null, null);
    }

    /** The validation set: the named set, or the first {@code validation} passages. */
    public List<Long> validationSet(ExperimentLog log) {
        if (validationSet != null) return named(log, validationSet);
        List<Long> all = ids(log);
        return all.subList(0, Math.min(validation, all.size()));
    }

    /** The first n passages of the validation set. */
    public List<Long> validationPassages(ExperimentLog log, int n) {
        List<Long> v = validationSet(log);
        if (v.isEmpty()) {
            throw new IllegalArgumentException("the workspace has no validation passages (it has " + ids(log).size()
                    + " passages; the validation set is the first " + validation + ")");
        }
        return v.subList(0, Math.min(n, v.size()));
    }

    /** Every passage RL may train on, in order: the named RL set, or all after the first {@code validation}; never a validation one. */
    public List<Long> rlPool(ExperimentLog log) {
        Set<Long> held = new HashSet<>(validationSet(log));
        List<Long> source = rlSet != null ? named(log, rlSet) : ids(log);
        List<Long> out = new ArrayList<>();
        for (long id : source) if (!held.contains(id)) out.add(id);
        return out;
    }

    /** The RL-train passages of round r (1-based): the r-th block of {@code perRound} passages of the RL pool. */
    public List<Long> rlPassages(ExperimentLog log, int round, int perRound) {
        if (round < 1) throw new IllegalArgumentException("RL rounds count from 1, got " + round);
        List<Long> pool = rlPool(log);
        long from = (long) (round - 1) * perRound;
        long to = from + perRound;
        if (to > pool.size()) {
            String where = rlSet != null ? "the set '" + rlSet + "'" : "the workspace after the " + validation + " validation passages";
            long offset = rlSet != null ? 0 : validation;
            long have = rlSet != null ? pool.size() : ids(log).size();   // the workspace may hold fewer than the validation count
            throw new IllegalArgumentException("RL round " + round + " needs passages " + (offset + from + 1) + " to " + (offset + to)
                    + " of " + where + " (" + perRound + " per round), but there are " + have
                    + (rlSet == null && have <= validation ? ", all of them in the validation set" : "")
                    + "; import more passages, or lower --passages-per-round" + (rlSet == null ? " or the validation count" : ""));
        }
        return pool.subList((int) from, (int) to);
    }

    private static List<Long> named(ExperimentLog log, String label) {
        List<Long> ids = log.passageIdsWithSource(label);
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("no passages imported from '" + label + "' in the workspace (known sets: "
                    + String.join(", ", log.passageSources()) + ")");
        }
        return ids;
    }

    private static List<Long> ids(ExperimentLog log) {
        return log.passages().stream().map(PassageSummary::id).toList();
    }
}
