package org.sealworkbench.ui.welcome;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.beans.value.ObservableValue;
import javafx.stage.Stage;
import org.sealworkbench.app.AppDirs;
import org.sealworkbench.app.NativeUnpack;
import org.sealworkbench.app.UserSettings;
import org.sealworkbench.ui.SampleSeeder;

/**
 * What the window does right after it appears: the welcome on the very first run (or the workspace opened
 * last, on later runs), and the engine-unpacking progress on the first start of an installation.
 * {@link #prepare} reads the disk and runs before the FX thread needs it ({@code Application.init}, on the
 * launcher thread); {@link #start} runs on the FX thread and only shows windows; settings are written on a
 * background thread.
 *
 * <p>Settings are only read and written when the window was started on the default workspace (no
 * {@code --workspace}): an explicitly named workspace is a one-off and is not remembered.
 */
public final class FirstRun {
    private static final Logger LOG = Logger.getLogger(FirstRun.class.getName());
    /** The status bar's text while the engine probe runs (EngineStatusViewModel's initial value). */
    static final String ENGINE_STARTING = "engine: starting…";
    static final String ENGINE_UNAVAILABLE = "engine unavailable";

    private final UserSettings settings;
    private final Path workspace;
    private final boolean seed;
    private final boolean welcome;
    private final WelcomeViewModel.Facts facts;
    private final Optional<NativeUnpack> natives;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "seal-settings-writer");
        t.setDaemon(true);
        return t;
    });

    private FirstRun(UserSettings settings, Path workspace, boolean seed, boolean welcome,
                     WelcomeViewModel.Facts facts, Optional<NativeUnpack> natives) {
        this.settings = settings;
        this.workspace = workspace;
        this.seed = seed;
        this.welcome = welcome;
        this.facts = facts;
        this.natives = natives;
    }

    /** Reads settings, the sample folder and the natives' state. Not on the FX thread. */
    public static FirstRun prepare(Path requestedWorkspace, Path sampleDir) {
        AppDirs dirs = AppDirs.current();
        Path defaultWs = AppDirs.defaultWorkspace().toAbsolutePath().normalize();
        Path requested = requestedWorkspace.toAbsolutePath().normalize();
        boolean byDefault = requested.equals(defaultWs);
        UserSettings settings = byDefault ? UserSettings.load(dirs.settingsFile()) : null;
        Path ws = requested;
        boolean seed = true;
        boolean welcome = false;
        if (byDefault) {
            Optional<Path> last = settings.lastWorkspace().filter(Files::isDirectory);
            if (last.isPresent()) {
                ws = last.get();
                // Sample data only ever goes into the default and the demo workspace, never into the user's own.
                seed = ws.equals(defaultWs) || ws.equals(dirs.workspaces().resolve(WelcomeViewModel.DEMO_NAME));
            } else {
                // An installation that already has a default workspace (from before the welcome existed) keeps it.
                welcome = !settings.welcomeDone() && !Files.exists(defaultWs);
            }
        }
        String model = System.getProperty("seal.defaultModel", "assets/models/seal-tiny");
        Path modelDir = Path.of(model).toAbsolutePath().normalize();
        var facts = new WelcomeViewModel.Facts(dirs.workspaces(), SampleSeeder.sampleFiles(sampleDir).size(), modelDir,
                Files.isRegularFile(modelDir.resolve("config.json")));
        Optional<NativeUnpack> natives;
        try {
            natives = NativeUnpack.pendingForThisProcess();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot tell whether PyTorch's natives are unpacked", e);
            natives = Optional.empty();
        }
        return new FirstRun(settings, ws, seed, welcome, facts, natives);
    }

    public boolean showsWelcome() { return welcome; }

    /**
     * On the FX thread, right after the main window is shown: opens the workspace (or shows the welcome,
     * whose answer opens one), remembers every workspace opened later, and shows the natives' progress.
     *
     * @param open opens a workspace as a background job (folder, import the sample data when new)
     * @param openedWorkspace the folder of the open workspace
     * @param engineText the engine status text, which leaves {@value #ENGINE_STARTING} when the engine is up
     */
    public void start(Stage stage, BiConsumer<Path, Boolean> open, ObservableValue<Path> openedWorkspace,
                      ObservableValue<String> engineText) {
        Optional<Instant> started = ProcessHandle.current().info().startInstant();
        LOG.info(() -> "Window shown" + started.map(s -> " " + Duration.between(s, Instant.now()).toMillis()
                + " ms after the process started").orElse(""));
        if (settings != null) {
            openedWorkspace.addListener((obs, old, dir) -> {
                if (dir == null) return;
                LOG.info(() -> "Workspace opened: " + dir);
                settings.setLastWorkspace(dir);
                save();
            });
        }
        if (welcome) {
            WelcomeViewModel vm = new WelcomeViewModel(facts, Files::exists, choice -> {
                LOG.info(() -> "Welcome: " + (choice.seedSamples() ? "demo workspace " : "workspace ") + choice.workspace());
                settings.setWelcomeDone();
                save();
                open.accept(choice.workspace(), choice.seedSamples());
            });
            WelcomeView.show(stage, vm, () -> {
                settings.setWelcomeDone();
                save();
                open.accept(workspace, true);
            });
        } else {
            open.accept(workspace, seed);
        }
        natives.ifPresent(n -> showUnpacking(stage, n, engineText));
    }

    private void showUnpacking(Stage owner, NativeUnpack unpack, ObservableValue<String> engineText) {
        LOG.info(() -> "First start: DJL unpacks " + unpack.totalBytes() + " bytes of PyTorch natives into " + unpack.targetDir());
        NativesUnpackViewModel vm = new NativesUnpackViewModel(unpack.totalBytes(), unpack.targetDir());
        NativesUnpackView.show(owner, vm);
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "seal-natives-progress");
            t.setDaemon(true);
            return t;
        });
        // Measuring lists files (I/O): on the poller thread; the numbers are applied on the FX thread.
        poller.scheduleWithFixedDelay(() -> {
            long bytes = unpack.bytesWritten();
            Platform.runLater(() -> vm.update(bytes));
        }, 0, 250, TimeUnit.MILLISECONDS);
        Runnable check = () -> {
            String text = engineText.getValue();
            if (text == null || text.equals(ENGINE_STARTING)) return;
            poller.shutdownNow();
            boolean ok = !text.equals(ENGINE_UNAVAILABLE);
            vm.update(ok ? Math.max(unpack.totalBytes(), 1) : 0);
            vm.finish(ok, text);
            LOG.info(() -> "Engine ready after unpacking: " + text);
        };
        engineText.addListener((obs, old, now) -> check.run());
        check.run();
    }

    private void save() {
        writer.execute(() -> {
            try {
                settings.save();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, e.getMessage(), e);
            }
        });
    }
}
