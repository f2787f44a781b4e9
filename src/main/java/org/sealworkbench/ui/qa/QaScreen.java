package org.sealworkbench.ui.qa;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import org.sealworkbench.jobs.qa.QaService;

/**
 * Builds the QA results view in one call, for the "Runs & QA" tab:
 * {@code QaScreen qa = QaScreen.create(QaService.open(workspaceDir), user); tab.setContent(qa.view()); qa.show(passageId);}
 *
 * <p>Its reads and writes run on a thread of their own rather than on the window's job runner: they take milliseconds,
 * and behind the runner they would wait for a whole evaluation to finish. Close it with the workspace.
 */
public final class QaScreen implements AutoCloseable {
    private final QaService service;
    private final ExecutorService executor;
    private final QaViewModel viewModel;
    private final QaView view;

    private QaScreen(QaService service, ExecutorService executor) {
        this.service = service;
        this.executor = executor;
        this.viewModel = new QaViewModel(QaBackend.of(service, annotator()), executor, Platform::runLater);
        this.view = new QaView(viewModel);
    }

    /** Call on the FX thread; the screen owns the service and closes it. */
    public static QaScreen create(QaService service) {
        ExecutorService ex = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "seal-qa");
            t.setDaemon(true);
            return t;
        });
        return new QaScreen(service, ex);
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
        service.close();
    }
}
