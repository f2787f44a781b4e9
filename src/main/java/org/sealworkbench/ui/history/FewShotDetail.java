package org.sealworkbench.ui.history;

import java.util.List;
import java.util.Locale;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.jfree.chart.fx.ChartViewer;
import org.sealworkbench.data.arc.ArcExample;
import org.sealworkbench.jobs.charts.ChartsData.LossCurve;
import org.sealworkbench.jobs.charts.ChartsData.RunId;
import org.sealworkbench.jobs.history.ArcComparison;
import org.sealworkbench.jobs.history.ArcRunDetail;
import org.sealworkbench.ui.Theme;
import org.sealworkbench.ui.arc.GridFigures;
import org.sealworkbench.ui.charts.ChartFactory;

/**
 * The History tab's detail of a few-shot (ARC) run (a thin view of {@link ArcRunDetail}): a header with the task,
 * self-edit, training summary, score and seconds; the self-edit as SEAL's JSON with the settings; the training loss per
 * step; each test input with the solution and the two attempts marked right or wrong, the task's demonstrations and what
 * the model wrote. Also draws two runs' attempts side by side for the Compare tab ({@link #attempts(ArcComparison)}).
 */
final class FewShotDetail extends VBox {
    final Label header = new Label();
    final TextArea config = new TextArea();
    final ChartViewer loss = new ChartViewer();
    final VBox grids = new VBox(8);
    /** The side of a grid's box: a quarter of the grids pane's width, 56 to 140 px. */
    private final DoubleProperty box = new SimpleDoubleProperty(110);
    private ArcRunDetail shown;

    FewShotDetail() {
        super(6);
        setId("history-arc-detail");
        header.setWrapText(true);
        header.setMinHeight(Region.USE_PREF_SIZE);
        header.setId("history-arc-header");
        config.setEditable(false);
        config.setWrapText(false);
        config.setId("history-arc-config");
        config.setStyle("-fx-font-family: monospace;");
        loss.setId("history-arc-loss");
        grids.setId("history-arc-grids");
        grids.setPadding(new Insets(4));
        ScrollPane scroll = new ScrollPane(grids);
        scroll.setFitToWidth(true);
        scroll.viewportBoundsProperty().addListener((o, a, b) ->
                box.set(Math.max(56, Math.min(140, Math.floor((b.getWidth() - 16 - 3 * 30) / 4)))));
        box.addListener(o -> drawGrids());
        VBox configBox = new VBox(4, new Label("Self-edit and settings"), config);
        VBox.setVgrow(config, Priority.ALWAYS);
        SplitPane parts = new SplitPane(configBox, loss, scroll);
        parts.setDividerPositions(0.3, 0.55);
        getChildren().setAll(header, parts);
        VBox.setVgrow(parts, Priority.ALWAYS);
        setPadding(new Insets(6));
    }

    void show(ArcRunDetail d) {
        shown = d;
        if (d == null) return;
        String more = d.testInputs().size() > 1 ? " · " + d.testInputsSolved() + " (this run and its task's other test inputs)" : "";
        header.setText(d.label() + "\nmodel " + d.model() + " · task set " + d.taskSet() + " · settings " + d.settingsDigest()
                + " · " + d.trainingSummary() + " · " + d.readable() + " of " + d.prompts() + " predictions readable · "
                + d.scoreText() + more + String.format(Locale.ROOT, " · %.1f s (%.1f training, %.1f predicting)", d.seconds(),
                d.trainSeconds(), d.predictSeconds())
                + (d.started() == null ? "" : " · started " + HistoryView.DATE.format(d.started())));
        config.setText(configText(d));
        drawLoss();
        drawGrids();
    }

    /** The self-edit as SEAL's JSON (with what was wrong in it), what the model wrote when sampled, and the settings. */
    static String configText(ArcRunDetail d) {
        StringBuilder sb = new StringBuilder();
        if (d.configJson() == null) sb.append("No self-edit: the baseline predicts with the model as it is (no test-time training).\n");
        else sb.append(HistoryView.pretty(d.configJson())).append('\n');
        for (String r : d.configRemarks()) sb.append("! ").append(r).append('\n');
        if (d.selfEditText() != null) sb.append("\nSampled; the model wrote:\n").append(d.selfEditText()).append('\n');
        sb.append("\nSettings ").append(d.settingsDigest()).append(":\n").append(HistoryView.pretty(d.settingsJson()));
        return sb.toString();
    }

    /** The loss curve in the current theme (the view calls it again when the theme changes). */
    void drawLoss() {
        ArcRunDetail d = shown;
        if (d == null) return;
        loss.setChart(ChartFactory.themed(ChartFactory.loss(d.loss().isEmpty() ? List.of()
                : List.of(new LossCurve(d.id(), "run " + d.id(), d.loss())), false), Theme.currentProperty().get() == Theme.DARK));
    }

