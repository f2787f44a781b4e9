package org.sealworkbench.ui.rl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sealworkbench.jobs.RlRequest;
import org.sealworkbench.jobs.workspace.ModelItem;
import org.sealworkbench.seal.PassageSplit;
import org.sealworkbench.seal.Presets;
import org.sealworkbench.seal.SealSettings;
import org.sealworkbench.seal.SettingsOverrides;
import org.sealworkbench.seal.StoredRuns;

/**
 * The RL form: exactly the options of {@code ./seal rl} (model, preset or settings file, rounds, passages per round, k,
 * repeats, grader, judge, validation set by count or by file, RL set, inner repeats, adapter batch), as text so that a
 * half-typed number is a message under the form. An empty optional field means "the preset's" (the adapter batch: the
 * default, {@link StoredRuns#DEFAULT_ADAPTER_BATCH}), as an omitted flag does.
 * The preset follows the model until the person picks one: {@code seal-tiny-cpu} for the bundled seal-tiny and the
 * models trained from it ({@link #isSealTiny}), {@code reference} (SEAL's Qwen-7B recipe) for any other.
 * {@link #request()} builds the {@link RlRequest} the command line builds from the same values
 * ({@link #commandLine()} shows those flags); it reads the settings file, so call it off the FX thread.
 */
public final class RlFormViewModel {
    /** How the validation set is chosen: the first N passages, or the passages imported from one file. */
    public enum ValidationBy {
        COUNT("the first N passages"), SET("the passages of one file");

        private final String label;

        ValidationBy(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** {@code --validation}'s default (SEAL's 200 validation passages); a named validation set leaves it at this. */
    public static final int DEFAULT_VALIDATION = 200;

    /** {@code --adapter-batch}'s default, what an empty Adapter batch field runs with. */
    public static final int DEFAULT_ADAPTER_BATCH = StoredRuns.DEFAULT_ADAPTER_BATCH;

    /** Graders a person picks from; the field also takes f1@T with another threshold. */
    public static final List<String> GRADERS = List.of("exact_match", "contains", "f1@0.5", "llm_judge");

    private final ObjectProperty<Path> workspace = new SimpleObjectProperty<>(this, "workspace");
    private final ObservableList<ModelItem> models = FXCollections.observableArrayList();
    private final ObjectProperty<ModelItem> model = new SimpleObjectProperty<>(this, "model");
    private final ObservableList<String> presets = FXCollections.observableArrayList(Presets.names());
    private final StringProperty preset = new SimpleStringProperty(this, "preset", Presets.REFERENCE);
    private final StringProperty settingsFile = new SimpleStringProperty(this, "settingsFile", "");
    private final StringProperty rounds = new SimpleStringProperty(this, "rounds", "");
    private final StringProperty passagesPerRound = new SimpleStringProperty(this, "passagesPerRound", "");
    private final StringProperty k = new SimpleStringProperty(this, "k", "");
    private final StringProperty repeats = new SimpleStringProperty(this, "repeats", "");
    private final StringProperty grader = new SimpleStringProperty(this, "grader", "");
    private final StringProperty judge = new SimpleStringProperty(this, "judge", "");
    private final ObjectProperty<ValidationBy> validationBy = new SimpleObjectProperty<>(this, "validationBy", ValidationBy.COUNT);
    private final StringProperty validation = new SimpleStringProperty(this, "validation", Integer.toString(DEFAULT_VALIDATION));
    private final StringProperty validationSet = new SimpleStringProperty(this, "validationSet", "");
    private final StringProperty rlSet = new SimpleStringProperty(this, "rlSet", "");
    private final StringProperty innerRepeats = new SimpleStringProperty(this, "innerRepeats", "");
    private final StringProperty adapterBatch = new SimpleStringProperty(this, "adapterBatch", "");
    private final StringProperty workers = new SimpleStringProperty(this, "workers", "");
    /** Whether the person picked the preset (then a change of model leaves it alone). */
    private boolean presetChosen;
    /** Set while the form itself sets the preset for the model, so that the change is not taken as the person's. */
    private boolean presetFollowsModel;
    private final ObservableList<String> passageSets = FXCollections.observableArrayList();
    /** The workspace whose passage sets {@link #suggestSplit()} last looked at (it suggests once per workspace). */
    private Path splitSuggestedFor;
    private final StringBinding error;
    private final StringBinding commandLine;

    public RlFormViewModel() {
        javafx.beans.Observable[] all = {workspace, model, preset, settingsFile, rounds, passagesPerRound, k, repeats, grader, judge,
                validationBy, validation, validationSet, rlSet, innerRepeats, adapterBatch, workers};
        error = Bindings.createStringBinding(() -> validate().orElse(""), all);
        commandLine = Bindings.createStringBinding(() -> "./seal rl " + String.join(" ", quoted(args())), all);
        preset.addListener((o, a, b) -> {
            if (!presetFollowsModel) presetChosen = true;
        });
        model.addListener((o, a, m) -> presetForModel(m));
    }

