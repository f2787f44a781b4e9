package org.sealworkbench.ui.charts;

import java.awt.Rectangle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/** Writes a chart as PNG or SVG (JFreeSVG) and its data as CSV; each file goes to a temporary file first, then moves. */
public final class ChartExport {
    private ChartExport() {}

    public static void png(JFreeChart chart, Path file, int width, int height) {
        write(file, tmp -> ChartUtils.saveChartAsPNG(tmp.toFile(), chart, width, height));
    }

    public static void svg(JFreeChart chart, Path file, int width, int height) {
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        chart.draw(g2, new Rectangle(0, 0, width, height));
        String svg = g2.getSVGDocument();
        write(file, tmp -> Files.writeString(tmp, svg, StandardCharsets.UTF_8));
    }

    public static void csv(String csv, Path file) {
        write(file, tmp -> Files.writeString(tmp, csv, StandardCharsets.UTF_8));
    }

    private interface Writer {
        void to(Path tmp) throws IOException;
    }

    private static void write(Path file, Writer w) {
        Path abs = file.toAbsolutePath();
        try {
            Files.createDirectories(abs.getParent());
            Path tmp = Files.createTempFile(abs.getParent(), abs.getFileName().toString(), ".part");
            try {
                w.to(tmp);
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + abs + ": " + e.getMessage(), e);
        }
    }
}
