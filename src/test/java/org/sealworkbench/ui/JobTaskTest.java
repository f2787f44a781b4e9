package org.sealworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.concurrent.Worker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JobTaskTest {
    @BeforeAll
    static void fx() {
        FxThread.start();
    }

    @Test
    void progressAndMessageReachTheTaskAndTheResultIsReturned() throws Exception {
        CountDownLatch reported = new CountDownLatch(1), release = new CountDownLatch(1);
        JobTask<String> task = FxThread.call(() -> new JobTask<>("Counting", (p, c) -> {
            p.update(1, 4, "a quarter");
            reported.countDown();
            release.await(30, TimeUnit.SECONDS);
            p.update(0, -1, "finishing");
            return "done";
        }));
        Thread t = new Thread(task);
        t.start();
        assertTrue(reported.await(30, TimeUnit.SECONDS));
        FxThread.await("progress", () -> task.getProgress() == 0.25 && "a quarter".equals(task.getMessage()));
        assertEquals("Counting", FxThread.call(task::getTitle));
        release.countDown();
        FxThread.await("succeeded", () -> task.getState() == Worker.State.SUCCEEDED);
        assertEquals("done", FxThread.call(task::getValue));
        t.join();
    }

    @Test
    void whenEndedHearsEachEndStateOnceAndNothingBefore() throws Exception {
        java.util.List<Worker.State> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        JobTask<String> ok = FxThread.call(() -> new JobTask<>("ok", (p, c) -> {
            release.await(30, TimeUnit.SECONDS);
            return "done";
        }));
        JobTask<String> bad = FxThread.call(() -> new JobTask<>("bad", (p, c) -> {
            throw new IllegalStateException("no");
        }));
        FxThread.run(() -> {
            ok.whenEnded(heard::add);
            bad.whenEnded(heard::add);
        });
        Thread t = new Thread(ok);
        t.start();
        FxThread.await("running", () -> ok.getState() == Worker.State.RUNNING);
        assertEquals(java.util.List.of(), heard, "scheduled and running are not ends");
        release.countDown();
        FxThread.await("succeeded", () -> heard.size() == 1);
        new Thread(bad).start();
        FxThread.await("failed", () -> heard.size() == 2);
        assertEquals(java.util.List.of(Worker.State.SUCCEEDED, Worker.State.FAILED), heard);
        t.join();
    }

    /**
     * follow: running while the job runs, its progress and messages shown, then at its end the progress kept, running off,
     * and the end heard once, after running turned off; a message the job wrote is not put over what the end says.
     */
    @Test
    void followShowsTheJobInAWindowsStateAndHearsItsEndAfterRunningTurnsOff() throws Exception {
        javafx.beans.property.BooleanProperty running = new javafx.beans.property.SimpleBooleanProperty();
        javafx.beans.property.DoubleProperty progress = new javafx.beans.property.SimpleDoubleProperty();
        javafx.beans.property.StringProperty status = new javafx.beans.property.SimpleStringProperty("");
        java.util.List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch half = new CountDownLatch(1), release = new CountDownLatch(1);
        JobTask<String> job = FxThread.call(() -> new JobTask<>("job", (p, c) -> {
            p.update(1, 4, "step 1 of 4");
            half.countDown();
            release.await(30, TimeUnit.SECONDS);
            p.update(3, 4, "step 3 of 4");
            return "done";
        }));
        FxThread.run(() -> job.follow(running, progress, status, s -> {
            heard.add(s + " running=" + running.get() + " progress=" + progress.get() + " bound=" + progress.isBound());
            status.set("Done.");
        }));
        assertTrue(FxThread.call(running::get), "running from the start");
        Thread t = new Thread(job);
        t.start();
        assertTrue(half.await(30, TimeUnit.SECONDS));
        FxThread.await("the first step shown", () -> "step 1 of 4".equals(status.get()) && progress.get() == 0.25);
        assertEquals(java.util.List.of(), heard);
        release.countDown();
        FxThread.await("ended", () -> !heard.isEmpty());
        assertEquals(java.util.List.of("SUCCEEDED running=false progress=0.75 bound=false"), heard);
        assertEquals("Done.", FxThread.call(status::get));
        FxThread.run(() -> progress.set(1));   // unbound: the view model may say it finished
        t.join();
    }

    @Test
    void aNoteIsKeptAfterLaterMessagesAndTheRunnerNamesItsJob() throws Exception {
        JobRunner runner = new JobRunner();
        try {
            JobTask<String> task = FxThread.call(() -> new JobTask<>("Fine-tune & evaluate: column 1", (p, c) -> {
                p.update(0, 4, "inner loop 1 of 4");
                p.update(0, 4, org.sealworkbench.util.Progress.NOTE + "8 inner loops at once to fit memory");
                p.update(2, 4, "inner loop 3 of 4");
                return "done";
            }));
            FxThread.run(() -> runner.submit(task));
            FxThread.await("succeeded", () -> task.getState() == Worker.State.SUCCEEDED);
            FxThread.await("note", () -> task.noteProperty().get() != null && runner.lastNoteProperty().get() != null);
            assertEquals("8 inner loops at once to fit memory", FxThread.call(() -> task.noteProperty().get()));
            assertEquals("inner loop 3 of 4", FxThread.call(task::getMessage), "the note passed through the message and was replaced there");
            assertEquals("Fine-tune & evaluate: column 1: 8 inner loops at once to fit memory", FxThread.call(() -> runner.lastNoteProperty().get()));
        } finally {
            runner.close();
        }
    }

    @Test
    void aJobWithoutNotesHasNone() throws Exception {
        JobTask<String> task = FxThread.call(() -> new JobTask<>("Quiet", (p, c) -> {
            p.update(1, 1, "all done");
            return "done";
        }));
        task.run();
        FxThread.await("succeeded", () -> task.getState() == Worker.State.SUCCEEDED);
        assertEquals(null, FxThread.call(() -> task.noteProperty().get()));
    }

    @Test
    void cancelFlipsTheTokenAndTheTaskEndsCancelledOnlyAfterTheJobStopped() throws Exception {
        CountDownLatch running = new CountDownLatch(1), stopped = new CountDownLatch(1);
        JobTask<Void> task = FxThread.call(() -> new JobTask<>("Looping", (p, c) -> {
            running.countDown();
            try {
                while (true) {
                    c.throwIfCancelled();
                    Thread.sleep(5);
                }
            } finally {
                stopped.countDown();
            }
        }));
        Thread t = new Thread(task);
        t.start();
        assertTrue(running.await(30, TimeUnit.SECONDS));
        FxThread.run(task::cancel);
        assertTrue(task.token().isCancelled());
        FxThread.await("cancelled", () -> task.getState() == Worker.State.CANCELLED);
        assertEquals(0, stopped.getCount(), "CANCELLED before the job had stopped");
        t.join();
    }

    @Test
    void cancellingBeforeStartNeverRunsTheJob() throws Exception {
        boolean[] ran = {false};
        JobTask<Void> task = FxThread.call(() -> new JobTask<>("Never", (p, c) -> {
            ran[0] = true;
            return null;
        }));
        FxThread.run(task::cancel);
        task.run();
        FxThread.await("cancelled", () -> task.getState() == Worker.State.CANCELLED);
        assertTrue(!ran[0]);
    }
}
