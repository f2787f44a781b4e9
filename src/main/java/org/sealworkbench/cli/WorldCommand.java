package org.sealworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sealworkbench.data.world.Part;
import org.sealworkbench.data.world.World;
import org.sealworkbench.data.world.WorldGenerator;
import org.sealworkbench.data.world.WorldSpec;
import org.sealworkbench.seal.pretrain.CorpusStats;
import org.sealworkbench.seal.pretrain.WorldFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "world", mixinStandardHelpOptions = true,
        description = "Generate the fictional world seal-tiny learns: SEAL JSON passages per part (pretrain, rl-train, "
                + "validation), the pretraining corpus and its statistics.")
final class WorldCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seed", required = true, paramLabel = "S", description = "Seed; the same seed gives the same files.")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write into (files replaced).")
    Path out;

    @Mixin
    CorpusOptions corpus;

    @Override
    public Integer call() throws Exception {
        World world = WorldGenerator.generate(WorldSpec.of(seed, corpus.entities));
        CorpusStats s = WorldFiles.write(world, corpus.corpusSpec(), out);
        PrintWriter o = spec.commandLine().getOut();
        o.printf("World of seed %d: %d entities (", seed, world.entities().size());
        String sep = "";
        for (Part p : Part.values()) {
            o.printf("%s%d %s", sep, s.entitiesPerPart().get(p.label()), p.label());
            sep = ", ";
        }
        o.printf(")%nCorpus: %d documents, %,d characters, about %,d tokens%n", s.documents(), s.characters(), s.estimatedTokens());
        for (Map.Entry<String, Integer> e : s.documentsPerKind().entrySet()) {
            o.printf("  %-15s %6d documents %,11d characters%n", e.getKey(), e.getValue(), s.charactersPerKind().get(e.getKey()));
        }
        o.printf("Wrote %s%n", out);
        o.flush();
        return 0;
    }
}
