package org.sealworkbench.ui.qa;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealworkbench.jobs.qa.QaAnswer;
import org.sealworkbench.jobs.qa.QaRow;
import org.sealworkbench.jobs.qa.QaRun;
import org.sealworkbench.jobs.qa.QaTable;
import org.sealworkbench.jobs.qa.Verdict;

/** The QA view model on hand-made tables, without a screen: filters, search, accuracies, overrule, ordering of results. */
class QaViewModelTest {
    static final QaRun BASE = new QaRun(1, "no adaptation", 1, null, 1, 0, "done");
    static final QaRun RUN = new QaRun(2, "passage only", 1, null, 1, 7, "done");

    /** Answer ids: before 10+i, after 20+i. em = exact_match, f1 = f1@0.5. */
    static QaAnswer a(long id, String text, boolean em, boolean f1, Verdict human) {
        return new QaAnswer(id, text, List.of(new Verdict("exact_match", em, em ? "correct" : "incorrect"),
                new Verdict("f1@0.5", f1, f1 ? "correct" : "incorrect")), human);
    }

    /**
     * q0 same answer, right;  q1 changed, wrong -> right (fixed);  q2 changed, right -> wrong (broken by em, still right by
     * f1);  q3 changed, wrong -> wrong;  q4 no after answer.
     */
    static List<QaRow> rows(Verdict humanOnQ2After) {
        return List.of(
                new QaRow(100, 0, "Colour of the sky?", "blue", a(10, "blue", true, true, null), a(20, "blue", true, true, null)),
                new QaRow(101, 1, "Capital of Zed?", "Ora", a(11, "Mora", false, false, null), a(21, "Ora", true, true, null)),
                new QaRow(102, 2, "Year founded?", "1901", a(12, "1901", true, true, null), a(22, "in 1901 or so", false, true, humanOnQ2After)),
                new QaRow(103, 3, "Mayor?", "Tam", a(13, "Bo", false, false, null), a(23, "Li", false, false, null)),
                new QaRow(104, 4, "River?", "Ash", a(14, "Ash", true, true, null), null));
    }

    static class FakeBackend implements QaBackend {
        final List<String> calls = new ArrayList<>();
        Verdict human;

        public List<QaRun> runs(long passageId) {
            calls.add("runs " + passageId);
            return List.of(BASE, RUN);
        }

        public QaTable table(long passageId, long runId) {
            calls.add("table " + passageId + " " + runId);
            return new QaTable(passageId, "P", runId == 2 ? RUN : BASE, BASE, List.of("exact_match", "f1@0.5"), rows(human));
        }

        public void overrule(long answerId, boolean correct, String note) {
            calls.add("overrule " + answerId + " " + correct + " " + note);
            human = new Verdict("human:me", correct, correct ? "correct" : "incorrect" + (note == null ? "" : " (" + note + ")"));
        }

        public void exportCsv(QaTable table, List<QaRow> rows, Path file) {
            calls.add("export " + rows.size() + " " + file.getFileName());
        }
    }

    private static List<Long> ids(QaViewModel vm) {
        return vm.rows().stream().map(QaRow::questionId).toList();
    }

    /** The summary's accuracies and gain as the whole window writes them: 1 of 6 right is "16.7 %", as in History and Charts. */
    @Test
    void accuraciesReadInPercentAndTheGainInSignedPoints() {
        assertEquals("16.7 %", QaViewModel.pct(1 / 6.0));
        assertEquals(org.sealworkbench.ui.charts.ChartFactory.score(new org.sealworkbench.jobs.charts.ChartsData.RunRow(1,
                "evaluation", "m", "c", "d", "contains", 1 / 6.0, 1, "done", null, 0, "p")), QaViewModel.pct(1 / 6.0));
        assertEquals("+16.7 points", QaViewModel.points(1 / 6.0));
        assertEquals("–", QaViewModel.pct(Double.NaN));
    }

