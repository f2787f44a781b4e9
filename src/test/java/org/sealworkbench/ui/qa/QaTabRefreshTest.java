package org.sealworkbench.ui.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.jobs.qa.QaFixture;
import org.sealworkbench.jobs.qa.QaRun;
import org.sealworkbench.jobs.workspace.PassageItem;
import org.sealworkbench.seal.Conditions;
import org.sealworkbench.seal.Grade;
import org.sealworkbench.seal.Graders;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.ui.FxThread;
import org.sealworkbench.ui.PassageRow;

/**
 * The Runs & QA tab on a real workspace follows the window's re-reads of the library: a run the command line stored for
 * the shown passage appears in the run picker after F5 or the change check (it showed only after picking another
 * passage), the run being looked at staying chosen.
 */
class QaTabRefreshTest {
    @TempDir Path tmp;
    private QaTab tab;
    private final SimpleObjectProperty<Path> workspace = new SimpleObjectProperty<>();

    @BeforeAll
    static void fx() {
        FxThread.start();
    }

    @AfterEach
    void close() throws Exception {
        FxThread.run(() -> workspace.set(null));   // closes the tab's screen and its log
    }

    @Test
    void aRunStoredByAnotherProcessShowsAfterTheLibraryIsReadAgain() throws Exception {
        Path ws = tmp.resolve("ws");
        QaFixture f = new QaFixture(ws);
        SimpleLongProperty libraryRead = new SimpleLongProperty();
        SimpleObjectProperty<PassageRow> selected = new SimpleObjectProperty<>(PassageRow.of(new PassageItem(f.passageA, "A", 3, 0), ""));
        FxThread.run(() -> {
            workspace.set(ws);
            tab = QaTab.following(workspace, selected, libraryRead);
        });
        QaViewModel vm = FxThread.call(tab::viewModel);
        FxThread.await("the passage's runs", () -> vm.tableProperty().get() != null);
        assertEquals(List.of(f.baseA, f.runA), FxThread.call(() -> vm.runs().stream().map(QaRun::runId).toList()));
        assertEquals(f.runA, FxThread.call(() -> vm.selectedRunProperty().get().runId()));

        long later;
        try (ExperimentLog log = ExperimentLog.open(ws)) {   // ./seal eval in a terminal
            long model = log.findOrAddModel("/m", "llama", "m");
            later = log.startRun(null, model, f.passageA, null, Conditions.PASSAGE_ONLY, QaFixture.SETTINGS, 6);
            for (var q : log.questions(f.passageA)) {
                long a = log.addAnswer(q.id(), later, Conditions.PASSAGE_ONLY, q.answer());
                Graders.store(log, a, Grade.of(true, null, "contains"));
            }
            log.finishRun(later, "done");
        }
        FxThread.run(() -> libraryRead.set(1));
        FxThread.await("the new run is listed", () -> vm.runs().size() == 3);
        assertEquals(List.of(f.baseA, f.runA, later), FxThread.call(() -> vm.runs().stream().map(QaRun::runId).toList()));
        assertEquals(f.runA, FxThread.call(() -> vm.selectedRunProperty().get().runId()), "the run looked at stays chosen");
    }
}
