package org.sealworkbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sealworkbench.ui.annotate.AnnotationApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "annotate-window", mixinStandardHelpOptions = true,
        description = "Open the annotation screen alone in a window, on a workspace (pairwise judging of self-edits).")
final class AnnotateWindowCommand implements Callable<Integer> {
    @Option(names = "--workspace", required = true, paramLabel = "DIR", description = "Workspace folder.")
    Path workspace;

    @Override
    public Integer call() {
        AnnotationApp.launch(workspace);
        return 0;
    }
}
