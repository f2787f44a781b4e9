package org.sealworkbench.ui.charts;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.junit.jupiter.api.Test;
import org.sealworkbench.jobs.charts.ChartsData.ConditionBar;

/**
 * The Conditions chart's groups ("grader @ settings digest") read whole in a narrow category: four groups at the Charts
 * tab's width at 1280x800 drew each as "contains…", which named no settings at all.
 */
class ConditionsLabelsTest {
    @Test
    void fourGroupsAtThe1280TabsWidthNameTheirGraderAndDigestWhole() {
        List<String> groups = List.of("contains|9eeed9f96f1d", "human:annotator|9eeed9f96f1d", "contains|c2133f40a8f5",
                "contains|6a5c632c5dc9");
        List<ConditionBar> bars = new ArrayList<>();
        for (String g : groups) {
            String[] gd = g.split("\\|");
            for (String c : List.of("no adaptation", "passage only", "self-edits of seal-tiny")) {
                bars.add(new ConditionBar(c, gd[0], gd[1], 0.2, 0.1, 0.3, 0.2, 100, 480));
            }
        }
        JFreeChart chart = ChartFactory.conditions(bars);
        // the chart's size in the Charts tab at 1280x800 (the screenshot that showed "contains…")
        SVGGraphics2D g2 = new SVGGraphics2D(990, 260);
        chart.draw(g2, new Rectangle(0, 0, 990, 260));
        String svg = g2.getSVGElement();
        for (String d : List.of("9eeed9f96f1d", "c2133f40a8f5", "6a5c632c5dc9", "human:annotator")) {
            assertTrue(svg.contains(d), d + " is not drawn whole");
        }
    }
}
