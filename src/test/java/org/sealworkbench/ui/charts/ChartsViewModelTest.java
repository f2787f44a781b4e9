package org.sealworkbench.ui.charts;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.category.CategoryDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.jobs.charts.ChartsBackend;
import org.sealworkbench.jobs.charts.ChartsData;
import org.sealworkbench.jobs.charts.ChartsService;
import org.sealworkbench.jobs.charts.ChartsServiceTest;
import org.sealworkbench.seal.ResultRow;
import org.sealworkbench.seal.ResultsTable;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.ui.JobRunner;
import org.sealworkbench.ui.charts.ChartsViewModel.Chart;
import org.sealworkbench.util.Counts;

/** The view model without a screen: the charts' datasets are ResultsTable's numbers; smoothing, log scale, export. */
class ChartsViewModelTest {
    @TempDir Path tmp;
    Path ws;
    JobRunner runner;
    ChartsViewModel vm;

    @BeforeEach
    void open() throws Exception {
        Fx.start();
        ws = ChartsServiceTest.workspace(tmp);
        runner = new JobRunner();
        vm = Fx.call(() -> new ChartsViewModel(new ChartsService(ws), runner));
        Fx.run(vm::refresh);
        Fx.await("loaded with loss curves", () -> !vm.dataProperty().get().isEmpty() && !vm.rawCurves().isEmpty());
    }

    @AfterEach
    void close() {
        runner.closeAndWait(10_000);   // reads in flight end before the temporary folder goes
    }

