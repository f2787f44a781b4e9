package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealworkbench.jobs.qa.PassageQaSummary;
import org.sealworkbench.jobs.workspace.PassageItem;
import org.sealworkbench.jobs.workspace.WorkspaceCounts;

/** The library's QA columns on hand-made rows: values, their text, and a sort with missing values last. */
class PassageLibraryViewModelTest {
    static PassageRow row(long id, String title, Double best, Double gain) {
        PassageQaSummary qa = best == null ? null
                : new PassageQaSummary(id, best, "self-edits", gain == null ? Double.NaN : best - gain, gain == null ? Double.NaN : gain);
        return PassageRow.of(new PassageItem(id, title, 2, 0), "", qa);
    }

    /** Gains 0.1, -0.25, none (no runs), 0.5, none (runs but no passage-only run), 0.05: "2" sorts after "10" as text. */
    static List<PassageRow> rows() {
        return List.of(row(1, "ten", 0.6, 0.10), row(2, "minus", 0.25, -0.25), row(3, "norun", null, null),
                row(4, "fifty", 1.0, 0.5), row(5, "nopassageonly", 0.75, null), row(6, "five", 0.3, 0.05));
    }

    private static List<String> sorted(List<PassageRow> rows, java.util.function.Function<PassageRow, Double> key, boolean ascending) {
        Comparator<Double> c = PassageLibraryViewModel.missingLast(() -> ascending);
        // As a TableView does: the column's comparator, reversed for a descending sort.
        Comparator<PassageRow> byKey = Comparator.comparing(key, ascending ? c : c.reversed());
        List<PassageRow> out = new ArrayList<>(rows);
        out.sort(byKey);
        return out.stream().map(PassageRow::title).toList();
    }

    @Test
    void gainSortsAsANumberWithPassagesWithoutRunsLastBothWays() {
        assertEquals(List.of("minus", "five", "ten", "fifty", "norun", "nopassageonly"), sorted(rows(), PassageRow::gain, true));
        assertEquals(List.of("fifty", "ten", "five", "minus", "norun", "nopassageonly"), sorted(rows(), PassageRow::gain, false));
        assertEquals(List.of("minus", "five", "ten", "nopassageonly", "fifty", "norun"), sorted(rows(), PassageRow::bestAccuracy, true));
        assertEquals(List.of("fifty", "nopassageonly", "ten", "five", "minus", "norun"), sorted(rows(), PassageRow::bestAccuracy, false));
    }

    @Test
    void cellsShowPercentAndPointsAndAnEnDashWhenThereIsNothing() {
        List<PassageRow> r = rows();
        assertEquals("60%", PassageLibraryViewModel.formatAccuracy(r.get(0).bestAccuracy()));
        assertEquals("+10", PassageLibraryViewModel.formatGain(r.get(0).gain()));
        assertEquals("\u221225", PassageLibraryViewModel.formatGain(r.get(1).gain()));
        assertEquals("0", PassageLibraryViewModel.formatGain(0.001));
        assertNull(r.get(2).bestAccuracy());
        assertEquals("\u2013", PassageLibraryViewModel.formatAccuracy(r.get(2).bestAccuracy()));
        assertEquals("\u2013", PassageLibraryViewModel.formatGain(r.get(2).gain()));
        assertEquals("75%", PassageLibraryViewModel.formatAccuracy(r.get(4).bestAccuracy()));
        assertEquals("\u2013", PassageLibraryViewModel.formatGain(r.get(4).gain()));
        // the cells' tooltips: the window's one decimal, which the narrow column rounds away
        assertEquals("16.7 %, the best of the passage's runs", PassageLibraryViewModel.exactAccuracy(1 / 6.0));
        assertEquals("17%", PassageLibraryViewModel.formatAccuracy(1 / 6.0));
        assertEquals("-16.7 points over passage only", PassageLibraryViewModel.exactGain(-1 / 6.0));
        assertEquals("\u221217", PassageLibraryViewModel.formatGain(-1 / 6.0));
    }

    @Test
    void theEmptyTableSaysWhatToDoOrThatItIsStillReading() {
        PassageLibraryViewModel vm = new PassageLibraryViewModel();
        var text = vm.placeholderText();
        // no workspace (its opening failed, or the welcome is still up): Import is off, so not "use Import"
        assertEquals("No workspace open. Use File › Open workspace… (Ctrl+O) to open or create one.", text.get());
        vm.workspaceOpenProperty().set(true);
        assertEquals("No passages yet. Use File › Import… to add some.", text.get());
        vm.loadingProperty().set(true);
        assertEquals("Reading the passage library…", text.get());
        vm.loadingProperty().set(false);
        vm.filterTextProperty().set("zebra");
        assertEquals("No passage matches “zebra”. Press Esc to clear the filter.", text.get());
    }

