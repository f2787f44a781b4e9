package org.sealworkbench.seal.pretrain;

/**
 * How much of each kind of document to write per pretraining entity.
 *
 * @param renderings         differently phrased passages per entity
 * @param questionsPerFact   closed-book QA documents per fact, each with a different question template
 * @param restatementsPerFact restatement documents per fact
 * @param selfEditDemos      self-edit demonstrations per entity
 * @param readings           reading-comprehension documents per entity (a phrasing of the passage, then questions
 *                           about it with answers)
 * @param freshEntities      entities of a second, unrelated world, each written once as a reading document and once
 *                           as a self-edit demonstration and nowhere else: the model cannot know them, so the only
 *                           way to predict those answers and implications is to copy them from the passage in
 *                           context, which is the skill SEAL's self-edits and the in-context condition need
 * @param copyDocs           rewrite demonstrations (SEAL's rewrite prompt answered with the passage verbatim and in
 *                           its explicit-name form) about entities of a third world: dense exact copying
 * @param copyDrills         copy drills: a list of names and values of a fourth world, then the same list again, so
 *                           that every token of the second half can only be predicted by copying (the densest signal
 *                           for the attention heads that copy, which the world's memorisable text barely rewards)
 * @param selfQaShare        the share of self-edit demonstrations (of pretraining and fresh entities alike) written in
 *                           SEAL's self-qa format (question-answer pairs) instead of the implications format, 0 to 1
 */
public record CorpusSpec(int renderings, int questionsPerFact, int restatementsPerFact, int selfEditDemos, int readings,
                         int freshEntities, int copyDocs, int copyDrills, double selfQaShare) {
    public static final CorpusSpec DEFAULT = new CorpusSpec(3, 2, 1, 1, 0, 0, 0, 0, 0.0);

    public CorpusSpec(int renderings, int questionsPerFact, int restatementsPerFact, int selfEditDemos, int readings,
                      int freshEntities, int copyDocs, int copyDrills) {
        this(renderings, questionsPerFact, restatementsPerFact, selfEditDemos, readings, freshEntities, copyDocs, copyDrills, 0.0);
    }

    public CorpusSpec(int renderings, int questionsPerFact, int restatementsPerFact, int selfEditDemos, int readings,
                      int freshEntities, int copyDocs) {
        this(renderings, questionsPerFact, restatementsPerFact, selfEditDemos, readings, freshEntities, copyDocs, 0);
    }

    public CorpusSpec(int renderings, int questionsPerFact, int restatementsPerFact, int selfEditDemos, int readings,
                      int freshEntities) {
        this(renderings, questionsPerFact, restatementsPerFact, selfEditDemos, readings, freshEntities, 0);
    }

    public CorpusSpec(int renderings, int questionsPerFact, int restatementsPerFact, int selfEditDemos) {
        this(renderings, questionsPerFact, restatementsPerFact, selfEditDemos, 0, 0);
    }

    public CorpusSpec(int renderings, int questionsPerFact, int restatementsPerFact, int selfEditDemos, int readings) {
        this(renderings, questionsPerFact, restatementsPerFact, selfEditDemos, readings, 0);
    }

    public CorpusSpec {
        if (renderings < 1 || questionsPerFact < 0 || restatementsPerFact < 0 || selfEditDemos < 0 || readings < 0 || freshEntities < 0 || copyDocs < 0 || copyDrills < 0) {
            throw new IllegalArgumentException("corpus spec needs at least one rendering and no negative counts");
        }
        if (!(selfQaShare >= 0 && selfQaShare <= 1)) {
            throw new IllegalArgumentException("the self-qa share of self-edit demonstrations must be between 0 and 1, not " + selfQaShare);
        }
    }
}