    /**
     * Until the first read ends the charts say they are reading (a large workspace's read takes seconds, during which they
     * said "No graded answers yet: … fills SEAL's table"); then what the data lacks; a failed first read says that too.
     */
    @Test
    void theChartsSayTheyAreReadingUntilTheFirstReadEnds() throws Exception {
        java.util.concurrent.CountDownLatch[] release = {null};
        boolean[] failRead = {false};
        ChartsBackend slow = new ChartsBackend() {
            @Override
            public ChartsData read(org.sealworkbench.util.Progress p, org.sealworkbench.util.CancelToken c) {
                try {
                    release[0].await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                if (failRead[0]) throw new IllegalStateException("no workspace.db");
                return ChartsData.empty();
            }

            @Override
            public List<ChartsData.LossCurve> lossCurves(List<ChartsData.RunId> ids, org.sealworkbench.util.CancelToken c) {
                return List.of();
            }
        };
        for (boolean fails : new boolean[] {false, true}) {
            failRead[0] = fails;
            release[0] = new java.util.concurrent.CountDownLatch(1);
            ChartsViewModel reading = Fx.call(() -> new ChartsViewModel(slow, runner));
            Fx.run(reading::refresh);
            for (Chart c : Chart.values()) assertEquals(ChartsViewModel.READING, Fx.call(() -> reading.emptyText(c)), c.name());
            release[0].countDown();
            Fx.await("read", () -> fails ? reading.failureProperty().get() != null : reading.statusProperty().get().startsWith("No"));
            assertTrue(Fx.call(() -> reading.emptyText(Chart.CONDITIONS)).startsWith("No graded answers yet"),
                    Fx.call(() -> reading.emptyText(Chart.CONDITIONS)));
        }
    }

    /**
     * The first read shows the Conditions tab's data as soon as the backend hands it over, the other charts saying they are
     * still reading; then everything. The backend's first part is the full read's conditions and paired differences.
     */
    @Test
    void theFirstReadShowsTheConditionsBeforeTheRest() throws Exception {
        ChartsService service = new ChartsService(ws);
        ChartsData[] handed = new ChartsData[1];
        ChartsData all = service.read(org.sealworkbench.util.Progress.none(), new org.sealworkbench.util.CancelToken(), d -> handed[0] = d);
        assertTrue(handed[0].runs().isEmpty() && handed[0].rlRounds().isEmpty(), "the conditions only");
        assertSame(all.conditions(), handed[0].conditions());
        assertSame(all.paired(), handed[0].paired());
        assertFalse(all.runs().isEmpty());

        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ChartsBackend slow = new ChartsBackend() {
            @Override
            public ChartsData read(org.sealworkbench.util.Progress p, org.sealworkbench.util.CancelToken c) {
                throw new AssertionError("the view model hears the first part");
            }

            @Override
            public ChartsData read(org.sealworkbench.util.Progress p, org.sealworkbench.util.CancelToken c,
                                   java.util.function.Consumer<ChartsData> first) {
                first.accept(handed[0]);
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return all;
            }

            @Override
            public List<ChartsData.LossCurve> lossCurves(List<ChartsData.RunId> ids, org.sealworkbench.util.CancelToken c) {
                return service.lossCurves(ids, c);
            }
        };
        ChartsViewModel first = Fx.call(() -> new ChartsViewModel(slow, runner));
        Fx.run(first::refresh);
        Fx.await("the conditions shown", () -> first.dataProperty().get() == handed[0]);
        assertNull(Fx.call(() -> first.emptyText(Chart.CONDITIONS)));
        assertNull(Fx.call(() -> first.emptyText(Chart.PAIRED)));
        assertEquals(ChartsViewModel.READING, Fx.call(() -> first.emptyText(Chart.LOSS)));
        assertEquals(ChartsViewModel.READING, Fx.call(() -> first.emptyText(Chart.GAIN)));
        assertTrue(Fx.call(() -> first.statusProperty().get()).contains("reading the runs"), Fx.call(() -> first.statusProperty().get()));
        assertEquals(2, ((CategoryPlot) Fx.call(() -> first.chart(Chart.CONDITIONS)).getPlot()).getDataset().getRowCount());
        release.countDown();
        Fx.await("everything", () -> first.dataProperty().get() == all);
        assertNotEquals(ChartsViewModel.READING, Fx.call(() -> first.emptyText(Chart.GAIN)));
        assertEquals(all.runs().size(), Fx.call(() -> first.dataProperty().get().runs().size()));
    }

    /** A read that finds the runs' rows unchanged (the very same list) takes what was worked out from them before. */
    @Test
    void theRunsTextsAreWorkedOutAgainOnlyForOtherRows() {
        ChartsData d = new ChartsService(ws).read(org.sealworkbench.util.Progress.none(), new org.sealworkbench.util.CancelToken());
        ChartsViewModel.Prepared first = ChartsViewModel.Prepared.of(d);
        ChartsData same = new ChartsData(d.conditions(), d.paired(), d.runs());
        ChartsViewModel.Prepared again = ChartsViewModel.Prepared.of(same, first);
        assertSame(same, again.data());
        assertSame(first.columnSamples(), again.columnSamples());
        assertSame(first.lossHaystacks(), again.lossHaystacks());
        ChartsData other = new ChartsData(d.conditions(), d.paired(), new java.util.ArrayList<>(d.runs()));
        ChartsViewModel.Prepared fresh = ChartsViewModel.Prepared.of(other, first);
        assertNotSame(first.columnSamples(), fresh.columnSamples());
        assertEquals(first.columnSamples(), fresh.columnSamples());
        assertEquals(first.runsWithLoss(), fresh.runsWithLoss());
    }

    @Test
    void conditionsChartDatasetIsTheResultsTable() throws Exception {
        List<ResultRow> rows;
        try (ExperimentLog log = ExperimentLog.open(ws)) {
            rows = ResultsTable.compute(log, null, null).rows();
        }
        JFreeChart chart = Fx.call(() -> vm.chart(Chart.CONDITIONS));
        CategoryPlot plot = (CategoryPlot) chart.getPlot();
        CategoryDataset ds = plot.getDataset();
        CiBarRenderer r = (CiBarRenderer) plot.getRenderer();
        int values = 0;
        for (int i = 0; i < ds.getRowCount(); i++) {
            for (int j = 0; j < ds.getColumnCount(); j++) if (ds.getValue(i, j) != null) values++;
        }
        assertEquals(rows.size(), values, "one bar per results-table row");
        for (ResultRow row : rows) {
            String group = row.grader() + " @ " + row.settingsDigest();
            assertEquals(100 * row.macroAccuracy(), ds.getValue(row.condition(), group).doubleValue(), 1e-12);
            double[] ci = r.interval(row.condition(), group);
            assertEquals(100 * row.ciLow(), ci[0], 1e-12);
            assertEquals(100 * row.ciHigh(), ci[1], 1e-12);
        }
        String csv = Fx.call(() -> vm.csv(Chart.CONDITIONS));
        assertEquals(rows.size() + 1, csv.split("\n").length);
        assertTrue(csv.contains(Double.toString(rows.get(0).macroAccuracy())), csv);
        CategoryDataset paired = ((CategoryPlot) Fx.call(() -> vm.chart(Chart.PAIRED)).getPlot()).getDataset();
        assertEquals(1, paired.getRowCount(), "no adaptation - passage only");
        assertNull(Fx.call(() -> vm.emptyText(Chart.PAIRED)));
        // no continual sequence in this workspace: the tab says how to make one, and its export is a header
        assertTrue(Fx.call(() -> vm.emptyText(Chart.CONTINUAL)).contains("RL > Continual self-edits"));
        assertEquals("repeat,step,passage,passage_id,accuracy\n", Fx.call(() -> vm.csv(Chart.CONTINUAL)));
        assertNull(Fx.call(() -> vm.continualSummary()));
        assertEquals(List.of(), Fx.call(() -> List.copyOf(vm.continualMatrixChoices())));
    }

    @Test
    void fewShotTabIsEmptyWithoutArcRunsAndSaysHowToMakeThem() throws Exception {
        // the workspace of @BeforeEach has inner-loop runs only
        String empty = Fx.call(() -> vm.emptyText(Chart.FEW_SHOT));
        assertEquals(ChartsViewModel.FEW_SHOT_EMPTY, empty);
        assertTrue(empty.contains("RL > Few-shot (ARC)…") && empty.contains("./seal arc") && empty.contains("--workspace DIR"), empty);
        assertEquals(List.of(), Fx.call(() -> List.copyOf(vm.fewShotTaskSets())));
        assertNull(Fx.call(() -> vm.fewShotTaskSetProperty().get()));
        assertNull(Fx.call(() -> vm.fewShotCaption()));
        assertEquals(1, Fx.call(() -> vm.csv(Chart.FEW_SHOT)).split("\n").length, "the header alone");
        CategoryPlot plot = (CategoryPlot) Fx.call(() -> vm.chart(Chart.FEW_SHOT)).getPlot();
        assertEquals(0, plot.getDataset().getRowCount());
    }

    /** The status line counts in the singular where there is one ("1 rows of the few-shot (ARC) table" was shown). */
    @Test
    void statusCountsSayOneInTheSingular() {
        assertEquals("1 row of the few-shot (ARC) table", Counts.of(1, "row of the few-shot (ARC) table",
                "rows of the few-shot (ARC) table"));
        assertEquals("0 run rows", Counts.of(0, "run row", "run rows"));
        assertEquals("3 runs with a loss curve", Counts.of(3, "run with a loss curve", "runs with a loss curve"));
    }

    @Test
    void fewShotStateIsTheChosenTaskSetsRows() throws Exception {
        Path fws = ChartsServiceTest.fewShotWorkspace(tmp);
        ChartsViewModel f = Fx.call(() -> new ChartsViewModel(new ChartsService(fws), runner));
        Fx.run(f::refresh);
        Fx.await("few-shot rows read", () -> !f.dataProperty().get().fewShot().isEmpty());
        assertEquals(List.of("eval.json", "train.json"), Fx.call(() -> List.copyOf(f.fewShotTaskSets())));
        assertEquals("train.json", Fx.call(() -> f.fewShotTaskSetProperty().get()), "the newest task set is shown first");
        assertTrue(Fx.call(() -> f.statusProperty().get()).contains("3 rows of the few-shot (ARC) table"), Fx.call(() -> f.statusProperty().get()));
        CategoryDataset train = ((CategoryPlot) Fx.call(() -> f.chart(Chart.FEW_SHOT)).getPlot()).getDataset();
        assertEquals(1, train.getColumnCount(), "train.json's one condition, not eval.json's");
        assertEquals(100.0, train.getValue(0, 0).doubleValue(), 1e-12);

        Fx.run(() -> f.fewShotTaskSetProperty().set("eval.json"));
        assertNull(Fx.call(() -> f.emptyText(Chart.FEW_SHOT)));
        List<ChartsData.FewShotRow> rows = Fx.call(f::shownFewShot);
        assertEquals(2, rows.size());
        JFreeChart chart = Fx.call(() -> f.chart(Chart.FEW_SHOT));
        CategoryPlot plot = (CategoryPlot) chart.getPlot();
        CategoryDataset ds = plot.getDataset();
        CiBarRenderer r = (CiBarRenderer) plot.getRenderer();
        assertEquals(1, ds.getRowCount(), "one model and settings digest");
        assertEquals(2, ds.getColumnCount(), "two conditions");
        String configCondition = "config: " + ChartsServiceTest.ARC_CONFIG.shortForm();
        String group = rows.get(0).group();
        assertEquals(List.of("no test-time training", configCondition), ds.getColumnKeys());
        assertEquals(0.0, ds.getValue(group, "no test-time training").doubleValue(), 1e-12);
        assertEquals(100 * 2 / 3.0, ds.getValue(group, configCondition).doubleValue(), 1e-9);
        ChartsData.FewShotRow given = rows.get(1);
        assertArrayEquals(new double[] {100 * given.ciLow(), 100 * given.ciHigh()}, r.interval(group, configCondition), 1e-12);
        assertEquals(0, plot.getRangeAxis().getLowerBound(), 0.0);
        assertEquals(106, plot.getRangeAxis().getUpperBound(), 0.0);
        assertTrue(chart.getTitle().getText().contains("eval.json"), chart.getTitle().getText());
        boolean note = false;
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            if (chart.getSubtitle(i) instanceof org.jfree.chart.title.TextTitle t && t.getText().equals(FewShotCharts.REFERENCE)) note = true;
        }
        assertTrue(note, "SEAL's reference shares are a note under the chart");
        assertTrue(FewShotCharts.REFERENCE.contains("20 %") && FewShotCharts.REFERENCE.contains("72.5 %"));

        String caption = Fx.call(f::fewShotCaption);
        String[] lines = caption.split("\n");
        assertEquals(2, lines.length, caption);
        assertTrue(lines[0].startsWith("no test-time training (" + group + "): 2 pairs on 2 tasks, 0 solved (0.0 %"), lines[0]);
        assertTrue(lines[1].startsWith(configCondition + " (" + group + "): 3 pairs on 2 tasks, 2 solved (66.7 %"), lines[1]);
        assertTrue(lines[1].endsWith("1 of 2 tasks solved"), lines[1]);
        String csv = Fx.call(() -> f.csv(Chart.FEW_SHOT));
        assertEquals(3, csv.split("\n").length, csv);
        assertTrue(csv.contains("eval.json,tiny,") && !csv.contains("train.json"), csv);

        // a refresh keeps the task set chosen
        Fx.run(f::refresh);
        Thread.sleep(200);
        Fx.await("read again", () -> f.statusProperty().get().contains("few-shot"));
        assertEquals("eval.json", Fx.call(() -> f.fewShotTaskSetProperty().get()));
    }

