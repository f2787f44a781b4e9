package org.sealworkbench.ui.charts;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.svg.SVGGraphics2D;
import org.junit.jupiter.api.Test;
import org.sealworkbench.jobs.charts.ChartsData.ConditionBar;

/**
 * The Conditions chart's groups ("grader @ settings digest") read whole in a narrow category: four groups at the Charts
 * tab's width at 1280x800 drew each as "contains…", which named no settings at all; and its accuracy axis's name fits the
 * chart's height there ("macro accuracy (%), 95% CI" was cut).
 */
class ConditionsLabelsTest {
    @Test
    void fourGroupsAtThe1280TabsWidthNameTheirGraderAndDigestWhole() {
        List<String> groups = List.of("contains|9eeed9f96f1d", "human:annotator|9eeed9f96f1d", "contains|c2133f40a8f5",
                "contains|6a5c632c5dc9");
        List<ConditionBar> bars = new ArrayList<>();
        for (String g : groups) {
            String[] gd = g.split("\\|");
            for (String c : List.of("no adaptation", "passage only", "self-edits of seal-tiny", "RL round 1: no adaptation",
                    "RL round 1: self-edits", "RL round 2: no adaptation", "RL round 2: self-edits", "RL round 3: no adaptation",
                    "RL round 3: self-edits")) {
                bars.add(new ConditionBar(c, gd[0], gd[1], 0.2, 0.1, 0.3, 0.2, 100, 480));
            }
        }
        JFreeChart chart = ChartFactory.conditions(bars);
        // the chart's size in the Charts tab at 1280x800 with nine conditions, as on the workspace that showed "contains…"
        SVGGraphics2D g2 = new SVGGraphics2D(990, 260);
        chart.draw(g2, new Rectangle(0, 0, 990, 260));
        String svg = g2.getSVGElement();
        for (String d : List.of("9eeed9f96f1d", "c2133f40a8f5", "6a5c632c5dc9", "human:annotator")) {
            assertTrue(svg.contains(d), d + " is not drawn whole");
        }
        // the accuracy axis's name fits along the chart's own height (it was drawn cut at this size)
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = new BufferedImage(990, 260, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        chart.draw(g, new Rectangle(0, 0, 990, 260), info);
        ValueAxis range = chart.getCategoryPlot().getRangeAxis();
        double along = g.getFontMetrics(range.getLabelFont()).stringWidth(range.getLabel());
        g.dispose();
        // drawn centred on the plot's height: its top end must stay inside the chart
        double top = info.getPlotInfo().getDataArea().getCenterY() - along / 2;
        assertTrue(top >= info.getChartArea().getMinY(),
                "'" + range.getLabel() + "' (" + along + " px) starts " + top + " px from the chart's top");
    }
}