    @Test
    void showsTheNewestAdaptedRunAndFiltersChangedFixedBroken() {
        FakeBackend b = new FakeBackend();
        QaViewModel vm = new QaViewModel(b, Runnable::run, Runnable::run);
        vm.show(5);
        assertEquals(List.of("runs 5", "table 5 2"), b.calls);
        assertEquals(RUN, vm.selectedRunProperty().get());
        assertEquals("exact_match", vm.graderProperty().get());
        assertEquals(List.of(100L, 101L, 102L, 103L, 104L), ids(vm));

        vm.filterProperty().set(QaViewModel.Filter.CHANGED);
        assertEquals(List.of(101L, 102L, 103L), ids(vm));
        vm.filterProperty().set(QaViewModel.Filter.FIXED);
        assertEquals(List.of(101L), ids(vm));
        vm.filterProperty().set(QaViewModel.Filter.BROKEN);
        assertEquals(List.of(102L), ids(vm));
        vm.graderProperty().set("f1@0.5");   // by F1, q2's answer is still right: nothing broken
        assertEquals(List.of(), ids(vm));

        vm.graderProperty().set("exact_match");
        vm.filterProperty().set(QaViewModel.Filter.ALL);
        vm.searchProperty().set("  ORA ");   // question, gold and answers, any case
        assertEquals(List.of(101L), ids(vm));
        vm.searchProperty().set("1901 or");
        assertEquals(List.of(102L), ids(vm));
        vm.searchProperty().set("");

        // exact_match: before 3/5 (q0, q2, q4), after 2/4 (q0, q1; q4 unanswered): gain -10 points.
        assertEquals(0.6, vm.accuracyBeforeProperty().get(), 1e-12);
        assertEquals(0.5, vm.accuracyAfterProperty().get(), 1e-12);
        assertEquals(-0.1, vm.gainProperty().get(), 1e-12);
        assertTrue(vm.summaryProperty().get().contains("before 60.0 %, after 50.0 %, gain -10.0 points"), vm.summaryProperty().get());
        assertTrue(vm.summaryProperty().get().startsWith("P: accuracy by exact_match"), "the passage is named: " + vm.summaryProperty().get());
    }

    /**
     * Answers a limit cut short are counted in the summary after the accuracies (each is tagged in the table); a table
     * without any says nothing of it.
     */
    @Test
    void theSummarySaysHowManyAnswersALimitCutShort() {
        org.sealworkbench.seal.Ending limit = new org.sealworkbench.seal.Ending("token limit (32)",
                "stopped: the new-token limit (32 tokens) is reached");
        QaAnswer cut = new QaAnswer(30, "in 1901 or so and then", limit, List.of(new Verdict("exact_match", false, "incorrect")), null);
        List<QaRow> rows = new ArrayList<>(rows(null));
        rows.set(3, new QaRow(103, 3, "Mayor?", "Tam", cut, cut));
        rows.set(4, new QaRow(104, 4, "River?", "Ash", rows.get(4).before(), cut));
        FakeBackend b = new FakeBackend() {
            @Override
            public QaTable table(long passageId, long runId) {
                return new QaTable(passageId, "P", RUN, BASE, List.of("exact_match"), rows);
            }
        };
        QaViewModel vm = new QaViewModel(b, Runnable::run, Runnable::run);
        vm.show(5);
        assertTrue(vm.summaryProperty().get().endsWith("gain -20.0 points · cut short by a limit: 1 answer before, 2 after"),
                vm.summaryProperty().get());
        assertEquals("", QaViewModel.cutNote(new QaTable(5, "P", RUN, BASE, List.of("exact_match"), rows(null))));
        assertEquals(" · cut short by a limit: 2 answers after", QaViewModel.cutNote(new QaTable(5, "P", RUN, BASE,
                List.of("exact_match"), List.of(new QaRow(1, 0, "q", "g", null, cut), new QaRow(2, 1, "q", "g", null, cut)))));
    }