    @Test
    void lossChartIsSmoothedWithTheSliderAndLogScaleSwitchesTheAxis() throws Exception {
        List<ChartsData.LossCurve> raw = Fx.call(() -> List.copyOf(vm.rawCurves()));
        assertEquals(4, raw.size(), "the first runs with steps are shown");
        Fx.run(() -> vm.smoothingProperty().set(0.5));
        XYPlot plot = (XYPlot) Fx.call(() -> vm.chart(Chart.LOSS)).getPlot();
        double[] ys = raw.get(0).points().stream().mapToDouble(ChartsData.LossPoint::loss).toArray();
        double[] expected = Ema.smooth(ys, 0.5);
        assertEquals(ys.length, plot.getDataset().getItemCount(0));
        for (int i = 0; i < ys.length; i++) assertEquals(expected[i], plot.getDataset().getYValue(0, i), 1e-12);
        assertNotEquals(ys[1], plot.getDataset().getYValue(0, 1), 1e-9, "smoothing changed the curve");
        assertFalse(plot.getRangeAxis() instanceof LogAxis);
        Fx.run(() -> vm.logScaleProperty().set(true));
        assertInstanceOf(LogAxis.class, ((XYPlot) Fx.call(() -> vm.chart(Chart.LOSS)).getPlot()).getRangeAxis());
        Fx.run(() -> vm.showLoss(List.of(raw.get(1).run())));
        Fx.await("one curve", () -> vm.rawCurves().size() == 1);
    }

