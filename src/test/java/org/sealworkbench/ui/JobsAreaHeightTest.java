package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The jobs area's height: a row per job up to three where the window is tall, fewer (the rest scroll) where three would
 * take more than a quarter of it. At 1280x800 three queued jobs took 208 px and left Runs & QA about one row of its table.
 */
class JobsAreaHeightTest {
    private static double rows(double px) {
        return (px - MainView.JOBS_PADDING) / MainView.JOB_ROW;
    }

    @Test
    void aTallWindowShowsUpToThreeJobs() {
        assertEquals(1, rows(MainView.jobsAreaHeight(1, 1200)));
        assertEquals(2, rows(MainView.jobsAreaHeight(2, 1200)));
        assertEquals(3, rows(MainView.jobsAreaHeight(3, 1200)));
        assertEquals(3, rows(MainView.jobsAreaHeight(7, 1200)), "more than three scroll");
    }

    @Test
    void a1600x1000WindowShowsThree() {
        assertEquals(3, rows(MainView.jobsAreaHeight(3, 960)));
    }

    @Test
    void a1280x800WindowGivesThreeJobsTwoRows() {
        // the window's content at 1280x800 is about 760 px tall
        assertEquals(2, rows(MainView.jobsAreaHeight(3, 760)));
        assertEquals(1, rows(MainView.jobsAreaHeight(1, 760)));
    }

    @Test
    void aVeryLowWindowStillShowsOneJob() {
        assertEquals(1, rows(MainView.jobsAreaHeight(3, 300)));
        assertEquals(1, rows(MainView.jobsAreaHeight(0, 300)), "the area is hidden with no jobs; its height stays a row");
    }
}
