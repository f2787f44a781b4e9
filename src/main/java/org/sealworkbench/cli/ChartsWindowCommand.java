package org.sealworkbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sealworkbench.ui.charts.ChartsApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "charts-window", mixinStandardHelpOptions = true,
        description = "Open the charts view alone in a window, on a workspace (SEAL's conditions with CIs, RL rewards, loss curves, per-passage gain, diversity, runs).")
final class ChartsWindowCommand implements Callable<Integer> {
    @Option(names = "--workspace", required = true, paramLabel = "DIR", description = "Workspace folder.")
    Path workspace;

    @Option(names = "--theme", paramLabel = "light|dark", defaultValue = "light",
            description = "Colours of the window and its charts (default: ${DEFAULT-VALUE}).")
    String theme;

    @Override
    public Integer call() {
        if (!theme.equalsIgnoreCase("light") && !theme.equalsIgnoreCase("dark")) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--theme must be light or dark, got '" + theme + "'");
        }
        ChartsApp.launch(workspace, theme);
        return 0;
    }
}