    /**
     * The loss tab offers the few-shot runs too, by the ids History shows (A1, …; the baseline trained nothing and is not
     * offered), draws a picked one's curve, and exports it under its id; its empty states say what to do.
     */
    @Test
    void theLossTabPicksFewShotRunsByTheirIdsAndDrawsTheirCurves() throws Exception {
        org.sealworkbench.jobs.history.FewShotFixture f = org.sealworkbench.jobs.history.FewShotFixture.build(tmp.resolve("arc-ws"));
        ChartsViewModel m = Fx.call(() -> new ChartsViewModel(new ChartsService(f.workspace()), runner));
        Fx.run(m::refresh);
        Fx.await("read, with the first curves", () -> !m.dataProperty().get().isEmpty() && !m.rawCurves().isEmpty());
        List<ChartsData.RunRow> offered = Fx.call(() -> List.copyOf(m.lossPickerRows()));
        assertEquals(List.of("1", "A1", "A2", "A4", "A5", "A6"), offered.stream().map(r -> r.id().toString()).toList());
        ChartsData.RunRow a1 = offered.get(1);
        assertEquals("run A1 · task 66e6c45b · config: aug b · output tokens · lr 0.003 · 8 ep (3 steps)",
                ChartsViewModel.lossPickerText(a1));
        assertEquals("run 1 · Owls · passage only (1 step)", ChartsViewModel.lossPickerText(offered.get(0)));

        Fx.run(() -> m.lossFilterProperty().set("run a1"));
        assertEquals(List.of(a1), Fx.call(() -> List.copyOf(m.lossPickerRows())));
        Fx.run(() -> m.lossFilterProperty().set("few-shot b1fc8b8e"));
        assertEquals(List.of("A4", "A5", "A6"), Fx.call(() -> m.lossPickerRows().stream().map(r -> r.id().toString()).toList()));
        Fx.run(() -> m.lossFilterProperty().set("no-such-run"));
        assertTrue(Fx.call(() -> m.lossPickerEmptyProperty().get()).startsWith("No run with a loss curve matches \"no-such-run\""),
                Fx.call(() -> m.lossPickerEmptyProperty().get()));

        Fx.run(() -> m.showLoss(List.of(a1.id())));
        Fx.await("A1's curve alone", () -> m.rawCurves().size() == 1 && m.rawCurves().get(0).run().equals(a1.id()));
        XYPlot plot = (XYPlot) Fx.call(() -> m.chart(Chart.LOSS)).getPlot();
        assertTrue(plot.getDataset().getSeriesKey(0).toString().startsWith("run A1 "), plot.getDataset().getSeriesKey(0).toString());
        assertEquals(3, plot.getDataset().getItemCount(0));
        String csv = Fx.call(() -> m.csv(Chart.LOSS));
        assertTrue(csv.lines().skip(1).allMatch(l -> l.startsWith("A1,")), csv);

        Fx.run(() -> m.showLoss(List.of()));
        Fx.await("none shown", () -> m.rawCurves().isEmpty());
        assertEquals(ChartsViewModel.LOSS_PICK, Fx.call(() -> m.emptyText(Chart.LOSS)), "runs to pick: says how");
    }

