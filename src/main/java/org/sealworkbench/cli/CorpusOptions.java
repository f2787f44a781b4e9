package org.sealworkbench.cli;

import org.sealworkbench.data.world.WorldSpec;
import org.sealworkbench.seal.pretrain.CorpusSpec;
import picocli.CommandLine.Option;

/** The world's size and the pretraining corpus's mix, shared by `world` and `pretrain` (a picocli mixin). */
final class CorpusOptions {
    @Option(names = "--entities", paramLabel = "N", description = "Entities in the world (default: ${DEFAULT-VALUE}).")
    int entities = WorldSpec.DEFAULT_ENTITIES;

    @Option(names = "--renderings", paramLabel = "K", description = "Phrasings of each pretraining passage in the corpus (default: ${DEFAULT-VALUE}).")
    int renderings = CorpusSpec.DEFAULT.renderings();

    @Option(names = "--questions-per-fact", paramLabel = "K", description = "Closed-book QA documents per fact (default: ${DEFAULT-VALUE}).")
    int questionsPerFact = CorpusSpec.DEFAULT.questionsPerFact();

    @Option(names = "--restatements-per-fact", paramLabel = "K", description = "Restatement documents per fact (default: ${DEFAULT-VALUE}).")
    int restatementsPerFact = CorpusSpec.DEFAULT.restatementsPerFact();

    @Option(names = "--self-edit-demos", paramLabel = "K", description = "Self-edit demonstrations per entity (default: ${DEFAULT-VALUE}).")
    int selfEditDemos = CorpusSpec.DEFAULT.selfEditDemos();

    @Option(names = "--readings", paramLabel = "K", description = "Reading-comprehension documents (passage, then questions on it) per entity (default: ${DEFAULT-VALUE}).")
    int readings = CorpusSpec.DEFAULT.readings();

    @Option(names = "--fresh-entities", paramLabel = "N", description = "Entities of a second world written once each (a reading and a self-edit demo), to teach copying from context (default: ${DEFAULT-VALUE}).")
    int freshEntities = CorpusSpec.DEFAULT.freshEntities();

    @Option(names = "--copy-docs", paramLabel = "N", description = "Rewrite demonstrations (the passage copied verbatim, then with full names) about entities of a third world, to teach copying early (default: ${DEFAULT-VALUE}).")
    int copyDocs = CorpusSpec.DEFAULT.copyDocs();

    @Option(names = "--copy-drills", paramLabel = "N", description = "Copy drills (a list of names and values of a fourth world, then the same list again): the densest copying signal (default: ${DEFAULT-VALUE}).")
    int copyDrills = CorpusSpec.DEFAULT.copyDrills();

    @Option(names = "--self-qa-share", paramLabel = "X", description = "Share of self-edit demonstrations written in SEAL's self-qa format (question-answer pairs) instead of implications, 0 to 1 (default: ${DEFAULT-VALUE}).")
    double selfQaShare = CorpusSpec.DEFAULT.selfQaShare();

    CorpusSpec corpusSpec() {
        return new CorpusSpec(renderings, questionsPerFact, restatementsPerFact, selfEditDemos, readings, freshEntities, copyDocs, copyDrills, selfQaShare);
    }
}
