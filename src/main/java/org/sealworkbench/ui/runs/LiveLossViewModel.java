package org.sealworkbench.ui.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sealworkbench.jobs.charts.ChartsData.LossPoint;
import org.sealworkbench.jobs.runs.LiveListener;
import org.sealworkbench.jobs.runs.LiveStep;
import org.sealworkbench.ui.Background;

/**
 * The live loss panel's state: the loss per step of the inner loop that trains now, with its learning rate and
 * tokens/s. Steps arrive on the job's thread through {@link #listener()} and are queued; at most one hand-over to the
 * FX thread is pending at a time (the {@code fx} executor, {@code Platform::runLater} in the window), so a burst of steps
 * is applied in one go and nothing polls. When no run trains, a stored run's curve can be shown ({@link #showStored}),
 * read from its training steps in the log.
 *
 * <p>The panel follows the run chosen in the QA table below ({@link #showStored}, or {@link #showNone} for a passage
 * without runs): while a job trains ({@link #trainingProperty()}, true from the first queued job to the last one's end)
 * it shows the run being trained, titled "(training)", and remembers the choice; when the job ends it shows the chosen
 * run, not the last one trained.
 */
public final class LiveLossViewModel {
    private final Executor fx;
    private final ConcurrentLinkedQueue<Object> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ObservableList<LossPoint> points = FXCollections.observableArrayList();
    private final LongProperty runId = new SimpleLongProperty(-1);
    private final BooleanProperty live = new SimpleBooleanProperty(false);
    private final StringProperty title = new SimpleStringProperty("No run yet");
    private final BooleanProperty training = new SimpleBooleanProperty(false);
    /** While a job trains: that the run chosen below shows when it ends; "" otherwise. */
    private final StringProperty note = new SimpleStringProperty("");
    /** The run chosen below: shown when nothing trains (null: nothing chosen yet). */
    private Wanted wanted;
    private final StringProperty detail = new SimpleStringProperty(
            "Fine-tune & evaluate (Self-edits > Fine-tune & evaluate…, Ctrl+Shift+F): the training loss of each inner loop draws here as it trains.");
    private long hands;
    private Consumer<Done> onRunDone = d -> {};
    private java.util.function.LongFunction<String> passageName = id -> "passage " + id;

    /** A run finished and was stored whole. */
    public record Done(long runId, long passageId, String condition) {}

    /** A chosen stored run (id -1: the chosen passage has no run; {@code label} is then what to say). */
    private record Wanted(long id, String label, Background reads, java.util.function.LongFunction<List<LossPoint>> curve) {}

    public LiveLossViewModel(Executor fx) {
        this.fx = fx;
        training.addListener((o, was, now) -> {
            if (now) {
                noteChoice();
                return;
            }
            // The job ended (done, cancelled or failed): no run trains now, whatever the last step said.
            live.set(false);
            note.set("");
            showWanted();
        });
    }

    /** Shows the run chosen below, if one was. */
    private void showWanted() {
        Wanted w = wanted;
        if (w == null) return;
        if (w.id() < 0) showNone(w.label());
        else showStored(w.id(), w.label(), w.reads(), w.curve());
    }

    /**
     * How a passage is named in the title: by its title in the window (an audience watching a demonstration does not know
     * passage 182); {@code null} for one it cannot name, which is then "passage ID".
     */
    public void setPassageNames(java.util.function.LongFunction<String> names) {
        passageName = id -> {
            String n = names == null ? null : names.apply(id);
            return n == null || n.isBlank() ? "passage " + id : n;
        };
    }

    /** Called (on the FX thread) after each run is stored, e.g. to refresh the QA table of its passage. */
    public void setOnRunDone(Consumer<Done> c) {
        onRunDone = c == null ? d -> {} : c;
    }

    /** For the job's thread. */
    public LiveListener listener() {
        return new LiveListener() {
            @Override
            public void step(LiveStep step) {
                enqueue(step);
            }

            @Override
            public void runDone(long id, long passageId, String condition) {
                enqueue(new Done(id, passageId, condition));
            }
        };
    }

    private void enqueue(Object o) {
        pending.add(o);
        if (scheduled.compareAndSet(false, true)) fx.execute(this::drain);
    }