    @Test
    void aWorkspaceWithoutTrainingStepsSaysWhatStoresThem() throws Exception {
        Path empty = tmp.resolve("empty-ws");
        ExperimentLog.open(empty).close();
        ChartsViewModel m = Fx.call(() -> new ChartsViewModel(new ChartsService(empty), runner));
        Fx.run(m::refresh);
        Fx.await("read", () -> m.statusProperty().get().startsWith("No runs"));
        assertEquals(ChartsViewModel.LOSS_NONE_STORED, Fx.call(() -> m.emptyText(Chart.LOSS)));
        assertEquals(ChartsViewModel.LOSS_NONE_STORED, Fx.call(() -> m.lossPickerEmptyProperty().get()));
        assertTrue(ChartsViewModel.LOSS_NONE_STORED.contains("Few-shot (ARC)"), "few-shot runs store steps too");
    }

    /**
     * A read-only workspace: the empty charts say what is missing and why nothing can be made here, instead of the actions
     * that would make it ("Fine-tune & evaluate…", `./seal eval`), which it refuses; 'Compute perplexities' stores nothing.
     */
    @Test
    void aReadOnlyWorkspaceSaysWhyNothingCanBeMadeAndComputesNothing() throws Exception {
        Path empty = tmp.resolve("empty-ro");
        ExperimentLog.open(empty).close();
        ChartsViewModel m = Fx.call(() -> new ChartsViewModel(new ChartsService(empty), runner));
        Fx.run(() -> m.readOnlyProperty().set(true));
        Fx.run(m::refresh);
        Fx.await("read", () -> m.statusProperty().get().startsWith("No runs"));
        String readOnlyTail = ": the workspace is open read-only, so nothing can be run or stored in it (to run some, work on a"
                + " copy of its folder).";
        assertEquals("No runs in this workspace" + readOnlyTail, Fx.call(() -> m.statusProperty().get()));
        assertEquals("No run stored training steps" + readOnlyTail, Fx.call(() -> m.emptyText(Chart.LOSS)));
        assertEquals("No run stored training steps" + readOnlyTail, Fx.call(() -> m.lossPickerEmptyProperty().get()));
        assertEquals("No rewards" + readOnlyTail, Fx.call(() -> m.emptyText(Chart.REWARDS)));
        assertEquals("No perplexities" + readOnlyTail, Fx.call(() -> m.emptyText(Chart.LEARNABILITY)));
        for (Chart c : Chart.values()) {
            String t = Fx.call(() -> m.emptyText(c));
            assertTrue(t.endsWith(readOnlyTail) && !t.contains("Fine-tune") && !t.contains("./seal"), c + ": " + t);
        }
        assertNull(Fx.call(m::computePerplexities), "no job: the perplexities would be stored in the workspace");
        assertEquals("Cannot compute the perplexities: " + ChartsViewModel.PERPLEXITIES_OFF, Fx.call(() -> m.statusProperty().get()));

        Fx.run(() -> m.readOnlyProperty().set(false));
        assertEquals(ChartsViewModel.LOSS_NONE_STORED, Fx.call(() -> m.emptyText(Chart.LOSS)), "a writable one says what to do");
        assertEquals(ChartsViewModel.LOSS_NONE_STORED, Fx.call(() -> m.lossPickerEmptyProperty().get()));
    }

