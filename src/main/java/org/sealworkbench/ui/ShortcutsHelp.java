package org.sealworkbench.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.sealworkbench.ui.annotate.AnnotationView;
import org.sealworkbench.ui.qa.QaView;

/**
 * Help > Keyboard shortcuts (F1): every key the main window answers to, by where it works. The menus' part is read from
 * the menu bar itself (what the menus show is what is listed); the tabs' keys come from the views that handle them.
 */
public final class ShortcutsHelp {
    /** One key and what it does. */
    public record Shortcut(String keys, String action) {}

    /** The keys of one part of the window. */
    public record Section(String title, List<Shortcut> shortcuts) {}

    private ShortcutsHelp() {}

    /** The sections for a main window with these menus. */
    public static List<Section> of(MenuBar menus) {
        List<Section> out = new ArrayList<>();
        List<Shortcut> menuKeys = new ArrayList<>();
        for (Menu m : menus.getMenus()) collect(m, m.getText(), menuKeys);
        out.add(new Section("Menus", menuKeys));
        out.add(new Section("Anywhere in the main window", List.of(
                new Shortcut("Ctrl+F", "Search the shown tab (Runs & QA), else filter the library"),
                new Shortcut("Esc", "Clear the library's filter (in the filter)"),
                new Shortcut("Ctrl+Tab / Ctrl+Shift+Tab", "Next / previous tab, also Ctrl+PgDn / Ctrl+PgUp (the focus in the tabs)"))));
        out.add(new Section("Runs & QA", List.of(
                new Shortcut(QaView.FIND.getDisplayText(), "Search the questions, gold answers and answers"),
                new Shortcut(QaView.MARK_RIGHT.getDisplayText(), "Mark the selected question's answer right (your verdict)"),
                new Shortcut(QaView.MARK_WRONG.getDisplayText(), "Mark it wrong"),
                new Shortcut(QaView.EXPORT.getDisplayText(), "Export the rows shown as CSV"))));
        out.add(new Section("Annotate (the focus in the tab)", AnnotationView.KEYS.stream()
                .map(k -> new Shortcut(k[0], k[1])).toList()));
        // ChartsView handles these while the focus is in its tab.
        out.add(new Section("Charts (the focus in the tab)", List.of(
                new Shortcut("Ctrl+E", "Export the shown chart (PNG, SVG and its data as CSV)"),
                new Shortcut("Ctrl+Shift+C", "Copy the shown chart's data as CSV (on Runs: the selected runs, or all)"),
                new Shortcut("Ctrl+C", "Runs: copy the selected runs, tab-separated"),
                new Shortcut("F5", "Read the workspace again"))));
        out.add(new Section("History (the focus in the tab)", org.sealworkbench.ui.history.HistoryView.KEYS.stream()
                .map(k -> new Shortcut(k[0], k[1])).toList()));
        out.add(new Section("Few-shot (ARC) window (RL > Few-shot (ARC)…)", org.sealworkbench.ui.arc.ArcWindow.KEYS.stream()
                .map(k -> new Shortcut(k[0], k[1])).toList()));
        out.add(new Section("Few-shot RL round window (Few-shot window > RL round…)", org.sealworkbench.ui.arc.ArcRlWindow.KEYS
                .stream().map(k -> new Shortcut(k[0], k[1])).toList()));
        return out;
    }

    private static void collect(Menu menu, String path, List<Shortcut> out) {
        for (MenuItem item : menu.getItems()) {
            if (item instanceof SeparatorMenuItem) continue;
            if (item instanceof Menu sub) {
                collect(sub, path + " > " + sub.getText(), out);
            } else if (item.getAccelerator() != null) {
                out.add(new Shortcut(item.getAccelerator().getDisplayText(), path + " > " + item.getText().replace("…", "")));
            }
        }
    }

    /** The dialog, not yet shown: a two-column list per section that scrolls when the screen is short. */
    static Alert create(Window owner, List<Section> sections) {
        Alert a = new Alert(Alert.AlertType.NONE, "", ButtonType.CLOSE);
        if (owner != null) a.initOwner(owner);
        a.setTitle("Keyboard shortcuts");
        a.setHeaderText("Keyboard shortcuts");
        GridPane grid = new GridPane();
        grid.setId("shortcutsGrid");
        grid.setHgap(18);
        grid.setVgap(4);
        grid.setPadding(new Insets(4, 12, 4, 4));
        int row = 0;
        for (Section s : sections) {
            Label title = new Label(s.title());
            title.setStyle("-fx-font-weight: bold; -fx-padding: " + (row == 0 ? 0 : 10) + " 0 2 0;");
            grid.add(title, 0, row++, 2, 1);
            for (Shortcut k : s.shortcuts()) {
                Label keys = new Label(k.keys());
                keys.setStyle("-fx-font-family: monospace;");
                keys.setMinWidth(Label.USE_PREF_SIZE);
                Label action = new Label(k.action());
                action.setWrapText(true);
                action.setMaxWidth(420);
                grid.add(keys, 0, row);
                grid.add(action, 1, row++);
            }
        }
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportWidth(640);
        // as tall as the screen allows (a 1280x800 laptop: the dialog's buttons stay on screen), the rest scrolls
        double screen = owner == null ? 800 : javafx.stage.Screen.getScreensForRectangle(owner.getX(), owner.getY(), 1, 1)
                .stream().findFirst().orElse(javafx.stage.Screen.getPrimary()).getVisualBounds().getHeight();
        scroll.setPrefViewportHeight(Math.min(560, screen - 220));
        a.getDialogPane().setContent(scroll);
        // sized by hand: shown the first time while the window was still busy, the pane took the scroll pane's minimum
        // (one row of the list)
        a.getDialogPane().setPrefSize(700, Math.min(560, screen - 220) + 140);
        return a;
    }

    /** Shows the dialog (not modal: the window stays usable beside it). */
    public static void show(Window owner, List<Section> sections) {
        create(owner, sections).show();
    }
}
