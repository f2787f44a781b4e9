package org.sealworkbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sealworkbench.seal.pretrain.ModelCard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "model-card", mixinStandardHelpOptions = true,
        description = "Rewrite MODEL_CARD.md of a `seal pretrain` folder from its files (settings, training summary, corpus "
                + "statistics, eval-results.json, MODEL_NOTES.md), e.g. after editing the notes.")
final class ModelCardCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The pretrain folder.")
    Path model;

    @Override
    public Integer call() throws Exception {
        ModelCard.write(model);
        spec.commandLine().getOut().printf("Wrote %s%n", model.resolve(ModelCard.FILE));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