    @Test
    void theLossPickerFiltersRunsByEveryWordTyped() throws Exception {
        List<ChartsData.RunRow> all = Fx.call(() -> vm.runsWithLoss());
        assertTrue(all.size() >= 4, "runs with a loss curve: " + all.size());
        assertEquals(all, Fx.call(() -> List.copyOf(vm.lossPickerRows())), "no filter: every run with a loss curve");
        ChartsData.RunRow one = all.get(2);
        // the run's number and its condition, typed in another case: that run, and only runs matching both
        Fx.run(() -> vm.lossFilterProperty().set("RUN " + one.runId() + "  " + one.condition().toUpperCase(Locale.ROOT)));
        List<ChartsData.RunRow> shown = Fx.call(() -> List.copyOf(vm.lossPickerRows()));
        assertTrue(shown.contains(one), shown.toString());
        for (ChartsData.RunRow r : shown) {
            // each word on its own: "run 1" lets runs 1, 10, 11... through
            assertTrue(Long.toString(r.runId()).contains(Long.toString(one.runId())) && r.condition().equals(one.condition()), r.toString());
        }
        Fx.run(() -> vm.lossFilterProperty().set(one.passage() + " no-such-word"));
        assertEquals(List.of(), Fx.call(() -> List.copyOf(vm.lossPickerRows())));
        Fx.run(() -> vm.lossFilterProperty().set(one.passage()));
        List<ChartsData.RunRow> ofPassage = Fx.call(() -> List.copyOf(vm.lossPickerRows()));
        assertEquals(all.stream().filter(r -> r.passage().equals(one.passage())).toList(), ofPassage);
        Fx.run(() -> vm.lossFilterProperty().set(""));
        assertEquals(all, Fx.call(() -> List.copyOf(vm.lossPickerRows())));
    }