    @Test
    void aReadOnlyWorkspaceStoresNoVerdictAndDoesNotSayToRunOne() {
        FakeBackend b = new FakeBackend();
        QaViewModel vm = new QaViewModel(b, Runnable::run, Runnable::run);
        vm.readOnlyProperty().set(true);
        List<String> told = new ArrayList<>();
        vm.setOnWritten(() -> told.add("written"));
        vm.show(5);
        vm.overrule(vm.rows().get(2), QaViewModel.Side.AFTER, true, "same year");
        assertEquals(List.of("runs 5", "table 5 2"), b.calls, "nothing stored");
        assertEquals(List.of(), told);
        assertEquals("Not stored: the workspace is open read-only.", vm.statusProperty().get());

        FakeBackend none = new FakeBackend() {
            @Override public List<QaRun> runs(long passageId) {
                return List.of();
            }
        };
        QaViewModel empty = new QaViewModel(none, Runnable::run, Runnable::run);
        empty.readOnlyProperty().set(true);
        empty.show(5);
        assertEquals("No stored runs for this passage, and the workspace is open read-only: to run some, work on a copy of its"
                + " folder.", empty.emptyMessageProperty().get());
        empty.readOnlyProperty().set(false);
        empty.show(5);
        assertTrue(empty.emptyMessageProperty().get().contains("fine-tune & evaluate it"), empty.emptyMessageProperty().get());
    }

    @Test
    void aPersonsVerdictIsStoredAndCountsFirst() {
        FakeBackend b = new FakeBackend();
        QaViewModel vm = new QaViewModel(b, Runnable::run, Runnable::run);
        List<String> told = new ArrayList<>();
        vm.setOnWritten(() -> told.add("written"));
        vm.show(5);
        QaRow q2 = vm.rows().get(2);
        vm.overrule(q2, QaViewModel.Side.AFTER, true, "  same year  ");
        assertTrue(b.calls.contains("overrule 22 true same year"), b.calls.toString());
        assertEquals(List.of("written"), told, "the window is told of the write");
        QaRow reloaded = vm.tableProperty().get().rows().get(2);
        assertFalse(reloaded.after().automatic("exact_match").correct(), "the automatic verdict is shown unchanged");
        assertTrue(reloaded.after().correct("exact_match"));
        vm.filterProperty().set(QaViewModel.Filter.BROKEN);
        assertEquals(List.of(), ids(vm), "no longer broken");
        assertEquals(0.75, vm.accuracyAfterProperty().get(), 1e-12);
        assertTrue(vm.statusProperty().get().startsWith("Stored your verdict (right) on question 3"), vm.statusProperty().get());

        vm.overrule(vm.tableProperty().get().rows().get(4), QaViewModel.Side.AFTER, false, null);
        assertFalse(b.calls.stream().anyMatch(c -> c.startsWith("overrule 2") && c.endsWith("null") && !c.contains("22")),
                "nothing to overrule without an answer");
        assertTrue(vm.statusProperty().get().contains("no after answer"), vm.statusProperty().get());
    }

    @Test
    void theNewestAdaptedRunIsShownEvenWhenItsConditionComesEarlierInSealsOrder() {
        // A self-edit run (run 2), then passage only (run 3) stored later, e.g. by Fine-tune & evaluate on the passage:
        // the list is in SEAL's order (passage only before self-edits), the table shows the run just stored.
        QaRun selfEdit = new QaRun(2, "self-edit #7", 1, 7L, 1, 7, "done");
        QaRun passageOnly = new QaRun(3, "passage only", 1, null, 1, 8, "done");
        FakeBackend b = new FakeBackend() {
            @Override
            public List<QaRun> runs(long passageId) {
                calls.add("runs " + passageId);
                return List.of(BASE, passageOnly, selfEdit);
            }
        };
        QaViewModel vm = new QaViewModel(b, Runnable::run, Runnable::run);
        vm.show(5);
        assertEquals(passageOnly, vm.selectedRunProperty().get());
        assertEquals(List.of("runs 5", "table 5 3"), b.calls);
    }

