package org.sealworkbench.ui.runs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.stage.Window;
import org.sealworkbench.jobs.runs.RunPlan;
import org.sealworkbench.jobs.runs.RunService;
import org.sealworkbench.jobs.runs.RunSettings;
import org.sealworkbench.jobs.workspace.ModelItem;
import org.sealworkbench.jobs.workspace.PassageText;
import org.sealworkbench.jobs.workspace.SelfEditItem;
import org.sealworkbench.ui.DialogService;
import org.sealworkbench.ui.MainViewModel;
import org.sealworkbench.ui.studio.ColumnViewModel;

/**
 * Self-edits &gt; Fine-tune &amp; evaluate… (Ctrl+Shift+F): fills the form from the window (the shown passage's columns, the
 * workspace's conditions), asks, and queues one job per column (or one for the passages) on the window's job runner,
 * feeding the live loss panel. Kept out of the main view, which only calls {@link #open}.
 */
public final class FineTuneAction {
    private final MainViewModel vm;
    private final DialogService dialogs;
    private final LiveLossViewModel live;
    private final RunQueueViewModel queue;

    public FineTuneAction(MainViewModel vm, DialogService dialogs, LiveLossViewModel live) {
        this.vm = vm;
        this.dialogs = dialogs;
        this.live = live;
        this.queue = new RunQueueViewModel(vm.runner());
        queue.onFinished(vm::workspaceWritten); // the library's Best and Gain, and no false "changed on disk"
        // the panel shows the run being trained while jobs are queued or running, then the run chosen in the QA table
        live.trainingProperty().bind(queue.waitingProperty().greaterThan(0));
    }

    public RunQueueViewModel queue() {
        return queue;
    }

    /** Call on the FX thread. */
    public void open(Window owner) {
        Path workspace = vm.workspacePathProperty().get();
        PassageText passage = vm.studio().passageProperty().get();
        if (workspace == null || passage == null) {
            vm.showError("Fine-tune & evaluate", new IllegalStateException("Select a passage first: Fine-tune & evaluate runs on its columns or on passages you choose."));
            return;
        }
        if (vm.readOnlyProperty().get()) {
            vm.showError("Fine-tune & evaluate", new IllegalStateException(vm.readOnlyTipProperty().get()));
            return;
        }
        ModelItem model = vm.models().selectedProperty().get();
        if (model == null) {
            vm.showError("Fine-tune & evaluate", new IllegalStateException("Choose a model first (Self-edits > Models…, Ctrl+M)."));
            return;
        }
        RunService service = new RunService(workspace);
        RunFormViewModel form = new RunFormViewModel();
        List<ColumnViewModel> columns = List.copyOf(vm.studio().columns());
        List<String> names = new ArrayList<>(), details = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            var choice = columns.get(i).choice();
            // what tells the columns apart (id, author, template, reward), whole in the picker; the date and sampling
            // too in its tooltip
            names.add((i + 1) + ": " + (choice == null ? "(empty)" : choice.brief()));
            details.add((i + 1) + ": " + (choice == null ? "(empty)" : choice.toString()));
        }
        form.columns().setAll(names);
        form.columnDetails().setAll(details);
        form.columnsChanged();
        form.visiblePassagesProperty().set(vm.visiblePassageIds().size());
        form.allPassagesProperty().set(vm.allPassageIds().size());
        vm.runner().reads().run("Reading conditions", service::conditionChoices, form.conditions()::setAll, e -> {});
        if (!dialogs.askFineTune(owner, form)) return;
        RunSettings settings = form.settings().orElse(null);
        if (settings == null) return;
        int batch = form.adapterBatch(), workers = form.workers();
        boolean baseline = form.withBaselineProperty().get();
        long pid = passage.id();
        switch (form.scopeProperty().get()) {
            case COLUMN -> {
                int i = form.columnProperty().get();
                if (i >= 0 && i < columns.size()) queueColumn(service, model, settings, batch, workers, pid, i + 1, columns.get(i), baseline);
            }
            case ALL_COLUMNS -> {
                for (int i = 0; i < columns.size(); i++) queueColumn(service, model, settings, batch, workers, pid, i + 1, columns.get(i), baseline);
            }
            case PASSAGES -> {
                List<Long> ids = switch (form.passagesProperty().get()) {
                    case SHOWN -> List.of(pid);
                    case VISIBLE -> vm.visiblePassageIds();
                    case ALL -> vm.allPassageIds();
                };
                String condition = form.conditionProperty().get().strip();
                List<String> conditions = baseline && !condition.equals("no-adaptation") ? List.of("no-adaptation", condition) : List.of(condition);
                String title = condition + " on " + (ids.size() == 1 ? "passage " + ids.get(0) : ids.size() + " passages");
                var cpt = form.cptSettings().orElse(null);
                queue.submit(service, model.dir(), settings, batch, workers, title, s -> new RunPlan(title, ids, conditions, cpt), live.listener(),
                        e -> vm.showError("Fine-tune & evaluate failed", e));
            }
        }
    }

    private void queueColumn(RunService service, ModelItem model, RunSettings settings, int adapterBatch, int workers, long pid, int number,
                             ColumnViewModel column, boolean baseline) {
        if (column.choice() == null) return;
        SelfEditItem edit = column.choice().edit();
        Long id = edit == null ? null : edit.id();
        String title = "column " + number + " (" + (edit == null ? "passage only" : "self-edit #" + id) + ") of passage " + pid;
        Function<RunService, RunPlan> plan = s -> {
            String c = s.conditionForColumn(id);
            return new RunPlan(title, List.of(pid), baseline ? List.of("no-adaptation", c) : List.of(c));
        };
        queue.submit(service, model.dir(), settings, adapterBatch, workers, title, plan, live.listener(),
                e -> vm.showError("Fine-tune & evaluate failed", e));
    }
}
