package org.sealworkbench.ui.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.sealworkbench.seal.arc.ArcTable;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.sealworkbench.jobs.charts.ChartsData.FewShotRow;

/**
 * SEAL's few-shot ARC results as bars (Charts > Few-shot): for one task set, a bar per condition (category, named under
 * it; the baseline first, then sampled self-edits, then configs given by hand, as SEAL's reference runs) and model with
 * settings digest (series, in the legend), the share of (task, self-edit) pairs solved in percent with its 95 % bootstrap interval
 * over tasks as a whisker and its value written past it ({@link CiBarRenderer}), on the Conditions chart's 0-106 % axis.
 * SEAL's own reference shares are a note below the plot, not bars: they are another model on another machine.
 */
public final class FewShotCharts {
    private FewShotCharts() {}

    /** SEAL's reported shares for this setting, the note under the chart. */
    public static final String REFERENCE = "SEAL's reference (share of (task, self-edit) pairs solved, its paper): in-context "
            + "learning alone 0 %, the base model's self-edits 20 %, after one RL round 72.5 %, a hand-chosen oracle config 100 %.";

    /** The task sets of these rows, in the order of their first row. */
    public static List<String> taskSets(List<FewShotRow> rows) {
        List<String> sets = new ArrayList<>();
        for (FewShotRow r : rows) if (!sets.contains(r.taskSet())) sets.add(r.taskSet());
        return sets;
    }

    /**
     * The rows of one task set: "no test-time training" first, then "self-edits of MODEL", then "config: ...", then the
     * oracle (SEAL's order: in-context learning alone, self-edits, the oracle config), each kind in table order.
     */
    public static List<FewShotRow> of(List<FewShotRow> rows, String taskSet) {
        return rows.stream().filter(r -> r.taskSet().equals(taskSet))
                .sorted(java.util.Comparator.comparingInt(FewShotCharts::kind)).toList();
    }

    private static int kind(FewShotRow r) {
        return r.condition().equals(ArcTable.BASELINE) ? 0 : r.condition().startsWith("self-edits of ") ? 1
                : r.condition().equals(ArcTable.ORACLE) ? 3 : 2;
    }

    /** The chart of one task set's rows (rows of other sets are left out). */
    public static JFreeChart chart(String taskSet, List<FewShotRow> rows) {
        List<FewShotRow> shown = of(rows, taskSet);
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        CiBarRenderer renderer = new CiBarRenderer();
        for (FewShotRow r : shown) {
            if (Double.isNaN(r.share())) continue;
            ds.addValue(100 * r.share(), r.group(), r.condition());
            renderer.setInterval(r.group(), r.condition(), 100 * r.ciLow(), 100 * r.ciHigh());
        }
        renderer.setDefaultToolTipGenerator((dataset, row, column) -> {
            FewShotRow r = shown.stream().filter(x -> x.group().equals(dataset.getRowKey(row))
                    && x.condition().equals(dataset.getColumnKey(column))).findFirst().orElseThrow();
            return r.condition() + " | " + r.group() + ": " + caption(r);
        });
        renderer.setMaximumBarWidth(0.12);   // two conditions' bars would otherwise fill the plot
        NumberAxis range = new NumberAxis("pairs solved (%), 95% bootstrap CI over tasks");
        range.setRange(0, 106);   // 100 and room above it for a bar's value, as the Conditions chart
        range.setTickUnit(new NumberTickUnit(10));
        JFreeChart chart = ChartFactory.bars(ds, renderer, range, "Few-shot (ARC): " + (taskSet == null ? "" : taskSet),
                "condition");
        chart.getCategoryPlot().getDomainAxis().setMaximumCategoryLabelLines(3);   // "config: aug b · output tokens · ..."
        TextTitle note = new TextTitle(REFERENCE, ChartFactory.TICK);
        note.setPosition(RectangleEdge.BOTTOM);
        note.setHorizontalAlignment(HorizontalAlignment.CENTER);
        note.setPadding(new RectangleInsets(6, 8, 2, 8));
        chart.addSubtitle(note);
        return chart;
    }

    /** A row's counts in words: pairs, solved, share, interval, tasks solved. */
    public static String caption(FewShotRow r) {
        return String.format(Locale.ROOT, "%d %s on %d %s, %d solved (%s, 95%% CI %s), %d of %d %s solved",
                r.pairs(), r.pairs() == 1 ? "pair" : "pairs", r.tasks(), r.tasks() == 1 ? "task" : "tasks", r.solved(),
                ChartFactory.percent(r.share()), Double.isNaN(r.ciLow()) ? "n/a" : String.format(Locale.ROOT, "%.1f–%.1f %%", 100 * r.ciLow(),
                        100 * r.ciHigh()), r.tasksSolved(), r.tasks(), r.tasks() == 1 ? "task" : "tasks");
    }
}
