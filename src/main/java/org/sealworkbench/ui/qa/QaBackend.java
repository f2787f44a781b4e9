package org.sealworkbench.ui.qa;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.sealworkbench.jobs.qa.QaCsv;
import org.sealworkbench.jobs.qa.QaRow;
import org.sealworkbench.jobs.qa.QaRun;
import org.sealworkbench.jobs.qa.QaService;
import org.sealworkbench.jobs.qa.QaTable;

/** What the QA view model needs of a workspace; every method may block on the database (call off the FX thread). */
public interface QaBackend {
    List<QaRun> runs(long passageId);

    QaTable table(long passageId, long runId);

    /** Stores a person's verdict on an answer beside the automatic grades. */
    void overrule(long answerId, boolean correct, String note);

    void exportCsv(QaTable table, List<QaRow> rows, Path file) throws IOException;

    /** The backend over a workspace's service; overrulings are stored as {@code human:ANNOTATOR}. */
    static QaBackend of(QaService service, String annotator) {
        return of(() -> service, annotator);
    }

    /** As {@link #of(QaService, String)}, the service got at each call (e.g. opened at the first, off the FX thread). */
    static QaBackend of(java.util.function.Supplier<QaService> services, String annotator) {
        return new QaBackend() {
            public List<QaRun> runs(long passageId) {
                return services.get().runs(passageId);
            }

            public QaTable table(long passageId, long runId) {
                return services.get().table(passageId, runId);
            }

            public void overrule(long answerId, boolean correct, String note) {
                services.get().overrule(answerId, annotator, correct, note);
            }

            public void exportCsv(QaTable table, List<QaRow> rows, Path file) throws IOException {
                QaCsv.write(table, rows, file);
            }
        };
    }
}
