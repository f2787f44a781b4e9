package org.sealworkbench.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.sealworkbench.app.Offline;
import org.sealworkbench.jobs.workspace.StoreWorkspaceService;
import org.sealworkbench.ui.rl.RewardRow;
import org.sealworkbench.ui.rl.RlFormViewModel;
import org.sealworkbench.ui.rl.RlRunViewModel;
import org.sealworkbench.ui.rl.RlWindow;

/**
 * Not a test: takes the RL window's screenshots under Xvfb (run by hand, see the report of issue 16 part 2).
 * Args: workspace, light|dark, width, height, output prefix. Opens the window, starts a small one-round run of the bundled
 * model, shoots while rewards arrive, pauses, shoots, then opens a passage's self-edits ranked and shoots the main window.
 */
public final class RlScreenshots {
    public static void main(String[] args) throws Exception {
        Offline.enforce();
        Path ws = Path.of(args[0]);
        String theme = args[1];
        int w = Integer.parseInt(args[2]), h = Integer.parseInt(args[3]);
        String out = args[4];
        Path settings = Files.createTempFile("rl-shots", ".properties");
        Files.writeString(settings, "theme=" + theme + "\nwindow.width=" + w + "\nwindow.height=" + h + "\ntab=Self-edits\n");
        Platform.startup(() -> {});
        WorkbenchApp app = new WorkbenchApp(new StartupOptions(ws, Path.of("sample-data"), settings), new FxDialogService(),
                StoreWorkspaceService::open);
        call(() -> {
            Stage s = new Stage();
            app.start(s);
            s.setX(0);
            s.setY(0);
            return null;
        });
        await(() -> app.viewModel().workspacePathProperty().get() != null && !app.viewModel().library().visibleRows().isEmpty());
        RlWindow win = call(() -> app.view().showRl());
        RlRunViewModel vm = win.viewModel();
        await(() -> vm.form().passageSets().size() >= 2 && !vm.form().models().isEmpty());
        call(() -> {
            win.setWidth(Math.min(1200, w - 60));
            win.setHeight(Math.min(760, h - 80));
            win.setX(40);
            win.setY(60);
            RlFormViewModel f = vm.form();
            f.modelProperty().set(f.models().get(0));
            f.presetProperty().set("seal-tiny-cpu");
            f.roundsProperty().set("1");
            f.passagesPerRoundProperty().set("3");
            f.kProperty().set("3");
            f.repeatsProperty().set("1");
            f.validationByProperty().set(RlFormViewModel.ValidationBy.SET);
            f.validationSetProperty().set("world-validation.json");
            f.rlSetProperty().set("world-rl-train.json");
            return null;
        });
        Thread.sleep(1500);
        shoot(out + "-form.png");
        call(vm::start);
        await(() -> vm.rows().stream().mapToInt(RewardRow::rewardsIn).sum() >= 4 || vm.stateProperty().get() == RlRunViewModel.State.DONE);
        Thread.sleep(800);
        shoot(out + "-rewards.png");
        call(() -> {
            vm.pause();
            return null;
        });
        await(() -> vm.stateProperty().get() == RlRunViewModel.State.PAUSED || vm.stateProperty().get() == RlRunViewModel.State.DONE);
        Thread.sleep(800);
        shoot(out + "-paused.png");
        call(() -> {
            RewardRow r = vm.rows().stream().filter(x -> x.rewardsIn() == x.k()).findFirst().orElse(vm.rows().get(0));
            @SuppressWarnings("unchecked")
            var table = (javafx.scene.control.TableView<RewardRow>) win.getScene().lookup("#rlRewards");
            table.getSelectionModel().select(r);
            ((javafx.scene.control.Button) win.getScene().lookup("#rlOpen")).fire();
            win.hide(); // so the Self-edits tab shows
            return null;
        });
        Thread.sleep(4000);
        shoot(out + "-ranked.png");
        System.out.println("rows " + call(() -> vm.rows().toString()));
        Platform.exit();
        System.exit(0);
    }

    static void shoot(String file) throws Exception {
        Process p = new ProcessBuilder("import", "-window", "root", file).inheritIO().start();
        p.waitFor(60, TimeUnit.SECONDS);
        System.out.println("shot " + file);
    }

    static <T> T call(Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }

    static void await(BooleanSupplier c) throws Exception {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        while (System.nanoTime() < end) {
            if (call(c::getAsBoolean)) return;
            Thread.sleep(200);
        }
        throw new IllegalStateException("timed out");
    }
}
