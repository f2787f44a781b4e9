package org.sealworkbench.jobs.continual;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.sealworkbench.jobs.ContinualJob;
import org.sealworkbench.jobs.ContinualRequest;
import org.sealworkbench.seal.PassageSplit;
import org.sealworkbench.seal.Presets;
import org.sealworkbench.seal.SealSettings;
import org.sealworkbench.seal.SettingsOverrides;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.ModelRecord;
import org.sealworkbench.util.CancelToken;
import org.sealworkbench.util.Progress;

/**
 * Continual self-edits from the window (RL &gt; Continual self-edits…): the choices its form offers, read from the
 * workspace, and the request {@code ./seal continual} builds from the same values, so either finds the other's steps
 * stored. The work itself is {@link ContinualJob}'s.
 */
public final class ContinualService {
    /** All passages of the workspace, in order, rather than those of one imported file. */
    public static final String ALL_PASSAGES = "";

    private final Path workspace;

    public ContinualService(Path workspace) {
        this.workspace = workspace;
    }

    /** Where each passage's self-edit can come from: the model's own, none (passage only), or a named author's. */
    public List<String> sources() {
        List<String> out = new ArrayList<>(List.of("base-self-edits", "passage-only"));
        try (ExperimentLog log = ExperimentLog.open(workspace)) {
            Set<String> authors = new LinkedHashSet<>();
            for (ModelRecord m : log.models()) authors.add(m.name());
            authors.forEach(a -> out.add("self-edits:" + a));
        }
        return out;
    }

    /** The files the workspace's passages were imported from (source labels), in order; a sequence can take its passages from one. */
    public List<String> passageFiles() {
        try (ExperimentLog log = ExperimentLog.open(workspace)) {
            return log.passageSources();
        }
    }

    /** How many passages a sequence can take from {@code file} ({@link #ALL_PASSAGES}: the workspace's). */
    public int passagesIn(String file) {
        try (ExperimentLog log = ExperimentLog.open(workspace)) {
            return file == null || file.isEmpty() ? log.passages().size() : log.passageIdsWithSource(file).size();
        }
    }

    /**
     * The request of {@code ./seal continual --passages N --repeats R --self-edits SOURCE --preset P --grader G
     * [--validation-set FILE]}: the first {@code passages} passages of the workspace or of {@code file}.
     */
    public ContinualRequest request(Path model, String preset, String grader, int passages, int repeats, String source, String file) {
        if (model == null) throw new IllegalArgumentException("choose a model first (Self-edits > Models…)");
        SealSettings settings = Presets.byName(preset);
        if (grader != null && !grader.isBlank()) settings = new SettingsOverrides().grader(grader).apply(settings);
        // the CLI's split: its first 200 passages (or the named file's) are the validation set the sequence is taken from
        PassageSplit split = new PassageSplit(Math.max(200, passages), file == null || file.isEmpty() ? null : file, null);
        return new ContinualRequest(workspace, model, settings, split, passages, repeats, source, null);
    }

    /** Runs the request as its job (a row in the jobs table, resumable by running it again). */
    public ContinualJob.Report run(ContinualRequest request, Progress progress, CancelToken token) {
        return new ContinualJob(request).run(progress, token);
    }
}
