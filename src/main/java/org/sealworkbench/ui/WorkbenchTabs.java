package org.sealworkbench.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The views of the selected passage, one tab each. A view is plugged in with one line,
 * {@code tabs.plug(WorkbenchTabs.ANNOTATE, new AnnotateView(...))}; a tab nothing was plugged into says plainly that
 * it is not built yet.
 */
public final class WorkbenchTabs extends TabPane {
    public static final String SELF_EDITS = "Self-edits";
    public static final String RUNS = "Runs & QA";
    public static final String CHARTS = "Charts";
    public static final String ANNOTATE = "Annotate";
    public static final String HISTORY = "History";
    public static final List<String> NAMES = List.of(SELF_EDITS, RUNS, CHARTS, ANNOTATE, HISTORY);

    private final Map<String, Tab> byName = new LinkedHashMap<>();
    private final Map<String, java.util.function.BooleanSupplier> finds = new LinkedHashMap<>();

    public WorkbenchTabs() {
        setId("workbenchTabs");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        for (String name : NAMES) {
            Label notBuilt = new Label(name + ": not built yet");
            notBuilt.getStyleClass().add("not-built");
            Tab tab = new Tab(name, notBuilt);
            tab.setId("tab-" + name.replaceAll("[^A-Za-z]", ""));
            byName.put(name, tab);
            getTabs().add(tab);
        }
    }

    /** Puts a view into a named tab (one of {@link #NAMES}). */
    public void plug(String name, Node view) {
        Tab tab = byName.get(name);
        if (tab == null) throw new IllegalArgumentException("no tab named '" + name + "' (tabs: " + NAMES + ")");
        tab.setContent(view);
    }

    /**
     * What Ctrl+F does while the named tab is shown: focus the tab's own search field (true), or nothing (false: the
     * library's filter takes the key then).
     */
    public void onFind(String name, java.util.function.BooleanSupplier focusSearch) {
        if (!byName.containsKey(name)) throw new IllegalArgumentException("no tab named '" + name + "' (tabs: " + NAMES + ")");
        finds.put(name, focusSearch);
    }

    /** Focuses the shown tab's search field, if it has one ({@link #onFind}); false when it has none. */
    public boolean findInSelected() {
        java.util.function.BooleanSupplier f = finds.get(selectedName());
        return f != null && f.getAsBoolean();
    }

    public String selectedName() {
        Tab t = getSelectionModel().getSelectedItem();
        return t == null ? SELF_EDITS : t.getText();
    }

    public void select(String name) {
        Tab tab = byName.get(name);
        if (tab != null) getSelectionModel().select(tab);
    }
}