    /** On the FX thread: applies everything that arrived since the last hand-over. */
    private void drain() {
        scheduled.set(false);
        hands++;
        List<LossPoint> add = new ArrayList<>();
        Object o;
        while ((o = pending.poll()) != null) {
            if (o instanceof LiveStep s) {
                if (s.runId() != runId.get()) {
                    flush(add);
                    points.clear();
                    runId.set(s.runId());
                    title.set(String.format(Locale.ROOT, "Run %d · %s · %s (training)", s.runId(), s.condition(), passageName.apply(s.passageId())));
                    noteChoice();
                }
                live.set(true);
                add.add(new LossPoint((int) s.step(), s.loss()));
                detail.set(String.format(Locale.ROOT, "step %d of %d · loss %.4f · lr %.3g · %.0f tokens/s", s.step(), s.totalSteps(),
                        s.loss(), s.lr(), s.tokensPerSecond()));
            } else if (o instanceof Done d) {
                flush(add);
                if (d.runId() == runId.get()) {
                    live.set(false);
                    title.set(String.format(Locale.ROOT, "Run %d · %s · %s (done, %d steps stored)", d.runId(), d.condition(),
                            passageName.apply(d.passageId()), points.size()));
                    // no job keeps the panel (a listener fed without the run queue): the chosen run's turn now
                    if (!training.get() && pending.isEmpty()) showWanted();
                }
                onRunDone.accept(d);
            }
        }
        flush(add);
    }

    private void flush(List<LossPoint> add) {
        if (!add.isEmpty()) {
            points.addAll(add);
            add.clear();
        }
    }

    /**
     * Shows a stored run's curve (read on {@code reads}), the run chosen below; while a job trains, once it ends (the run
     * being trained is shown meanwhile).
     */
    public void showStored(long id, String label, Background reads, java.util.function.LongFunction<List<LossPoint>> curve) {
        wanted = new Wanted(id, label, reads, curve);
        if (busy()) {
            noteChoice();
            return;
        }
        if (id == runId.get()) return;
        reads.run("Reading the loss curve", () -> curve.apply(id), list -> {
            if (busy() || wanted == null || wanted.id() != id) return;   // a job started or another run was chosen meanwhile
            runId.set(id);
            points.setAll(list);
            title.set("Run " + id + " · " + label + " (stored)");
            detail.set(list.isEmpty() ? "This run did not train (no adaptation): no loss curve."
                    : String.format(Locale.ROOT, "%d steps · last loss %.4f", list.size(), list.get(list.size() - 1).loss()));
        }, e -> detail.set("Could not read the loss curve: " + e.getMessage()));
    }

    /**
     * The passage chosen below has no stored run (or no workspace is open): an empty panel saying so ({@code what}), not
     * another passage's curve; while a job trains, once it ends.
     */
    public void showNone(String what) {
        wanted = new Wanted(-1, what, null, null);
        if (busy()) {
            noteChoice();
            return;
        }
        runId.set(-1);
        points.clear();
        title.set("No run to show");
        detail.set(what);
    }

    private boolean busy() {
        return live.get() || training.get();
    }

    /** While a job trains: says that the chosen run shows when it ends (when one is chosen and it is not the one training). */
    private void noteChoice() {
        Wanted w = wanted;
        note.set(!training.get() || w == null || w.id() == runId.get() ? ""
                : "The run chosen below (" + (w.id() < 0 ? "none stored yet" : "run " + w.id()) + ") shows here when the job ends.");
    }

    public ObservableList<LossPoint> points() { return points; }
    public LongProperty runIdProperty() { return runId; }
    public BooleanProperty liveProperty() { return live; }
    public StringProperty titleProperty() { return title; }
    public StringProperty detailProperty() { return detail; }
    /** True while a fine-tune &amp; evaluate job is queued or running (the window binds it to its run queue). */
    public BooleanProperty trainingProperty() { return training; }
    /** While a job trains and another run is chosen below: that it shows when the job ends; else "". */
    public StringProperty noteProperty() { return note; }

    /** How many hand-overs to the FX thread there were (coalescing: fewer than the steps of a burst). */
    public long handOvers() {
        return hands;
    }
}
