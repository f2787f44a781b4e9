package org.sealworkbench.ui;

/**
 * The main window's first size on a screen (pure, so it is tested without one).
 *
 * <p>The remembered (or default) size is the window's <em>content</em>: the window manager adds its title bar and
 * borders around it. Sizing the content to the whole screen therefore put the status bar below the bottom of a
 * 1280x800 screen under metacity (session 22). So:
 * <ol>
 *   <li>the content never asks for more than the screen's visual bounds less {@link #FRAME_WIDTH} x
 *       {@link #FRAME_HEIGHT} for the frame, and never less than the window's minimum;</li>
 *   <li>the window opens maximised when it was maximised when it last closed, or when the size asked for does not
 *       fit beside a frame (a first start on a laptop screen asks for 1400x900): the window manager then fits the
 *       frame and the content to the screen, as a desktop application is expected to open on a small screen.</li>
 * </ol>
 */
public record WindowPlacement(double width, double height, boolean maximized) {
    /** Room left for a window manager's borders, left and right together. */
    static final double FRAME_WIDTH = 16;
    /** Room left for a title bar and the bottom border (metacity's title bar is 37 px). */
    static final double FRAME_HEIGHT = 48;
    /** The smallest content the window allows (its stage's minimum). */
    static final double MIN_WIDTH = 800, MIN_HEIGHT = 500;

    /**
     * @param askedWidth       the remembered or default content width
     * @param askedHeight      the remembered or default content height
     * @param wasMaximized     whether the window was maximised when it last closed
     * @param screenWidth      the screen's visual bounds (without task bars)
     * @param screenHeight     the screen's visual bounds
     * @param framed           whether a window manager draws a frame: not on Monocle, the headless platform of the
     *                         tests, whose windows are their content, fitted to the screen and never maximised (a
     *                         maximised stage stays so for the next test that shows a scene of its own in it)
     */
    public static WindowPlacement of(double askedWidth, double askedHeight, boolean wasMaximized,
                                     double screenWidth, double screenHeight, boolean framed) {
        double roomW = screenWidth - (framed ? FRAME_WIDTH : 0), roomH = screenHeight - (framed ? FRAME_HEIGHT : 0);
        boolean tooBig = askedWidth > roomW || askedHeight > roomH;
        double w = Math.max(Math.min(askedWidth, roomW), Math.min(MIN_WIDTH, screenWidth));
        double h = Math.max(Math.min(askedHeight, roomH), Math.min(MIN_HEIGHT, screenHeight));
        return new WindowPlacement(w, h, framed && (wasMaximized || tooBig));
    }
}
