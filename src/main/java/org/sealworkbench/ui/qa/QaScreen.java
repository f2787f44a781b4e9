package org.sealworkbench.ui.qa;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import org.sealworkbench.jobs.qa.QaService;

/**
 * Builds the QA results view in one call, for the "Runs & QA" tab:
 * {@code QaScreen qa = QaScreen.open(workspaceDir); tab.setContent(qa.view()); qa.show(passageId);}
 *
 * <p>Its reads and writes run on a thread of their own rather than on the window's job runner: they take milliseconds,
 * and behind the runner they would wait for a whole evaluation to finish. Close it with the workspace.
 */
public final class QaScreen implements AutoCloseable {
    private final Runnable closeService;
    private final ExecutorService executor;
    private final QaViewModel viewModel;
    private final QaView view;

    private QaScreen(java.util.function.Supplier<QaService> service, Runnable closeService, ExecutorService executor) {
        this.closeService = closeService;
        this.executor = executor;
        this.viewModel = new QaViewModel(QaBackend.of(service, annotator()), executor, Platform::runLater);
        this.view = new QaView(viewModel);
    }

    /**
     * The screen on a workspace folder, the log opened on the screen's reader thread at its first read (opening migrates
     * and checks the database, which is no work for the FX thread). Call on the FX thread; closing the screen closes it.
     */
    public static QaScreen open(java.nio.file.Path workspace) {
        return create(new LazyService(workspace));
    }

    /** Opens the workspace's service at the first call, on the thread that makes it. */
    private static final class LazyService implements java.util.function.Supplier<QaService>, AutoCloseable {
        private final java.nio.file.Path workspace;
        private QaService service;

        LazyService(java.nio.file.Path workspace) {
            this.workspace = workspace;
        }

        @Override
        public synchronized QaService get() {
            if (service == null) service = QaService.open(workspace);
            return service;
        }

        @Override
        public synchronized void close() {
            if (service != null) service.close();
        }
    }

    /** Call on the FX thread; the screen owns the service and closes it. */
    public static QaScreen create(QaService service) {
        return create(new java.util.function.Supplier<QaService>() {
            public QaService get() {
                return service;
            }
        }, service::close);
    }

    private static QaScreen create(LazyService lazy) {
        return create(lazy, lazy::close);
    }

    private static QaScreen create(java.util.function.Supplier<QaService> service, Runnable close) {
        ExecutorService ex = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "seal-qa");
            t.setDaemon(true);
            return t;
        });
        return new QaScreen(service, close, ex);
    }


    /** The person a verdict is stored under: the operating system's user name. */
    static String annotator() {
        String u = System.getProperty("user.name");
        return u == null || u.isBlank() ? "user" : u;
    }

    public QaView view() {
        return view;
    }

    public QaViewModel viewModel() {
        return viewModel;
    }

    public void show(long passageId) {
        viewModel.show(passageId);
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);   // let a running read finish
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeService.run();
    }
}
