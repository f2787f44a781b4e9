package org.sealworkbench.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.data.category.CategoryDataset;
import org.junit.jupiter.api.Test;
import org.sealworkbench.jobs.charts.ChartsData.FewShotRow;

/** The few-shot chart without a screen: SEAL's order of conditions, a series per model and digest, other sets left out. */
class FewShotChartsTest {
    private static FewShotRow row(String set, String model, String condition, int pairs, int solved) {
        return new FewShotRow(set, model, "abc", condition, 2, pairs, solved, 0.1, 0.9, 1);
    }

    @Test
    void baselineThenSelfEditsThenConfigsAndASeriesPerModel() {
        List<FewShotRow> rows = List.of(row("s.json", "tiny", org.sealworkbench.seal.arc.ArcTable.ORACLE, 2, 2),
                row("s.json", "tiny", "config: aug b", 4, 1), row("s.json", "tiny", "self-edits of tiny", 4, 2),
                row("other.json", "tiny", "no test-time training", 1, 1), row("s.json", "tiny", "no test-time training", 4, 0),
                row("s.json", "big", "config: aug b", 2, 2));
        assertEquals(List.of("s.json", "other.json"), FewShotCharts.taskSets(rows));
        List<FewShotRow> shown = FewShotCharts.of(rows, "s.json");
        assertEquals(List.of("no test-time training", "self-edits of tiny", "config: aug b", "config: aug b",
                org.sealworkbench.seal.arc.ArcTable.ORACLE), shown.stream().map(FewShotRow::condition).toList());
        CategoryDataset ds = ((CategoryPlot) FewShotCharts.chart("s.json", rows).getPlot()).getDataset();
        assertEquals(List.of("no test-time training", "self-edits of tiny", "config: aug b",
                org.sealworkbench.seal.arc.ArcTable.ORACLE), ds.getColumnKeys());
        assertEquals(List.of("tiny @ abc", "big @ abc"), ds.getRowKeys());
        assertEquals(25.0, ds.getValue("tiny @ abc", "config: aug b").doubleValue(), 1e-12);
        assertEquals(100.0, ds.getValue("big @ abc", "config: aug b").doubleValue(), 1e-12);
        assertEquals(0.0, ds.getValue("tiny @ abc", "no test-time training").doubleValue(), 1e-12, "s.json's, not other.json's 100");
        assertEquals(null, ds.getValue("big @ abc", "no test-time training"));
    }
}
