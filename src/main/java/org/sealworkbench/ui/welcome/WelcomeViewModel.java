package org.sealworkbench.ui.welcome;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The first-run welcome: open the demo workspace (the sample passages, with the bundled seal-tiny model), or
 * create a new empty workspace by name (or in a folder of the user's choice). Holds no I/O: what it needs
 * to know about the disk (sample files, the model, which names are taken) is given to it, and its answer
 * goes to {@code onChoice}, which opens the workspace as a background job.
 */
public final class WelcomeViewModel {
    /** What the user chose: a workspace folder, and whether to import the sample passages into it. */
    public record Choice(Path workspace, boolean seedSamples) {}

    /** What the welcome knows about this installation, gathered off the FX thread. */
    public record Facts(Path workspacesDir, int sampleFiles, Path modelDir, boolean modelPresent) {}

    static final String DEMO_NAME = "demo";
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,63}");

    private final Facts facts;
    private final Predicate<Path> exists;
    private final Consumer<Choice> onChoice;
    private final StringProperty newName = new SimpleStringProperty(this, "newName", "my-workspace");
    private final StringBinding nameProblem;
    private final BooleanBinding canCreate;
    private final BooleanProperty answered = new SimpleBooleanProperty(this, "answered", false);

    /**
     * @param exists tells whether a folder exists (the view passes {@code Files::exists}; a stat, not a read)
     * @param onChoice opens the chosen workspace; called once
     */
    public WelcomeViewModel(Facts facts, Predicate<Path> exists, Consumer<Choice> onChoice) {
        this.facts = Objects.requireNonNull(facts);
        this.exists = exists;
        this.onChoice = onChoice;
        nameProblem = Bindings.createStringBinding(() -> problemWith(newName.get()), newName);
        canCreate = nameProblem.isEmpty();
    }

    public StringProperty newNameProperty() { return newName; }

    /** Why the typed name cannot be used ("" when it can). */
    public StringBinding nameProblemProperty() { return nameProblem; }

    public BooleanBinding canCreateProperty() { return canCreate; }

    /** True once a choice was made (the view then closes). */
    public ReadOnlyBooleanProperty answeredProperty() { return answered; }

    public boolean demoAvailable() { return facts.sampleFiles() > 0; }

    public String demoDescription() {
        if (!demoAvailable()) return "The sample passages are missing from this installation, so there is no demo to open.";
        String model = facts.modelPresent()
                ? "the bundled seal-tiny model (" + facts.modelDir() + ") is ready to generate self-edits"
                : "the bundled seal-tiny model is missing (" + facts.modelDir() + ")";
        return "Sample passages with questions, from SEAL's format and the fictional world seal-tiny learnt; "
                + model + ". Stored in " + facts.workspacesDir().resolve(DEMO_NAME) + ".";
    }

    public String newDescription() {
        return "An empty workspace in " + facts.workspacesDir() + "; import SEAL JSON, SQuAD or JSONL files with File > Import.";
    }

    String problemWith(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) return "Type a name for the workspace.";
        if (!NAME.matcher(n).matches()) {
            return "Use letters, digits, spaces, '.', '_' or '-' (at most 64, starting with a letter or digit).";
        }
        if (n.equalsIgnoreCase(DEMO_NAME)) return "\"demo\" is the demo workspace; choose another name.";
        if (exists.test(facts.workspacesDir().resolve(n))) return "A workspace named \"" + n + "\" exists already.";
        return "";
    }

    /** Opens the demo workspace, importing the sample passages on its first opening. */
    public void openDemo() {
        if (!demoAvailable()) throw new IllegalStateException("no sample passages in this installation");
        choose(new Choice(facts.workspacesDir().resolve(DEMO_NAME), true));
    }

    /** Creates the workspace named in {@link #newNameProperty()} (empty: no sample data). */
    public void createNew() {
        String problem = nameProblem.get();
        if (!problem.isEmpty()) throw new IllegalStateException(problem);
        choose(new Choice(facts.workspacesDir().resolve(newName.get().strip()), false));
    }

    /** A folder the user picked: opened as it is (a new workspace is created when it is empty). */
    public void openFolder(Path dir) {
        choose(new Choice(dir, false));
    }

    private void choose(Choice c) {
        if (answered.get()) return;
        answered.set(true);
        onChoice.accept(c);
    }
}