    @Test
    void exportWritesPngSvgAndCsv() throws Exception {
        Path base = tmp.resolve("out/conditions.png");
        Task<List<Path>> task = Fx.call(() -> vm.export(Chart.CONDITIONS, base, 900, 500));
        Fx.await("exported", () -> task.getState() == Worker.State.SUCCEEDED || task.getState() == Worker.State.FAILED);
        assertEquals(Worker.State.SUCCEEDED, Fx.call(task::getState), () -> String.valueOf(task.getException()));
        BufferedImage png = ImageIO.read(tmp.resolve("out/conditions.png").toFile());
        assertEquals(900, png.getWidth());
        assertEquals(500, png.getHeight());
        String svg = Files.readString(tmp.resolve("out/conditions.svg"));
        assertTrue(svg.contains("<svg") && svg.contains("passage only") && svg.contains("Conditions"), svg.substring(0, 200));
        assertEquals(Fx.call(() -> vm.csv(Chart.CONDITIONS)), Files.readString(tmp.resolve("out/conditions.csv")));
        try (var files = Files.list(tmp.resolve("out"))) {
            assertEquals(3, files.count(), "no temporary files left");
        }
    }

    @Test
    void aWorkspaceThatCannotBeReadFailsWithTheFolderNamed() throws Exception {
        ChartsViewModel bad = Fx.call(() -> new ChartsViewModel(new ChartsService(tmp.resolve("missing")), runner));
        Fx.run(bad::refresh);
        Fx.await("failed", () -> bad.failureProperty().get() != null);
        String status = Fx.call(() -> bad.statusProperty().get());
        assertTrue(status.contains("missing") && status.contains("workspace.db"), status);
    }

    @Test
    void aRunsColumnIsMeasuredByItsLongestDistinctTextsAllOfThemWhenFew() {
        assertEquals(List.of("ccc", "bb", "a"), ChartsViewModel.widestCandidates(List.of("a", "bb", "a", "ccc", "bb"), 5));
        List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) many.add("run " + i);   // "run 100" .. "run 999" are the longest
        many.add(null);
        List<String> top = ChartsViewModel.widestCandidates(many, 4);
        assertEquals(4, top.size());
        assertTrue(top.stream().allMatch(t -> t.length() == "run 999".length()), top.toString());
        assertEquals(4, new java.util.HashSet<>(top).size(), "distinct texts");
    }

    @Test
    void theLossPickersSearchIsWorkedOutWithTheDataAndFindsWhatItDid() throws Exception {
        // the whole read, not its first part (the Conditions tab's data shows first, the runs and the status after it)
        javafx.concurrent.Task<?> read = Fx.call(vm::refresh);
        Fx.await("read", () -> read.getState() == javafx.concurrent.Worker.State.SUCCEEDED);
        List<ChartsData.RunRow> withLoss = Fx.call(vm::runsWithLoss);
        assertFalse(withLoss.isEmpty());
        // every run with steps, once (the table has a row per run and grader)
        assertEquals(withLoss.stream().map(ChartsData.RunRow::id).distinct().count(), withLoss.size());
        Fx.run(() -> vm.lossFilterProperty().set("PASSAGE only"));
        List<ChartsData.RunRow> shown = Fx.call(() -> List.copyOf(vm.lossPickerRows()));
        assertFalse(shown.isEmpty());
        assertTrue(shown.stream().allMatch(r -> r.condition().equals("passage only")), shown.toString());
        Fx.run(() -> vm.lossFilterProperty().set("no such words"));
        assertTrue(Fx.call(() -> vm.lossPickerRows().isEmpty()));
        for (int c = 0; c < ChartsViewModel.RUNS_COLUMNS.size(); c++) {
            int column = c;
            List<String> samples = Fx.call(() -> vm.runsColumnSamples(column));
            assertFalse(samples.isEmpty(), ChartsViewModel.RUNS_COLUMNS.get(c).title());
        }
    }
}
