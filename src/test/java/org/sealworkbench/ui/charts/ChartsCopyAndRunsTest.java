package org.sealworkbench.ui.charts;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.jobs.charts.ChartsData.RunRow;
import org.sealworkbench.jobs.charts.ChartsService;
import org.sealworkbench.jobs.charts.ChartsServiceTest;
import org.sealworkbench.ui.JobRunner;
import org.sealworkbench.ui.charts.ChartsViewModel.Chart;

/** The Runs tab's columns and what Copy puts on the clipboard, without a screen. */
class ChartsCopyAndRunsTest {
    @TempDir Path tmp;
    JobRunner runner;

    @AfterEach
    void close() {
        if (runner != null) runner.closeAndWait(10_000);   // reads in flight end before the temporary folder goes
    }

    static final RunRow INNER = new RunRow(12, "evaluation", "seal-tiny", "passage only", "9eeed9f96f1d", "contains", 0.5, 0.81,
            "done", Instant.parse("2026-12-05T19:00:25.123Z"), 10, "Drotreiford");
    static final RunRow FEW_SHOT = new RunRow(3, RunRow.FEW_SHOT, "seal-tiny", "config: aug b", "c2133f40a8f5", "pass@2", 1, 2.5,
            "done", null, 96, "66e6c45b");

    /** The columns `./seal runs` prints, the passage among them (it was missing), a few-shot run's score as solved. */
    @Test
    void theRunsColumnsAreSealRunsColumnsWithThePassage() {
        assertEquals(List.of("run", "kind", "model", "passage/task", "condition", "settings", "grader", "score", "time",
                "status", "started (UTC)", "steps"), ChartsViewModel.RUNS_COLUMNS.stream().map(ChartsViewModel.RunsColumn::title).toList());
        List<String> inner = ChartsViewModel.RUNS_COLUMNS.stream().map(c -> c.value().apply(INNER)).toList();
        assertEquals(List.of("12", "evaluation", "seal-tiny", "Drotreiford", "passage only", "9eeed9f96f1d", "contains", "50.0 %",
                "0.8 s", "done", "2026-12-05 19:00", "10"), inner);
        List<String> arc = ChartsViewModel.RUNS_COLUMNS.stream().map(c -> c.value().apply(FEW_SHOT)).toList();
        assertEquals(List.of("A3", "few-shot", "seal-tiny", "66e6c45b", "config: aug b", "c2133f40a8f5", "pass@2", "1/1 solved",
                "2.5 s", "done", "-", "96"), arc);
        // the names give way; the short texts keep their width
        assertEquals(List.of("model", "passage/task", "condition", "settings"), ChartsViewModel.RUNS_COLUMNS.stream()
                .filter(c -> !c.fixed()).map(ChartsViewModel.RunsColumn::title).toList());
    }

    static RunRow scored(long id, double accuracy, double seconds, int steps) {
        return new RunRow(id, "evaluation", "seal-tiny", "passage only", "9eeed9f96f1d", "contains", accuracy, seconds, "done",
                null, steps, "Owls");
    }

    /** A column's order, as the Runs table sorts it ascending: the rows' texts in that column. */
    private static List<String> sortedBy(String title, List<RunRow> rows) {
        ChartsViewModel.RunsColumn c = ChartsViewModel.RUNS_COLUMNS.stream().filter(x -> x.title().equals(title)).findFirst().orElseThrow();
        return rows.stream().sorted(c.order()).map(c.value()).toList();
    }