    /** Until the person picks a preset: seal-tiny-cpu for a seal-tiny model, else reference. */
    private void presetForModel(ModelItem m) {
        if (presetChosen) return;
        presetFollowsModel = true;
        try {
            preset.set(isSealTiny(m) ? Presets.SEAL_TINY_CPU : Presets.REFERENCE);
        } finally {
            presetFollowsModel = false;
        }
    }

    /**
     * The bundled seal-tiny (its folder is {@code seal-tiny}) or a model trained from it (an RL round's output, whose
     * lineage starts at seal-tiny): a model the seal-tiny-cpu preset was made for.
     */
    public static boolean isSealTiny(ModelItem m) {
        if (m == null) return false;
        if (m.dir() != null && m.dir().getFileName() != null && m.dir().getFileName().toString().equals("seal-tiny")) return true;
        String root = m.lineage() == null ? "" : m.lineage().split(" -> ", 2)[0].strip();
        return root.equals("seal-tiny") || root.equals("seal-tiny (bundled)");
    }

    public ObjectProperty<Path> workspaceProperty() { return workspace; }
    public ObservableList<ModelItem> models() { return models; }
    public ObjectProperty<ModelItem> modelProperty() { return model; }
    public ObservableList<String> presets() { return presets; }
    public StringProperty presetProperty() { return preset; }
    /** A settings snapshot JSON; when set it replaces the preset (as {@code --settings}). */
    public StringProperty settingsFileProperty() { return settingsFile; }
    public StringProperty roundsProperty() { return rounds; }
    public StringProperty passagesPerRoundProperty() { return passagesPerRound; }
    public StringProperty kProperty() { return k; }
    public StringProperty repeatsProperty() { return repeats; }
    public StringProperty graderProperty() { return grader; }
    public StringProperty judgeProperty() { return judge; }
    public ObjectProperty<ValidationBy> validationByProperty() { return validationBy; }
    public StringProperty validationProperty() { return validation; }
    public StringProperty validationSetProperty() { return validationSet; }
    public StringProperty rlSetProperty() { return rlSet; }
    public StringProperty innerRepeatsProperty() { return innerRepeats; }
    /**
     * {@code --adapter-batch}: how many inner loops train together as one batch (1: one at a time); empty: the default,
     * {@link StoredRuns#DEFAULT_ADAPTER_BATCH}. Not a setting of the runs (the digest leaves it out), only of memory and speed.
     */
    public StringProperty adapterBatchProperty() { return adapterBatch; }
    /**
     * {@code --workers}: how many batches compute side by side, each on a worker thread with a replica of the model;
     * empty: automatic (SEAL_WORKERS, else one per core the model's PyTorch threads leave free). Like the adapter
     * batch, a matter of memory and speed only.
     */
    public StringProperty workersProperty() { return workers; }
    /**
     * Once per workspace, and only while the split is still the default (the first 200 passages, no file named): when the
     * workspace's passage sets hold exactly one validation file ({@code validation} or {@code val} in its name) the form
     * takes the validation set by that file, and the RL set by the one RL file ({@code rl} in its name) if there is one,
     * e.g. the demo's {@code world-validation.json} and {@code world-rl-train.json}, or {@code ./seal world}'s
     * {@code validation-passages.json} and {@code rl-train-passages.json}. (On the demo's 182 passages the first 200 were
     * all validation, and a run stopped at once: no RL passages.) Call after {@link #passageSets()} was filled.
     *
     * @return what the form chose, for a status line; empty when it left the split alone
     */
    public Optional<String> suggestSplit() {
        Path ws = workspace.get();
        if (ws == null || passageSets.isEmpty() || ws.equals(splitSuggestedFor)) return Optional.empty();
        splitSuggestedFor = ws;
        boolean defaultSplit = validationBy.get() == ValidationBy.COUNT && Integer.toString(DEFAULT_VALIDATION).equals(strip(validation.get()))
                && blank(validationSet.get()) && blank(rlSet.get());
        if (!defaultSplit) return Optional.empty();
        Optional<String> v = org.sealworkbench.ui.PassageSets.validationFile(passageSets);
        if (v.isEmpty()) return Optional.empty();
        Optional<String> r = org.sealworkbench.ui.PassageSets.rlFile(passageSets, v.get());
        validationBy.set(ValidationBy.SET);
        validationSet.set(v.get());
        r.ifPresent(rlSet::set);
        return Optional.of("validation set " + v.get() + r.map(f -> ", RL set " + f).orElse(""));
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    /** The files the workspace's passages came from, for the set fields (filled by the run view model). */
    public ObservableList<String> passageSets() { return passageSets; }
    /** What is wrong with the form, "" when it can start. The settings file is read only by {@link #request()}. */
    public StringBinding errorProperty() { return error; }
    /** The same run on the command line. */
    public StringBinding commandLineProperty() { return commandLine; }

    /** The request, or empty while {@link #errorProperty()} says what is wrong (the settings file is not read here). */
    public Optional<String> validate() {
        try {
            check();
            overrides().apply(Presets.byName(blank(preset.get()) ? Presets.REFERENCE : preset.get().strip()));
            split();
            adapterBatchValue();
            workersValue();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The request {@code ./seal rl} builds from the same values; reads the settings file when one is given. */
    public RlRequest request() {
        check();
        return new RlRequest(workspace.get(), model.get().dir(), overrides().apply(base()), split(), path(judge.get()),
                adapterBatchValue(), workersValue());
    }

    /** The flags of {@code ./seal rl} for the form's values (without the program name). */
    public List<String> args() {
        List<String> a = new ArrayList<>();
        if (workspace.get() != null) add(a, "--workspace", workspace.get().toString());
        if (model.get() != null && model.get().dir() != null) add(a, "--model", model.get().dir().toString());
        if (!blank(settingsFile.get())) add(a, "--settings", settingsFile.get().strip());
        else add(a, "--preset", preset.get() == null ? "" : preset.get().strip());
        add(a, "--rounds", rounds.get());
        add(a, "--passages-per-round", passagesPerRound.get());
        add(a, "--k", k.get());
        add(a, "--repeats", repeats.get());
        add(a, "--inner-repeats", innerRepeats.get());
        add(a, "--grader", grader.get());
        add(a, "--judge", judge.get());
        if (validationBy.get() == ValidationBy.SET) add(a, "--validation-set", validationSet.get());
        else add(a, "--validation", validation.get());
        add(a, "--rl-set", rlSet.get());
        add(a, "--adapter-batch", adapterBatch.get());
        add(a, "--workers", workers.get());
        return a;
    }

    private static void add(List<String> a, String flag, String value) {
        if (!blank(value)) {
            a.add(flag);
            a.add(value.strip());
        }
    }

    private static List<String> quoted(List<String> args) {
        return args.stream().map(s -> s.matches("[A-Za-z0-9_./@:=+-]+") ? s : "'" + s.replace("'", "'\\''") + "'").toList();
    }

    private void check() {
        if (workspace.get() == null) throw new IllegalArgumentException("open a workspace first");
        if (model.get() == null || model.get().dir() == null) throw new IllegalArgumentException("choose the starting model");
        if (validationBy.get() == ValidationBy.SET && blank(validationSet.get())) {
            throw new IllegalArgumentException("choose the file whose passages are the validation set");
        }
    }

    private SettingsOverrides overrides() {
        return new SettingsOverrides().grader(blank(grader.get()) ? null : grader.get().strip())
                .innerRepeats(optional("inner repeats", innerRepeats.get()))
                .rounds(optional("rounds", rounds.get())).passagesPerRound(optional("passages per round", passagesPerRound.get()))
                .rlK(optional("k", k.get())).rlRepeats(optional("repeats", repeats.get()));
    }

    private PassageSplit split() {
        // By file, the count is the flag's default, as on the command line without --validation.
        boolean byFile = validationBy.get() == ValidationBy.SET;
        int n = byFile ? DEFAULT_VALIDATION : whole("validation passages", validation.get());
        String vSet = byFile ? validationSet.get().strip() : null;
        return new PassageSplit(n, vSet, blank(rlSet.get()) ? null : rlSet.get().strip());
    }

    /** The preset, or the settings file when one is given (the same words as {@code --settings}'s errors). */
    private SealSettings base() {
        if (blank(settingsFile.get())) return Presets.byName(preset.get().strip());
        Path f = Path.of(settingsFile.get().strip());
        try {
            return SealSettings.fromJson(Files.readString(f, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(f + ": file not found");
        } catch (IOException e) {
            throw new IllegalArgumentException(f + ": cannot read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(f + ": " + e.getMessage());
        }
    }

    /** The adapter batch typed, 0 (the request's "default") when empty. */
    private int adapterBatchValue() {
        if (blank(adapterBatch.get())) return 0;
        int n = whole("adapter batch", adapterBatch.get());
        if (n < 1) throw new IllegalArgumentException("adapter batch must be at least 1 (1: one inner loop at a time), got " + n);
        return n;
    }

    /** The workers typed, 0 (the request's "automatic") when empty. */
    private int workersValue() {
        if (blank(workers.get())) return 0;
        int n = whole("workers", workers.get());
        if (n < 1) throw new IllegalArgumentException("workers must be at least 1 (empty: automatic), got " + n);
        return n;
    }

    private static Integer optional(String name, String s) {
        return blank(s) ? null : whole(name, s);
    }

    private static int whole(String name, String s) {
        return org.sealworkbench.ui.FormNumbers.whole(name, s);
    }

    private static Path path(String s) {
        return blank(s) ? null : Path.of(s.strip());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
