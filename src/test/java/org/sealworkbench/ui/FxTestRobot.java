package org.sealworkbench.ui;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import org.hamcrest.Matcher;
import org.testfx.api.FxRobot;
import org.testfx.robot.Motion;
import org.testfx.service.query.NodeQuery;
import org.testfx.service.query.PointQuery;
import org.testfx.util.WaitForAsyncUtils;
import javafx.scene.input.MouseButton;

/**
 * TestFX's robot with its node lookups walked on the JavaFX thread. FxRobot walks the scene graph on the test's own
 * thread, eagerly, while the FX thread may be adding rows or cells to it: in CI a lookup met a child list in the middle
 * of a change and threw a NullPointerException from {@code Parent.lookupAll} (ChartsViewFxTest, a table filling). Every
 * {@code lookup(...)} here, and every {@code clickOn/moveTo(query)}, which go through these, reads the graph on the FX
 * thread instead; the query they return holds the nodes found and is read on the test's thread as before. A click by
 * query is tried again once where its node left the scene in between. Where a node is on the screen (for every click,
 * move or drag on it) is worked out on the FX thread too. Loading it keeps JavaFX's glyph layout from being
 * shared between threads ({@link GlyphLayoutRace}).
 */
public class FxTestRobot extends FxRobot {
    static {
        // Before any test lays out text: the FX and render threads must not share JavaFX's glyph layout.
        GlyphLayoutRace.prevent();
    }

    @Override
    public NodeQuery lookup(String query) {
        return onFx(() -> super.lookup(query));
    }

    @Override
    public <T extends Node> NodeQuery lookup(Matcher<T> matcher) {
        return onFx(() -> super.lookup(matcher));
    }

    @Override
    public <T extends Node> NodeQuery lookup(Predicate<T> predicate) {
        return onFx(() -> super.lookup(predicate));
    }

    /**
     * Clicks what the query finds; once more, found again, where the node found left the scene before the pointer got to
     * it (a table's cells made again when its rows came from a read: TestFX then meets the node's null scene while working
     * out where it is on the screen, before any button is pressed). A query that finds nothing still fails.
     */
    @Override
    public FxRobot clickOn(String query, Motion motion, MouseButton... buttons) {
        try {
            return super.clickOn(query, motion, buttons);
        } catch (NullPointerException leftTheScene) {
            WaitForAsyncUtils.waitForFxEvents();
            return super.clickOn(query, motion, buttons);
        }
    }

    /**
     * Where on the screen a node is, worked out on the FX thread: every click, move or drag on a node asks this (often
     * several times along the pointer's way), and TestFX reads the node's bounds on the test's thread, which can lay out
     * its text while the FX thread lays out others.
     */
    @Override
    public PointQuery point(Node node) {
        return new OnFx(onFx(() -> super.point(node)));
    }

    /** A point query whose answer is read on the FX thread. */
    private record OnFx(PointQuery inner) implements PointQuery {
        @Override
        public Point2D getPosition() {
            return inner.getPosition();
        }

        @Override
        public Point2D getOffset() {
            return inner.getOffset();
        }

        @Override
        public PointQuery atPosition(Point2D position) {
            return new OnFx(inner.atPosition(position));
        }

        @Override
        public PointQuery atPosition(double x, double y) {
            return new OnFx(inner.atPosition(x, y));
        }

        @Override
        public PointQuery atPosition(Pos position) {
            return new OnFx(inner.atPosition(position));
        }

        @Override
        public PointQuery atOffset(Point2D offset) {
            return new OnFx(inner.atOffset(offset));
        }

        @Override
        public PointQuery atOffset(double x, double y) {
            return new OnFx(inner.atOffset(x, y));
        }

        @Override
        public Point2D query() {
            return onFx(inner::query);
        }

        @Override
        public PointQuery onNode(Node node) {
            return new OnFx(inner.onNode(node));
        }

        @Override
        public Optional<Motion> queryMotion() {
            return inner.queryMotion();
        }
    }

    private static <T> T onFx(Callable<T> lookup) {
        try {
            if (Platform.isFxApplicationThread()) return lookup.call();
            CompletableFuture<T> found = new CompletableFuture<>();
            Platform.runLater(() -> {
                try {
                    found.complete(lookup.call());
                } catch (Throwable t) {
                    found.completeExceptionally(t);
                }
            });
            return found.get(60, TimeUnit.SECONDS);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException("a node lookup or a node's bounds on the FX thread did not finish", e);
        }
    }
}