    @Test
    void aSnapshotSetsRowsAndTheGraderAndKeepsTheSelection() {
        PassageLibraryViewModel vm = new PassageLibraryViewModel();
        vm.show(new LibrarySnapshot(rows(), new WorkspaceCounts(6, 12, 0, 8), "contains"));
        assertEquals("contains", vm.graderProperty().get());
        assertEquals(6, vm.visibleRows().size());
        vm.selectedProperty().set(vm.visibleRows().get(3));
        // A refresh after a run finished: new numbers for the same passage, the selection stays on it.
        List<PassageRow> after = new ArrayList<>(rows());
        after.set(3, row(4, "fifty", 1.0, 0.75));
        vm.show(new LibrarySnapshot(after, new WorkspaceCounts(6, 12, 0, 9), "contains"));
        assertEquals(4, vm.selectedProperty().get().id());
        assertEquals(0.75, vm.selectedProperty().get().gain(), 1e-12);
        vm.show(new LibrarySnapshot(after, new WorkspaceCounts(6, 12, 0, 9)));
        assertEquals("", vm.graderProperty().get());
    }

    @Test
    void clearingAFilterThatHidTheSelectedPassageSelectsItAgainUnlessAnotherWasPicked() {
        PassageLibraryViewModel vm = new PassageLibraryViewModel();
        vm.show(new LibrarySnapshot(rows(), new WorkspaceCounts(6, 12, 0, 8), "contains"));
        vm.selectedProperty().set(vm.visibleRows().get(3));   // "fifty"
        vm.filterTextProperty().set("minus");
        assertNull(vm.selectedProperty().get(), "a passage the filter hides is not the selection");
        vm.filterTextProperty().set("");   // Esc
        assertEquals(4, vm.selectedProperty().get().id(), "back on the passage chosen before the search");

        vm.filterTextProperty().set("minus");
        vm.selectedProperty().set(vm.visibleRows().get(0));   // the person picks a match
        vm.filterTextProperty().set("");
        assertEquals(2, vm.selectedProperty().get().id(), "the passage picked in the filtered list stays");
    }

    @Test
    void rowsReadWithoutTheirQaNumbersWaitForThemAndKeepTheOnesTheyHad() {
        PassageLibraryViewModel vm = new PassageLibraryViewModel();
        vm.show(new LibrarySnapshot(rows(), new WorkspaceCounts(6, 12, 0, 8), "contains"));
        assertEquals(false, vm.qaPendingProperty().get());
        // A refresh reads the rows first (one more passage, no numbers yet): the columns wait, passages keep theirs.
        List<PassageRow> bare = new ArrayList<>();
        for (PassageRow r : rows()) bare.add(r.withQa(null));
        bare.add(row(7, "new", null, null));
        vm.show(new LibrarySnapshot(bare, new WorkspaceCounts(7, 12, 0, 8), "", false));
        assertEquals(true, vm.qaPendingProperty().get());
        assertEquals("contains", vm.graderProperty().get(), "the grader of the numbers still shown");
        assertEquals(0.6, vm.findVisible(1).orElseThrow().bestAccuracy(), 1e-12);
        assertNull(vm.findVisible(7).orElseThrow().bestAccuracy());
        // The numbers come: every row has its own, the new passage too; none waits any more.
        vm.selectedProperty().set(vm.findVisible(4).orElseThrow());
        vm.showQa(new org.sealworkbench.jobs.qa.LibraryQa("exact_match", List.of(
                new PassageQaSummary(1, 0.2, "passage only", Double.NaN, Double.NaN),
                new PassageQaSummary(7, 0.9, "self-edits", 0.5, 0.4))));
        assertEquals(false, vm.qaPendingProperty().get());
        assertEquals("exact_match", vm.graderProperty().get());
        assertEquals(0.2, vm.findVisible(1).orElseThrow().bestAccuracy(), 1e-12);
        assertEquals(0.4, vm.findVisible(7).orElseThrow().gain(), 1e-12);
        assertNull(vm.findVisible(4).orElseThrow().bestAccuracy(), "no longer graded by the grader of the numbers");
        assertEquals(4, vm.selectedProperty().get().id(), "the selection stays on its passage");
        // A read that fails: the columns stop waiting.
        vm.show(new LibrarySnapshot(bare, new WorkspaceCounts(7, 12, 0, 8), "", false));
        assertEquals(true, vm.qaPendingProperty().get());
        vm.qaFailed();
        assertEquals(false, vm.qaPendingProperty().get());
    }

    @Test
    void aFilterChangeThatKeepsTheChosenRowLeavesTheSelectionAlone() {
        PassageLibraryViewModel vm = new PassageLibraryViewModel();
        vm.show(new LibrarySnapshot(rows(), new WorkspaceCounts(6, 12, 0, 8), "contains"));
        vm.selectedProperty().set(vm.findVisible(4).orElseThrow());   // "fifty"
        List<Long> changes = new ArrayList<>();
        vm.selectedProperty().addListener((o, a, b) -> changes.add(b == null ? -1 : b.id()));
        boolean[] replacingSeen = {false};
        vm.visibleRows().addListener((javafx.collections.ListChangeListener<PassageRow>) c -> replacingSeen[0] |= vm.isReplacingRows());
        vm.filterTextProperty().set("fi");
        vm.filterTextProperty().set("fif");
        assertEquals(List.of("fifty"), vm.visibleRows().stream().map(PassageRow::title).toList());
        assertEquals(List.of(), changes, "no selection change: the passage stays chosen and is not read again");
        assertEquals(true, replacingSeen[0], "the table hears the rows change as a replacement, not a person's choice");
    }
}
