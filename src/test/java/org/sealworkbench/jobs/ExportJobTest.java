package org.sealworkbench.jobs;

import org.sealworkbench.util.Progress;
import org.sealworkbench.util.CancelToken;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sealworkbench.data.Format;
import org.sealworkbench.store.ExperimentLog;

class ExportJobTest {
    @TempDir
    Path tmp;

    @Test
    void exportThenImportReproducesTheWorkspace() {
        for (Format format : new Format[] {Format.SEAL_JSON, Format.JSONL}) {
            Path a = tmp.resolve("a-" + format.cliName());
            Path b = tmp.resolve("b-" + format.cliName());
            Path passages = tmp.resolve("passages." + format.cliName());
            Path edits = tmp.resolve("edits." + format.cliName());
            try (ExperimentLog src = ExperimentLog.open(a); ExperimentLog dst = ExperimentLog.open(b)) {
                new ImportJob(ImportJobTest.SAMPLE, src).run(Progress.none(), new CancelToken());
                new ImportJob(ImportJobTest.SAMPLE_EDITS, src).run(Progress.none(), new CancelToken());

                ExportJob.Report r = new ExportJob(src, passages, format, ExportJob.What.PASSAGES)
                        .run(Progress.none(), new CancelToken());
                assertEquals(12, r.records());
                ExportJob.Report s = new ExportJob(src, edits, format, ExportJob.What.SELF_EDITS)
                        .run(Progress.none(), new CancelToken());
                assertEquals(2, s.records());
                assertEquals(5, s.selfEdits());

                ImportReport ip = new ImportJob(passages, dst).run(Progress.none(), new CancelToken());
                assertEquals(format.cliName(), ip.format());
                ImportReport ie = new ImportJob(edits, dst).run(Progress.none(), new CancelToken());
                assertEquals(5, ie.selfEdits());
                assertEquals(src.passages(), dst.passages());
                for (var p : src.passages()) {
                    assertEquals(src.passageData(p.id()), dst.passageData(p.id()));
                    assertEquals(src.selfEdits(p.id()).stream().map(e -> e.text()).toList(),
                            dst.selfEdits(p.id()).stream().map(e -> e.text()).toList());
                }
            }
        }
    }

    @Test
    void cancelledExportLeavesNoFile() throws java.io.IOException {
        Path out = tmp.resolve("out.json");
        try (ExperimentLog log = ExperimentLog.open(tmp.resolve("ws"))) {
            new ImportJob(ImportJobTest.SAMPLE, log).run(Progress.none(), new CancelToken());
            CancelToken token = new CancelToken();
            token.cancel();
            assertThrows(JobCancelledException.class,
                    () -> new ExportJob(log, out, Format.SEAL_JSON, ExportJob.What.PASSAGES).run(Progress.none(), token));
            assertFalse(Files.exists(out));
        }
        try (var files = Files.list(tmp)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")));
        }
    }
}
