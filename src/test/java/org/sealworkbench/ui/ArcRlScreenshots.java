package org.sealworkbench.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.sealworkbench.app.Offline;
import org.sealworkbench.jobs.ArcRlFixtures;
import org.sealworkbench.jobs.workspace.StoreWorkspaceService;
import org.sealworkbench.ui.arc.ArcRlViewModel;
import org.sealworkbench.ui.arc.ArcRlWindow;
import org.sealworkbench.ui.arc.ArcWindow;

/**
 * Not a test: the Few-shot RL round window's and Charts &gt; Loss's screenshots under Xvfb (run by hand, issue 21's
 * polish). Args: workspace, light|dark, width, height, output prefix. Shoots the RL round window with an opened task
 * source chosen, then after seal-tiny's refusal of SEAL's training set, then the main window's Charts &gt; Loss.
 */
public final class ArcRlScreenshots {
    public static void main(String[] args) throws Exception {
        Offline.enforce();
        Path ws = Path.of(args[0]);
        String theme = args[1];
        int w = Integer.parseInt(args[2]), h = Integer.parseInt(args[3]);
        String out = args[4];
        Path settings = Files.createTempFile("arc-shots", ".properties");
        Files.writeString(settings, "theme=" + theme + "\nwindow.width=" + w + "\nwindow.height=" + h + "\ntab=Charts\n");
        Path tmp = Files.createTempDirectory("arc-shots");
        Path tasks = ArcRlFixtures.constantTasks(tmp.resolve("a-folder-with-a-longer-name/tiny"),
                new LinkedHashMap<>(Map.of("aa", 1)));
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
        await(() -> app.viewModel().workspacePathProperty().get() != null);
        Thread.sleep(6000);
        call(() -> {
            var tabs = app.view().lookupAll(".tab-pane");
            for (var n : tabs) {
                var tp = (javafx.scene.control.TabPane) n;
                tp.getTabs().stream().filter(t -> "Loss".equals(t.getText())).findFirst()
                        .ifPresent(t -> tp.getSelectionModel().select(t));
            }
            return null;
        });
        Thread.sleep(2500);
        shoot(out + "-charts-loss.png");
        ArcWindow arc = call(() -> app.view().showArc());
        await(() -> !arc.viewModel().tasks().isEmpty());
        ArcRlWindow win = call(arc::showRlRound);
        ArcRlViewModel vm = win.viewModel();
        call(() -> {
            win.setWidth(Math.min(1160, w - 40));
            win.setHeight(Math.min(720, h - 60));
            win.setX(20);
            win.setY(30);
            arc.viewModel().open(tasks);
            vm.sourceProperty().set(vm.sources().get(vm.sources().size() - 1));
            return null;
        });
        Thread.sleep(2500);
        shoot(out + "-arc-opened.png");
        call(() -> {
            vm.sourceProperty().set(org.sealworkbench.ui.arc.ArcViewModel.TRAINING);
            vm.generatorProperty().set(StoreWorkspaceService.bundledModel());
            vm.kProperty().set("2");
            return null;
        });
        Thread.sleep(500);
        call(() -> {
            vm.start();
            return null;
        });
        await(() -> vm.phaseProperty().get() == ArcRlViewModel.Phase.REFUSED || vm.phaseProperty().get() == ArcRlViewModel.Phase.FAILED);
        Thread.sleep(2500);
        shoot(out + "-arc-refused.png");
        // the dialog: closed, then the window alone
        System.out.println("outcome: " + call(() -> vm.outcomeProperty().get()));
        Platform.exit();
        System.exit(0);
    }

    private static void shoot(String file) throws Exception {
        RlScreenshots.shoot(file);
    }

    private static <T> T call(Callable<T> work) throws Exception {
        return RlScreenshots.call(work);
    }

    private static void await(BooleanSupplier c) throws Exception {
        RlScreenshots.await(c);
    }
}