    @Test
    void aRefreshReadsNewRunsKeepsTheChosenRunFilterAndSearchAndReadsItsAnswersAgain() {
        List<QaRun> stored = new ArrayList<>(List.of(BASE, RUN));
        FakeBackend b = new FakeBackend() {
            @Override
            public List<QaRun> runs(long passageId) {
                calls.add("runs " + passageId);
                return List.copyOf(stored);
            }
        };
        QaViewModel vm = new QaViewModel(b, Runnable::run, Runnable::run);
        vm.refresh();
        assertEquals(List.of(), b.calls, "nothing shown, nothing to read");
        vm.show(5);
        vm.selectedRunProperty().set(BASE);   // the person looks at the no-adaptation run
        vm.filterProperty().set(QaViewModel.Filter.CHANGED);
        vm.searchProperty().set("ora");
        b.calls.clear();

        // The command line stored another passage-only run; the window read the library again.
        QaRun later = new QaRun(9, "passage only", 2, null, 1, 9, "done");
        stored.add(later);
        vm.refresh();
        assertEquals(List.of("runs 5", "table 5 1"), b.calls, "the runs and the chosen run's answers are read again");
        assertEquals(List.of(BASE, RUN, later), vm.runs());
        assertEquals(BASE, vm.selectedRunProperty().get(), "the chosen run stays");
        assertEquals(QaViewModel.Filter.CHANGED, vm.filterProperty().get());
        assertEquals("ora", vm.searchProperty().get());
    }

    @Test
    void exportWritesTheFilteredRows() {
        FakeBackend b = new FakeBackend();
        QaViewModel vm = new QaViewModel(b, Runnable::run, Runnable::run);
        vm.show(5);
        vm.filterProperty().set(QaViewModel.Filter.CHANGED);
        vm.exportCsv(Path.of("/tmp/x/qa.csv"));
        assertTrue(b.calls.contains("export 3 qa.csv"), b.calls.toString());
    }

    @Test
    void aLateAnswerForAnOlderRequestIsDroppedAndErrorsAreReported() {
        FakeBackend b = new FakeBackend();
        List<Runnable> pending = new ArrayList<>();
        QaViewModel vm = new QaViewModel(b, pending::add, Runnable::run);
        vm.show(5);
        vm.show(6);
        pending.get(1).run();                 // passage 6's runs arrive, its table is requested
        pending.get(2).run();
        pending.get(0).run();                 // passage 5's runs arrive late: dropped
        assertEquals(6, vm.tableProperty().get().passageId());
        assertFalse(b.calls.contains("table 5 2"), b.calls.toString());

        QaBackend failing = new FakeBackend() {
            @Override
            public QaTable table(long passageId, long runId) {
                throw new IllegalArgumentException("workspace.db: no done run 2 of passage 5");
            }
        };
        QaViewModel broken = new QaViewModel(failing, Runnable::run, Runnable::run);
        broken.show(5);
        assertEquals("workspace.db: no done run 2 of passage 5", broken.errorProperty().get().getMessage());
        assertFalse(broken.busyProperty().get());
    }

    @Test
    void aPassageWithoutRunsSaysWhatToDo() {
        QaViewModel vm = new QaViewModel(new FakeBackend() {
            @Override
            public List<QaRun> runs(long passageId) {
                return List.of();
            }
        }, Runnable::run, Runnable::run);
        vm.show(3);
        assertTrue(vm.emptyMessageProperty().get().startsWith("No stored runs for this passage yet: fine-tune & evaluate it"));
        assertNull(vm.tableProperty().get());
        assertEquals("", vm.statusProperty().get(), "the read has ended, so the status no longer says 'Reading runs…'");
        assertFalse(vm.busyProperty().get());
    }
}
