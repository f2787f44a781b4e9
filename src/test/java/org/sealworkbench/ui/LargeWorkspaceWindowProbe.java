package org.sealworkbench.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Window;
import org.sealworkbench.jobs.workspace.StoreWorkspaceService;
import org.sealworkbench.ui.charts.ChartsView;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window on a workspace folder (a large one: {@code LargeWorkspace}), timed as a person uses it: open until the
 * library shows, typing in the filter, selecting passages, each tab (Charts' sub-tabs too), F5, the ReST-EM and continual
 * windows, memory. Every phase also reports the longest the FX thread went without a pulse (a frozen window), and what the
 * FX thread was doing while it stalled over 100 ms. A measuring tool run headless (Monocle): {@code
 * LargeWorkspaceWindowProbe DIR}.
 */
public final class LargeWorkspaceWindowProbe {
    private LargeWorkspaceWindowProbe() {}

    private static volatile long lastPulse = System.nanoTime();
    private static volatile long maxGap;
    private static volatile long pulses;
    private static final Map<String, Integer> stalls = new LinkedHashMap<>();

    private static void watch() throws Exception {
        FxThread.run(() -> new AnimationTimer() {
            @Override
            public void handle(long now) {
                long t = System.nanoTime();
                maxGap = Math.max(maxGap, t - lastPulse);
                lastPulse = t;
                pulses++;
            }
        }.start());
        Thread fx = FxThread.call(Thread::currentThread);
        Thread sampler = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(25);
                } catch (InterruptedException e) {
                    return;
                }
                if (System.nanoTime() - lastPulse > 100_000_000L) {
                    StringBuilder s = new StringBuilder();
                    int n = 0, k = 0;
                    StackTraceElement[] stack = fx.getStackTrace();
                    boolean parked = stack.length > 0 && stack[0].getMethodName().equals("park");
                    for (StackTraceElement e : stack) {
                        boolean ours = e.getClassName().startsWith("org.sealworkbench");
                        if (k++ >= (parked ? 20 : 4) && !ours) continue;
                        if (ours) n++;
                        s.append("\n      ").append(e);
                        if (n >= 3) break;
                    }
                    synchronized (stalls) {
                        stalls.merge(s.toString(), 1, Integer::sum);
                    }
                }
            }
        }, "stall-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private static long t0;

    /** Lets the FX thread run what is queued (TestFX's waitForFxEvents blocks the FX thread itself, a stall of its own). */
    private static void settle() throws Exception {
        for (int i = 0; i < 3; i++) FxThread.run(() -> { });
    }

    private static void begin() throws Exception {
        settle();
        maxGap = 0;
        synchronized (stalls) {
            stalls.clear();
        }
        t0 = System.nanoTime();
    }

    private static void end(String what) throws Exception {
        settle();
        // two pulses after the work: what it made is laid out and drawn (a chart draws in the pulse that lays it out)
        long seen = pulses;
        long until = System.nanoTime() + 30_000_000_000L;
        while (pulses < seen + 2 && System.nanoTime() < until) Thread.sleep(2);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf(Locale.ROOT, "%-52s %7d ms   (longest FX stall %d ms)%n", what, ms, maxGap / 1_000_000);
        synchronized (stalls) {
            stalls.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(4)
                    .forEach(e -> System.out.println("    stalled " + e.getValue() * 25 + " ms in:" + e.getKey()));
        }
    }

    private static void await(String what, Callable<Boolean> done) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> FxThread.call(done));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out: " + what, e);
        }
    }

    static <T extends Node> T find(Node root, Class<T> type) {
        if (type.isInstance(root)) return type.cast(root);
        if (root instanceof javafx.scene.Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                T t = find(c, type);
                if (t != null) return t;
            }
        }
        if (root instanceof javafx.scene.control.SplitPane sp) {
            for (Node c : sp.getItems()) {
                T t = find(c, type);
                if (t != null) return t;
            }
        }
        if (root instanceof TabPane tp) {
            for (Tab tab : tp.getTabs()) {
                if (tab.getContent() == null) continue;
                T t = find(tab.getContent(), type);
                if (t != null) return t;
            }
        }
        return null;
    }

    /** Whether the library waits for its QA numbers (false in a build that reads them with the rows). */
    static boolean qaPending(MainViewModel vm) {
        try {
            return vm.library().qaPendingProperty().get();
        } catch (NoSuchMethodError before) {
            return false;
        }
    }

    static long usedMb() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) System.gc();
        return (rt.totalMemory() - rt.freeMemory()) >> 20;
    }

    public static void main(String[] args) throws Exception {
        Path ws = Path.of(args[0]).toAbsolutePath();
        Path tmp = Files.createTempDirectory("probe");
        Path samples = Files.createDirectories(tmp.resolve("samples"));
        FxToolkit.registerPrimaryStage();
        watch();
        WorkbenchApp app = new WorkbenchApp(new StartupOptions(ws, samples, tmp.resolve("settings.properties")), new ScriptedDialogs(),
                StoreWorkspaceService::open);
        begin();
        FxToolkit.setupApplication(() -> app);
        MainViewModel vm = app.viewModel();
        FxThread.run(() -> vm.library().selectedProperty().addListener((o, a, b) ->
                System.out.println("    (selection: " + (a == null ? null : a.id()) + " -> " + (b == null ? null : b.id()) + ")")));
        await("open", () -> vm.openStateProperty().get() == JobState.SUCCEEDED && vm.library().visibleRows().size() > 0);
        end("open: until the library shows " + FxThread.call(() -> vm.library().totalRows()) + " rows");
        begin();
        await("QA columns", () -> !qaPending(vm));
        end("open: until Best/Gain are filled in");
        // File > Open workspace… of the same folder in the running window: the open itself, without the window's start
        for (int i = 0; i < 2; i++) {
            begin();
            FxThread.run(() -> vm.openWorkspace(ws, false));
            await("reopen", () -> vm.openStateProperty().get() == JobState.RUNNING);
            await("reopen", () -> vm.openStateProperty().get() == JobState.SUCCEEDED && vm.library().totalRows() > 0);
            end("reopen: until the library shows");
            begin();
            await("QA columns", () -> !qaPending(vm));
            end("reopen: until Best/Gain are filled in");
        }
        System.out.println("heap: " + usedMb() + " MB");

        // typing in the filter, a keystroke at a time: the FX thread's own time per keystroke, then the next pulse
        String typed = "harbour valdoria";
        for (int i = 1; i <= typed.length(); i++) {
            String text = typed.substring(0, i);
            begin();
            long fx = FxThread.call(() -> {
                long s = System.nanoTime();
                vm.library().filterTextProperty().set(text);
                return System.nanoTime() - s;
            });
            end(String.format(Locale.ROOT, "filter '%s' (FX %.1f ms, %d rows)", text, fx / 1e6,
                    FxThread.call(() -> vm.library().visibleRows().size())));
        }
        begin();
        FxThread.run(() -> vm.library().filterTextProperty().set(""));
        end("filter cleared");

        MainView view = app.view();
        List<PassageRow> rows = FxThread.call(() -> new ArrayList<>(vm.library().visibleRows()));
        List<PassageRow> picks = List.of(rows.get(1), rows.get(rows.size() / 2), rows.get(rows.size() - 1));
        for (String tab : List.of(WorkbenchTabs.SELF_EDITS, WorkbenchTabs.RUNS)) {
            FxThread.run(() -> view.tabs.select(tab));
            for (PassageRow row : picks) {
                begin();
                FxThread.run(() -> vm.library().selectedProperty().set(row));
                await("passage " + row.id(), () -> vm.studio().passageProperty().get() != null
                        && vm.studio().passageProperty().get().id() == row.id());
                if (tab.equals(WorkbenchTabs.RUNS)) {
                    java.lang.reflect.Method m = view.runs.qa().getClass().getDeclaredMethod("viewModel");
                    m.setAccessible(true);
                    org.sealworkbench.ui.qa.QaViewModel qa = (org.sealworkbench.ui.qa.QaViewModel) m.invoke(view.runs.qa());
                    await("QA of " + row.id(), () -> !qa.busyProperty().get() && (qa.tableProperty().get() != null
                            && qa.tableProperty().get().passageId() == row.id() || qa.runs().isEmpty()));
                }
                end("select passage " + row.id() + " on " + tab);
            }
        }

        // "history-first" after DIR: History opened before Charts, reading its rows itself (else it takes Charts')
        boolean historyFirst = args.length > 1 && args[1].equals("history-first");
        if (historyFirst) history(view);
        charts(view);
        begin();
        FxThread.run(() -> view.tabs.select(WorkbenchTabs.ANNOTATE));
        await("annotate", () -> app.annotateTab().viewModel() != null && !app.annotateTab().viewModel().passages().isEmpty());
        end("tab Annotate: until its passages show");

        if (!historyFirst) history(view);
        begin();
        FxThread.run(() -> view.tabs.select(WorkbenchTabs.SELF_EDITS));
        end("tab Self-edits");

        begin();
        FxThread.run(vm::refresh);
        await("F5", () -> vm.runner().active().isEmpty() && !qaPending(vm));
        end("F5: until the library and Best/Gain are read again");

        begin();
        var rl = FxThread.call(view::showRl);
        await("RL window", () -> !rl.viewModel().form().passageSets().isEmpty());
        end("RL window: until its passage sets show");
        FxThread.run(rl::hide);
        begin();
        var continual = FxThread.call(view::showContinual);
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        end("Continual window (+0.5 s)");
        FxThread.run(continual::hide);
        System.out.println("heap at the end: " + usedMb() + " MB");
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        Platform.exit();
        System.exit(0);
    }

    private static void charts(MainView view) throws Exception {
        begin();
        FxThread.run(() -> view.tabs.select(WorkbenchTabs.CHARTS));
        await("charts", () -> {
            ChartsView c = find(view.tabs, ChartsView.class);
            return c != null && c.viewModel().dataProperty().get() != null && !c.viewModel().dataProperty().get().isEmpty();
        });
        end("tab Charts: until its data shows");
        // a build that shows the Conditions tab's data first reads the runs and the RL charts after: from the same start
        await("charts' runs", () -> !find(view.tabs, ChartsView.class).viewModel().dataProperty().get().runs().isEmpty());
        end("tab Charts: until its runs and RL charts show too");
        ChartsView charts = FxThread.call(() -> find(view.tabs, ChartsView.class));
        TabPane chartTabs = FxThread.call(() -> find(charts, TabPane.class));
        for (int i = 0; i < FxThread.call(() -> chartTabs.getTabs().size()); i++) {
            int k = i;
            begin();
            String name = FxThread.call(() -> {
                chartTabs.getSelectionModel().select(k);
                return chartTabs.getTabs().get(k).getText();
            });
            end("Charts > " + name);
        }
    }

    private static void history(MainView view) throws Exception {
        begin();
        FxThread.run(() -> view.tabs.select(WorkbenchTabs.HISTORY));
        await("history", () -> {
            var h = find(view.tabs, org.sealworkbench.ui.history.HistoryView.class);
            return h != null && !h.viewModel().allRuns().isEmpty();
        });
        end("tab History: until its runs show (" + FxThread.call(() -> find(view.tabs,
                org.sealworkbench.ui.history.HistoryView.class).viewModel().allRuns().size()) + ")");
    }
}
