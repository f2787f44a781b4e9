package org.sealworkbench.ui;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps two threads from ever sharing JavaFX's one reusable glyph layout, which crashes the process on Linux.
 *
 * <p>The bug (OpenJFX 21, {@code com.sun.javafx.text.GlyphLayout} and its Linux subclass
 * {@code com.sun.javafx.font.freetype.PangoGlyphLayout}): {@code GlyphLayout.getInstance()} hands out one shared
 * instance to whoever asks while it is free, and a new one otherwise. {@code PangoGlyphLayout.dispose()} first marks the
 * shared instance free and only then frees the UTF-8 strings it kept for Pango. When two threads lay out text that needs
 * shaping (Devanagari, Arabic, combining marks, ...), the second can take the shared instance and add strings while the
 * first is still freeing them: a {@code ConcurrentModificationException}, a hang, or "malloc(): unaligned tcache chunk
 * detected" and the JVM aborts. In the workbench the threads are the FX thread, the render thread (drawing a chart
 * canvas's text) and, in tests, the test's own thread (TestFX measuring a node); a test JVM died of it several times
 * ("ConcurrentModificationException at PangoGlyphLayout.dispose" on the render thread, then "malloc(): smallbin double
 * linked list corrupted"). Measured with two threads laying out Devanagari text as fast as they could (a throwaway
 * probe, session 25): without this guard each of seven tries (4 to 15 s) aborted, hung or threw; with it, 8 of 10 4-second tries ran clean
 * and 2 hung inside Pango itself ({@code pango_itemize} on both threads: JavaFX shares one Pango font map between
 * threads, which no guard from outside can fix; the window lays text out on the FX and render threads only, which
 * overlap far less than that probe's two threads).
 *
 * <p>The guard takes the shared instance once and never gives it back, so every later layout gets a fresh instance of
 * its own (one small object per shaped run; the shared one only saved that allocation). Written by hand because no
 * library works around a bug inside JavaFX; the classes are JavaFX's own and not exported, so they are reached by
 * reflection, and where that fails (a JavaFX that loads as a named module, a future JavaFX without the class) the guard
 * logs why and the program runs as it would have without it.
 */
public final class GlyphLayoutRace {
    private static final Logger LOG = Logger.getLogger(GlyphLayoutRace.class.getName());
    private static volatile Object pinned;

    private GlyphLayoutRace() {
    }

    /**
     * Takes JavaFX's shared glyph layout for good (once per process; later calls do nothing). Call before the first
     * text is laid out; it does not need the FX toolkit to be running. Returns whether the shared layout is held.
     */
    public static synchronized boolean prevent() {
        if (pinned != null) return true;
        try {
            pinned = Class.forName("com.sun.javafx.text.GlyphLayout").getMethod("getInstance").invoke(null);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "could not take JavaFX's shared glyph layout (the window still runs, but two threads "
                    + "laying out complex text at once can crash it): " + e, e);
            return false;
        }
    }
}
