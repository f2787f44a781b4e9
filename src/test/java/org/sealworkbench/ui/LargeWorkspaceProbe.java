package org.sealworkbench.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.sealworkbench.jobs.annotate.AnnotationService;
import org.sealworkbench.jobs.annotate.PairingRule;
import org.sealworkbench.jobs.annotate.TaskSpec;
import org.sealworkbench.jobs.charts.ChartsData;
import org.sealworkbench.jobs.charts.ChartsService;
import org.sealworkbench.jobs.history.HistoryService;
import org.sealworkbench.jobs.qa.QaRun;
import org.sealworkbench.jobs.qa.QaService;
import org.sealworkbench.jobs.rl.RlService;
import org.sealworkbench.jobs.workspace.StoreWorkspaceService;
import org.sealworkbench.util.CancelToken;

/**
 * Times, on a workspace folder, the store reads behind what a person does in the window (open, filter, select a passage,
 * each tab, the RL window, F5), as the window's view models call them. A measuring tool, not a test:
 * {@code LargeWorkspaceProbe DIR}.
 */
public final class LargeWorkspaceProbe {
    private LargeWorkspaceProbe() {}

    static <T> T time(String what, Supplier<T> work) {
        long t0 = System.nanoTime();
        T r = work.get();
        System.out.printf(Locale.ROOT, "%-46s %9.1f ms%n", what, (System.nanoTime() - t0) / 1e6);
        return r;
    }

    static long usedMb() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) System.gc();
        return (rt.totalMemory() - rt.freeMemory()) >> 20;
    }

    public static void main(String[] args) {
        Path ws = Path.of(args[0]).toAbsolutePath();
        CancelToken cancel = new CancelToken();
        long heap0 = usedMb();
        if (args.length > 1 && args[1].equals("qa")) {
            try (org.sealworkbench.store.ExperimentLog log = org.sealworkbench.store.ExperimentLog.open(ws)) {
                for (int i = 0; i < 3; i++) {
                    var g = time("log.gradedAnswers", () -> log.gradedAnswers(null));
                    time("ResultsTable.of(graded, contains)", () -> org.sealworkbench.seal.ResultsTable.of(g, "contains"));
                    time("QaService.libraryQa", () -> QaService.libraryQa(log));
                }
            }
            return;
        }
        if (args.length > 1 && args[1].equals("parts")) {
            try (org.sealworkbench.store.ExperimentLog log = org.sealworkbench.store.ExperimentLog.open(ws)) {
                for (int i = 0; i < 2; i++) {
                    time("log.passages", log::passages);
                    time("log.runs", log::runs);
                    time("log.gradedAnswers", () -> log.gradedAnswers(null));
                    time("log.resultCells (counted by SQLite)", () -> log.resultCells(org.sealworkbench.seal.Grade::isCorrectVerdict));
                }
                var g = log.gradedAnswers(null);
                time("ResultsTable.of(graded, contains)", () -> org.sealworkbench.seal.ResultsTable.of(g, "contains"));
                time("ResultsTable.compute(contains)", () -> org.sealworkbench.seal.ResultsTable.compute(log, null, "contains"));
                time("QaService.libraryQa", () -> QaService.libraryQa(log));
                time("QaService.libraryQa again", () -> QaService.libraryQa(log));
                time("Charts: read", () -> new ChartsService(ws).read((d, t, m) -> {}, new CancelToken()));
                time("Charts: read again", () -> new ChartsService(ws).read((d, t, m) -> {}, new CancelToken()));
                time("log.counts", log::counts);
            }
            return;
        }
        StoreWorkspaceService backend = time("open: workspace service", () -> StoreWorkspaceService.open(ws));
        LibrarySnapshot snap = time("open: library snapshot", () -> LibrarySnapshot.read(backend));
        time("open: models", backend::models);
        try {
            time("open: library QA (read after the rows)", backend::libraryQa);
        } catch (NoSuchMethodError | UnsupportedOperationException old) {
            System.out.println("open: library QA: part of the snapshot in this build");
        }
        System.out.printf("  library rows: %d, heap after: %d MB (before %d)%n", snap.rows().size(), usedMb(), heap0);
        time("F5: library snapshot again", () -> LibrarySnapshot.read(backend));
        try {
            time("F5: library QA again (nothing changed)", backend::libraryQa);
        } catch (NoSuchMethodError | UnsupportedOperationException old) {
            System.out.println("F5: library QA: part of the snapshot in this build");
        }
        time("change check (changeStamp)", backend::changeStamp);
        PassageLibraryViewModel lib = new PassageLibraryViewModel();
        time("library: show rows", () -> { lib.show(snap); return null; });
        for (String typed : List.of("h", "ha", "har", "harb", "harbour", "harbour valdoria", "")) {
            time("filter '" + typed + "'", () -> { lib.filterTextProperty().set(typed); return lib.visibleRows().size(); });
        }
        List<Long> picks = List.of(snap.rows().get(0).id(), snap.rows().get(snap.rows().size() / 2).id(),
                snap.rows().get(snap.rows().size() - 1).id());
        try (QaService qa = QaService.open(ws)) {
            for (long id : picks) {
                time("select " + id + ": passage", () -> backend.passage(id));
                time("select " + id + ": self-edits", () -> backend.selfEdits(id));
                List<QaRun> runs = time("select " + id + ": QA runs", () -> qa.runs(id));
                if (!runs.isEmpty()) time("select " + id + ": QA table", () -> qa.table(id, runs.get(runs.size() - 1).runId()));
            }
        }
        ChartsService charts = new ChartsService(ws);
        ChartsData data = time("Charts: read", () -> charts.read((d, t, m) -> {}, cancel));
        System.out.printf("  charts: %d bars, %d runs rows, %d rl rounds, %d gain series, heap %d MB%n", data.conditions().size(),
                data.runs().size(), data.rlRounds().size(), data.gains().size(), usedMb());
        List<ChartsData.RunId> some = data.runs().stream().limit(5).map(ChartsData.RunRow::id).toList();
        time("Charts > Loss: 5 curves", () -> charts.lossCurves(some, cancel));
        HistoryService history = new HistoryService(ws);
        var rows = time("History: runs", () -> history.runs(cancel));
        time("History: jobs", history::jobs);
        time("History: detail", () -> history.detail(rows.get(rows.size() / 2).id().number()));
        try (AnnotationService a = time("Annotate: open", () -> AnnotationService.open(ws))) {
            time("Annotate: passages", a::passages);
            time("Annotate: authors", a::authors);
            time("Annotate: last annotator", a::lastAnnotator);
            time("Annotate: guideline", a::guideline);
            time("Annotate: judgements", a::judgements);
            time("Annotate: pairs (1 passage)", () -> a.pairs(new TaskSpec("x", List.of(picks.get(0)), PairingRule.ALL_PAIRS,
                    null, null, true, 1)));
            time("Annotate: measures", a::measures);
        }
        RlService rl = new RlService();
        time("RL window: passage sets", () -> rl.passageSets(ws));
        time("RL window: stopped", () -> rl.stopped(ws));
        System.out.printf("heap at end: %d MB%n", usedMb());
        backend.close();
    }
}
