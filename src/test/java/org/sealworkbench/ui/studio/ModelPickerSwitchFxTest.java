package org.sealworkbench.ui.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.control.ComboBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sealworkbench.jobs.workspace.ModelItem;
import org.sealworkbench.jobs.workspace.WorkspaceService;
import org.sealworkbench.ui.Background;
import org.sealworkbench.ui.FxThread;

/**
 * The studio's model picker across a switch of workspaces (the bad-input helper once saw it go blank). Reproduced in the
 * window: a folder chosen with Folder… (which the first workspace then records as a model of its own), File > Open
 * workspace… of another workspace, and the picker drew nothing while the model info still named the loaded model. The
 * cause: the refresh replaced the list without the chosen model and then added it back, which left the ComboBox with the
 * model as its value but no selected row. Here the picker is a ComboBox bound as the studio binds it
 * ({@code SelfEditsView}: the list as its items, the chosen model both ways), on the FX thread with its scene shown.
 */
class ModelPickerSwitchFxTest {
    private javafx.stage.Stage stage;
    private org.sealworkbench.ui.JobRunner runner;

    @AfterEach
    void close() throws Exception {
        if (stage != null) FxThread.run(stage::close);
        if (runner != null) runner.closeAndWait(10_000);   // reads in flight end before the temporary folder goes
    }

    /** A workspace whose only part used here is its list of models. */
    private static WorkspaceService listing(List<ModelItem> models) {
        return (WorkspaceService) java.lang.reflect.Proxy.newProxyInstance(WorkspaceService.class.getClassLoader(),
                new Class<?>[] {WorkspaceService.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "models" -> models;
                    case "loadedModel" -> Optional.empty();
                    case "loadModel" -> new org.sealworkbench.jobs.workspace.ModelInfo(1, "m", (Path) args[0], "llama", 1000,
                            "F32", "cpu()", 4000);
                    case "toString" -> "workspace listing " + models;
                    default -> null;
                });
    }

    private static final ModelItem BUNDLED = new ModelItem(null, "seal-tiny (bundled)", Path.of("/models/seal-tiny"), "llama",
            "seal-tiny (bundled)");

    private ComboBox<ModelItem> picker(ModelsViewModel vm) throws Exception {
        return FxThread.call(() -> {
            ComboBox<ModelItem> box = new ComboBox<>();
            box.setItems(vm.models());
            box.valueProperty().bindBidirectional(vm.selectedProperty());
            stage = new javafx.stage.Stage();
            stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(box), 320, 80));
            stage.show();
            return box;
        });
    }

    /** The picker shows {@code expected}: its value, and the row its list has selected (the row it draws). */
    private static void assertShows(ComboBox<ModelItem> box, ModelItem expected, String when) throws Exception {
        FxThread.run(() -> {
            assertSame(expected, box.getValue(), when + ": the value");
            assertEquals(box.getItems().indexOf(expected), box.getSelectionModel().getSelectedIndex(),
                    when + ": the picker's selected row is the chosen model's (it was -1: drawn blank) in " + box.getItems());
            assertSame(expected, box.getSelectionModel().getSelectedItem(), when);
            assertEquals(1, box.getItems().stream().filter(m -> m.dir().equals(expected.dir())).count(),
                    when + ": listed once: " + box.getItems());
        });
    }

    @Test
    void aFolderChosenInOneWorkspaceStaysShownInTheNext() throws Exception {
        FxThread.start();
        Path folder = Path.of("/tmp/models/tinycopy");
        ModelItem recorded = new ModelItem(5L, "tinycopy", folder, "llama", "tinycopy");
        WorkspaceService first = listing(List.of(BUNDLED, recorded));
        WorkspaceService second = listing(List.of(BUNDLED));
        WorkspaceService[] open = {listing(List.of(BUNDLED))};
        runner = new org.sealworkbench.ui.JobRunner();
        ModelsViewModel vm = FxThread.call(() -> new ModelsViewModel(() -> open[0], Background.DIRECT, runner, (t, e) -> { }));
        ComboBox<ModelItem> box = picker(vm);
        FxThread.run(vm::refresh);
        assertShows(box, BUNDLED, "the first workspace");

        // Folder… (checked, added and chosen; its load is left out here), then the workspace lists it once it was used
        ModelItem added = FxThread.call(() -> {
            vm.models().add(new ModelItem(null, "tinycopy", folder, "?", "tinycopy (folder)"));
            vm.selectedProperty().set(vm.models().get(1));
            return vm.models().get(1);
        });
        assertShows(box, added, "a folder added");
        open[0] = first;
        FxThread.run(vm::refresh);
        assertShows(box, recorded, "the workspace's own row for the folder");

        // File > Open workspace…: the other workspace lists only the bundled model; the folder stays chosen and shown
        open[0] = second;
        FxThread.run(vm::refresh);
        assertShows(box, recorded, "after switching workspaces");
        FxThread.run(vm::refresh);   // a second read (F5, a job's end) changes nothing
        assertShows(box, recorded, "read again");

        // back: the first workspace's row for the same folder is chosen
        open[0] = first;
        FxThread.run(vm::refresh);
        assertShows(box, recorded, "back in the first workspace");
        // and Folder… on a folder the list holds chooses it, not a second entry
        FxThread.run(() -> {
            vm.selectedProperty().set(BUNDLED);
            vm.addFolder(folder);
        });
        assertShows(box, recorded, "Folder… on a listed folder");
    }

    /** A read of the models of the workspace that was open before is dropped when it comes back after the next one opened. */
    @Test
    void aLateReadOfThePreviousWorkspaceIsDropped() throws Exception {
        FxThread.start();
        ModelItem round = new ModelItem(7L, "round-1", Path.of("/ws1/models/round-1"), "llama", "seal-tiny -> round-1");
        List<Runnable> pending = new ArrayList<>();
        Background deferred = new Background() {
            @Override
            public <T> void run(String what, java.util.concurrent.Callable<T> read, Consumer<T> then, Consumer<Throwable> failed) {
                try {
                    T value = read.call();
                    pending.add(() -> then.accept(value));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        WorkspaceService first = listing(List.of(BUNDLED, round)), second = listing(List.of(BUNDLED));
        WorkspaceService[] open = {first};
        ModelsViewModel vm = FxThread.call(() -> new ModelsViewModel(() -> open[0], deferred, null, (t, e) -> { }));
        ComboBox<ModelItem> box = picker(vm);
        FxThread.run(() -> {
            vm.refresh();
            pending.remove(0).run();
            vm.selectedProperty().set(round);
            vm.refresh();            // a read of the first workspace under way...
            open[0] = second;
            vm.refresh();            // ...when the second opens and reads its own
            pending.remove(1).run(); // the second's answer first
            pending.remove(0).run(); // then the first's, late
        });
        assertShows(box, round, "the first workspace's late list dropped");
        assertEquals(List.of(BUNDLED, round), FxThread.call(() -> List.copyOf(vm.models())),
                "the second workspace's models, with the chosen model kept");
    }
}