    private void drawGrids() {
        ArcRunDetail d = shown;
        grids.getChildren().clear();
        if (d == null) return;
        int n = d.testInputs().size();
        for (int i = 0; i < n; i++) {
            ArcRunDetail.TestInput t = d.testInputs().get(i);
            String which = n == 1 ? "Test input" : "Test input " + (i + 1) + " of " + n;
            grids.getChildren().add(heading(which + (t.runId() == d.runId() ? (n == 1 ? "" : " (this run)")
                    : " · few-shot run " + RunId.fewShot(t.runId())) + " · "
                    + (t.solved() == null ? "no solution known" : t.solved() ? "solved" : "not solved")));
            String id = t.runId() == d.runId() ? "historyArcAttempt" : "historyArcAttempt" + t.runId() + "_";
            HBox row = GridFigures.pairRow(
                    t.input() == null ? GridFigures.note("Test input not at hand (see below)") : GridFigures.captioned("Input", t.input(), null, null, box),
                    GridFigures.arrow(),
                    t.solution() == null ? GridFigures.note(t.input() == null ? "Solution not at hand" : "No solution known")
                            : GridFigures.captioned("Solution", t.solution(), null, null, box),
                    GridFigures.attempt("Attempt 1", t.attempt1(), t.right1(), id + "1", box),
                    GridFigures.attempt("Attempt 2", t.attempt2(), t.right2(), id + "2", box));
            grids.getChildren().add(row);
            if (Boolean.TRUE.equals(t.solved()) && t.right1() == null && t.right2() == null) {
                grids.getChildren().add(GridFigures.note("One of the two attempts is right; which one cannot be told "
                        + "without the task's solution."));
            }
        }
        Label source = new Label(d.taskSource());
        source.setWrapText(true);
        source.getStyleClass().add("text-muted");
        source.setId("history-arc-source");
        grids.getChildren().add(source);
        if (!d.demonstrations().isEmpty()) {
            VBox demos = new VBox(6);
            int i = 1;
            for (ArcExample e : d.demonstrations()) {
                demos.getChildren().add(GridFigures.pairRow(GridFigures.captioned("Demo " + i + " input", e.input(), null, null, box),
                        GridFigures.arrow(), GridFigures.captioned("Demo " + i + " output", e.output(), null, null, box)));
                i++;
            }
            TitledPane p = new TitledPane("Demonstrations: " + d.demonstrations().size(), demos);
            p.setExpanded(false);
            p.setId("history-arc-demos");
            grids.getChildren().add(p);
        }
        if (!d.answers().isEmpty()) {
            TextArea raw = new TextArea(org.sealworkbench.seal.arc.ArcAnswers.numbered(d.answers(), d.answerEndings()));
            raw.setEditable(false);
            raw.setPrefRowCount(8);
            raw.setStyle("-fx-font-family: monospace;");
            TitledPane p = new TitledPane(org.sealworkbench.seal.arc.ArcAnswers.title(d.answers().size(), d.readable(),
                    d.answerEndings()), raw);
            p.setExpanded(false);
            p.setId("history-arc-answers");
            grids.getChildren().add(p);
        }
    }

    /** Two runs of one task: the test input and solution, then each run's two attempts in a row of its own. */
    static Node attempts(ArcComparison c) {
        DoubleProperty box = new SimpleDoubleProperty(100);
        VBox v = new VBox(8);
        v.setId("history-arc-compare");
        v.setPadding(new Insets(4));
        ArcRunDetail.TestInput a = c.a().thisInput(), b = c.b().thisInput();
        v.getChildren().add(heading("Task " + c.a().task() + (c.sameAttempts() ? " · the same attempts" : " · the attempts differ")));
        if (a.input() != null) {
            v.getChildren().add(GridFigures.pairRow(GridFigures.captioned("Input", a.input(), null, null, box), GridFigures.arrow(),
                    a.solution() == null ? GridFigures.note("No solution known") : GridFigures.captioned("Solution", a.solution(), null, null, box)));
        } else {
            v.getChildren().add(GridFigures.note(c.a().taskSource()));
        }
        for (ArcRunDetail.TestInput t : List.of(a, b)) {
            String who = t == a ? "A" : "B";
            ArcRunDetail d = t == a ? c.a() : c.b();
            Label name = new Label(who + ": " + d.condition() + "\n" + d.scoreText());
            name.setWrapText(true);
            name.setPrefWidth(170);
            name.setMinWidth(120);
            v.getChildren().add(GridFigures.pairRow(name,
                    GridFigures.attempt("Attempt 1", t.attempt1(), t.right1(), "historyArcCompare" + who + "1", box),
                    GridFigures.attempt("Attempt 2", t.attempt2(), t.right2(), "historyArcCompare" + who + "2", box)));
        }
        ScrollPane s = new ScrollPane(v);
        s.setFitToWidth(true);
        return s;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold;");
        l.setWrapText(true);
        return l;
    }
}
