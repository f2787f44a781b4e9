package org.sealworkbench.cli;

import org.sealworkbench.app.Offline;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `./seal` command line. Subcommands live one per file in this package. */
@Command(name = "seal", mixinStandardHelpOptions = true, version = "SEAL Workbench 0.1.0",
        description = "SEAL Workbench: self-edits, inner-loop fine-tuning and closed-book QA, from the command line.",
        subcommands = {CommandLine.HelpCommand.class, GuiCommand.class, ImportCommand.class, ExportCommand.class,
                InfoCommand.class, ReportCommand.class, ImportBenchCommand.class, LogitsCommand.class,
                GenerateCommand.class, FinetuneCommand.class, BenchCommand.class, MakeRandomModelCommand.class,
                DeviceCommand.class, WorldCommand.class, TrainTokenizerCommand.class, PretrainCommand.class,
                PretrainEvalCommand.class, WorldProbeCommand.class, ModelCardCommand.class, SelfEditsCommand.class, EvalCommand.class,
                RlCommand.class, ContinualCommand.class, ArcCommand.class, ArcRlCommand.class, ResumeCommand.class, RunsCommand.class, AnnotationsCommand.class, AnnotateWindowCommand.class, ChartsWindowCommand.class,
                PerplexityCommand.class})
public final class Main implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        Offline.enforce();
        org.sealworkbench.app.Logging.configureConsole();
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code; failures print one clear line on stderr. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            String msg = ex.getMessage() == null ? ex.toString() : ex.getMessage();
            cmd.getErr().println("seal " + cmd.getCommandName() + ": " + msg);
            if (System.getenv("SEAL_DEBUG") != null) ex.printStackTrace(cmd.getErr());
            return 1;
        });
        // A usage mistake gets one line naming the problem, not the whole help text.
        cl.setParameterExceptionHandler((ex, argv) -> {
            CommandLine cmd = ex.getCommandLine();
            String name = cmd.getParent() == null ? "seal" : "seal " + cmd.getCommandName();
            cmd.getErr().println(name + ": " + ex.getMessage() + " (see: " + name + " --help)");
            return 2;
        });
        try {
            return cl.execute(args);
        } finally {
            CancelOnInterrupt.reported(); // the outcome is printed: a Ctrl-C's handler may let the JVM halt now
        }
    }
}
