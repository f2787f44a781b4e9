package org.sealworkbench.jobs.history;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Two few-shot (ARC) runs of the same task side by side: what differs in their self-edits, settings and models (flattened
 * to dotted keys, as {@link RunComparison} does for inner-loop runs), and each test input's attempts of both runs. Only
 * runs of one task (same task set and task name) compare: their test inputs are the same, so their attempts are too;
 * {@link #notOffered} says why any other pair is not compared. Pure: no store, no screen.
 */
public record ArcComparison(ArcRunDetail a, ArcRunDetail b, List<RunComparison.SettingDiff> settingsDiff, int sameSettings) {
    public ArcComparison {
        settingsDiff = List.copyOf(settingsDiff);
    }

    /** Why these two runs are not compared, or null when they are (both of one task). */
    public static String notOffered(ArcRunDetail a, ArcRunDetail b) {
        if (a.task().equals(b.task()) && a.taskSet().equals(b.taskSet())) return null;
        return "Compare is not offered for few-shot runs of different tasks (" + a.task() + " of " + a.taskSet() + ", "
                + b.task() + " of " + b.taskSet() + "): their test inputs differ, so their attempts do not line up. "
                + "Choose two runs of one task.";
    }

    /** @throws IllegalArgumentException when the two are not of one task ({@link #notOffered}) */
    public static ArcComparison of(ArcRunDetail a, ArcRunDetail b) {
        String why = notOffered(a, b);
        if (why != null) throw new IllegalArgumentException(why);
        Map<String, String> fa = flatten(a), fb = flatten(b);
        List<RunComparison.SettingDiff> diff = RunComparison.diff(fa, fb);
        int keys = new java.util.TreeSet<String>() {{ addAll(fa.keySet()); addAll(fb.keySet()); }}.size();
        return new ArcComparison(a, b, diff, keys - diff.size());
    }

    /** The run's self-edit ("config.…"; "config" = "none" for the baseline), settings ("settings.…") and model. */
    static Map<String, String> flatten(ArcRunDetail d) {
        Map<String, String> out = new TreeMap<>();
        out.put("model", d.model());
        if (d.configJson() == null) out.put("config", "none (no test-time training)");
        else RunComparison.flatten(d.configJson()).forEach((k, v) -> out.put("config." + k, v));
        RunComparison.flatten(d.settingsJson()).forEach((k, v) -> out.put("settings." + k, v));
        out.put("self-edit", d.configJson() == null ? "none" : d.selfEditText() != null ? "sampled" : "given");
        return out;
    }

    /** Whether the two runs' attempts at this run's test input are the same grids (both none counts as the same). */
    public boolean sameAttempts() {
        ArcRunDetail.TestInput x = a.thisInput(), y = b.thisInput();
        return Objects.equals(x.attempt1(), y.attempt1()) && Objects.equals(x.attempt2(), y.attempt2());
    }
}
