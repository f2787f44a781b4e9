package org.sealworkbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sealworkbench.ui.charts.ChartsApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "charts-window", mixinStandardHelpOptions = true,
        description = "Open the charts view alone in a window, on a workspace (SEAL's conditions with CIs, loss curves, runs).")
final class ChartsWindowCommand implements Callable<Integer> {
    @Option(names = "--workspace", required = true, paramLabel = "DIR", description = "Workspace folder.")
    Path workspace;

    @Override
    public Integer call() {
        ChartsApp.launch(workspace);
        return 0;
    }
}