    /**
     * The score reads as the whole window writes accuracies (1 of 6 right: "16.7 %"), and the score, time, steps and id
     * columns sort by what they are, not by their text (where "100.0 %" came before "16.7 %" and "9.0 %").
     */
    @Test
    void scoresReadAsPercentAndTheNumberColumnsSortByValue() {
        List<RunRow> rows = List.of(scored(10, 1.0, 10.0, 12), scored(9, 1 / 6.0, 9.0, 9), scored(2, 0.09, 100.0, 100),
                scored(3, Double.NaN, Double.NaN, 0));
        assertEquals("16.7 %", ChartFactory.score(rows.get(1)));
        assertEquals(List.of("\u2013", "9.0 %", "16.7 %", "100.0 %"), sortedBy("score", rows));
        assertEquals(List.of("-", "9.0 s", "10.0 s", "100.0 s"), sortedBy("time", rows));
        assertEquals(List.of("0", "9", "12", "100"), sortedBy("steps", rows));
        assertEquals(List.of("2", "3", "9", "10"), sortedBy("run", rows));
        assertEquals(List.of("12", "A3"), sortedBy("run", List.of(FEW_SHOT, INNER)), "inner-loop runs first");
        // as text they would not: the test would pass on a column sorted by its text only if these were equal
        assertNotEquals(sortedBy("score", rows), rows.stream().map(ChartFactory::score).sorted().toList());
        // a column of names sorts by its text
        assertEquals(List.of("evaluation", "few-shot"), sortedBy("kind", List.of(FEW_SHOT, INNER)));
    }

    @Test
    void runsAreCopiedTabSeparatedWithTheirHeader() {
        String tsv = ChartsViewModel.runsTsv(List.of(INNER, FEW_SHOT));
        List<String> lines = tsv.lines().toList();
        assertEquals(3, lines.size(), tsv);
        assertEquals("run\tkind\tmodel\tpassage/task\tcondition\tsettings\tgrader\tscore\ttime\tstatus\tstarted (UTC)\tsteps",
                lines.get(0));
        assertEquals("12\tevaluation\tseal-tiny\tDrotreiford\tpassage only\t9eeed9f96f1d\tcontains\t50.0 %\t0.8 s\tdone\t"
                + "2026-12-05 19:00\t10", lines.get(1));
        assertTrue(lines.get(2).startsWith("A3\tfew-shot\t"), lines.get(2));
    }

    /**
     * Copy data gives the chart's CSV (as Export writes it) and says so; a chart with no data copies nothing and exports
     * nothing, and says why.
     */
    @Test
    void copyDataIsTheChartsCsvAndTheStatusSaysWhatWasCopied() throws Exception {
        Fx.start();
        Path ws = ChartsServiceTest.workspace(tmp);
        runner = new JobRunner();
        ChartsViewModel vm = Fx.call(() -> new ChartsViewModel(new ChartsService(ws), runner));
        // the whole read, not its first part (the Conditions tab's data shows first, the runs and the status after it)
        javafx.concurrent.Task<?> read = Fx.call(vm::refresh);
        Fx.await("read", () -> read.getState() == javafx.concurrent.Worker.State.SUCCEEDED);
        String copied = Fx.call(() -> vm.copyData(Chart.CONDITIONS, "Conditions"));
        assertEquals(Fx.call(() -> vm.csv(Chart.CONDITIONS)), copied);
        long rows = Fx.call(() -> (long) vm.dataProperty().get().conditions().size());
        assertTrue(rows > 0);
        assertEquals("Copied the Conditions chart's data (" + rows + " row" + (rows == 1 ? "" : "s") + " of CSV) to the clipboard.",
                Fx.call(() -> vm.statusProperty().get()));
        assertNull(Fx.call(() -> vm.copyData(Chart.DIVERSITY, "Diversity")), "no RL rounds in this workspace");
        assertEquals("Nothing to copy: the Diversity chart has no data yet.", Fx.call(() -> vm.statusProperty().get()));
        // Export likewise: a chart without data writes no empty figure, and says why
        Path base = tmp.resolve("out/diversity");
        assertNull(Fx.call(() -> vm.export(Chart.DIVERSITY, base, 800, 500)));
        Thread.sleep(200);
        assertFalse(java.nio.file.Files.exists(tmp.resolve("out")), "nothing written");
        assertTrue(Fx.call(() -> vm.statusProperty().get()).startsWith("Nothing to export: no RL self-edits yet"),
                Fx.call(() -> vm.statusProperty().get()));
        // the Runs tab: nothing selected copies every run
        String all = Fx.call(() -> vm.copyRuns(List.of()));
        int runs = Fx.call(() -> vm.dataProperty().get().runs().size());
        assertEquals(runs + 1, all.lines().count());
        assertTrue(Fx.call(() -> vm.statusProperty().get()).startsWith("Copied " + runs + " run rows (all)"));
    }
}
