package org.sealworkbench.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;

import org.junit.jupiter.api.Test;

/**
 * The layering of docs/architecture.md as a test, on the compiled main classes (what the byte code uses,
 * so a type reached through {@code var} or a call chain counts as much as an import):
 * {@code ui}, {@code cli} -> {@code jobs} -> {@code seal} -> {@code llm}, {@code data}, {@code store}; {@code app}
 * (process set-up) and {@code util} (seeds, folder trees) may be used by all, and {@code util} uses nothing of the project. Dependencies point down only (a layer may skip layers below it), there
 * are no cycles between top-level packages, and the engine's library (DJL) and the window's (JavaFX) stay in
 * their layers.
 */
class LayeringTest {
    private static final String ROOT = "org.sealworkbench";
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    private static String pkg(String name) {
        return ROOT + "." + name + "..";
    }

    @Test
    void dependenciesPointDownTheLayers() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("ui").definedBy(pkg("ui"))
                .layer("cli").definedBy(pkg("cli"))
                .layer("jobs").definedBy(pkg("jobs"))
                .layer("seal").definedBy(pkg("seal"))
                .layer("llm").definedBy(pkg("llm"))
                .layer("store").definedBy(pkg("store"))
                .layer("data").definedBy(pkg("data"))
                .layer("app").definedBy(pkg("app"))
                .layer("util").definedBy(pkg("util"))
                // cli's `gui` command launches the window; nothing else reaches ui
                .whereLayer("ui").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("jobs").mayOnlyBeAccessedByLayers("ui", "cli")
                .whereLayer("seal").mayOnlyBeAccessedByLayers("jobs", "ui", "cli")
                .whereLayer("llm").mayOnlyBeAccessedByLayers("seal", "jobs", "ui", "cli")
                .whereLayer("store").mayOnlyBeAccessedByLayers("seal", "jobs", "ui", "cli")
                .whereLayer("data").mayOnlyBeAccessedByLayers("store", "seal", "jobs", "ui", "cli")
                .check(main);
    }

    @Test
    void noCyclesBetweenTopLevelPackages() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void sealUsesNeitherJavaFxNorDjl() {
        noClasses().that().resideInAPackage(pkg("seal"))
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "ai.djl..")
                .because("the method runs the engine only through llm's own types, and knows nothing of the window")
                .check(main);
    }

    @Test
    void jobsAndCliUseNoDjl() {
        noClasses().that().resideInAnyPackage(pkg("jobs"), pkg("cli"))
                .should().dependOnClassesThat().resideInAPackage("ai.djl..")
                .because("device choice, weights and fine-tuning go through llm's API")
                .check(main);
    }

    /**
     * The source-level twin of the DJL rules: javac drops an unused import from the byte code, so the rules
     * above cannot see one; this reads the sources and names every {@code import ai.djl} above the engine.
     */
    @Test
    void noDjlImportInTheSourcesOfSealJobsCli() throws IOException {
        assertEquals(List.of(), djlImports("seal", "jobs", "cli"));
    }

    static List<String> djlImports(String... packages) throws IOException {
        List<String> found = new ArrayList<>();
        for (String p : packages) {
            Path dir = Path.of("src/main/java/org/sealworkbench", p);
            assertTrue(Files.isDirectory(dir), dir + " not found (the test runs from the project folder)");
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(x -> x.toString().endsWith(".java")).sorted().toList()) {
                    List<String> lines = Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        if (lines.get(i).trim().matches("import\\s+(static\\s+)?ai\\.djl\\..*")) found.add(f + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        return found;
    }

    @Test
    void jobsUseNoJavaFx() {
        noClasses().that().resideInAPackage(pkg("jobs"))
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("jobs run from the command line too; ui.JobTask adapts them to JavaFX")
                .check(main);
    }

    @Test
    void llmKnowsNothingOfTheLayersAboveOrTheStore() {
        noClasses().that().resideInAPackage(pkg("llm"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("seal"), pkg("store"), pkg("jobs"), pkg("ui"),
                        pkg("cli"), pkg("data"), "javafx..")
                .check(main);
    }

    @Test
    void dataAndStoreKnowNothingOfTheEngineOrTheLayersAbove() {
        noClasses().that().resideInAnyPackage(pkg("data"), pkg("store"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("llm"), pkg("seal"), pkg("jobs"), pkg("ui"),
                        pkg("cli"), "ai.djl..", "javafx..")
                .check(main);
    }

    @Test
    void dataKnowsNothingOfTheStore() {
        noClasses().that().resideInAPackage(pkg("data"))
                .should().dependOnClassesThat().resideInAPackage(pkg("store"))
                .check(main);
    }

    @Test
    void utilUsesNothingOfTheProject() {
        noClasses().that().resideInAPackage(pkg("util"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("app"), pkg("ui"), pkg("cli"),
                        pkg("jobs"), pkg("seal"), pkg("llm"), pkg("store"), pkg("data"), "ai.djl..", "javafx..")
                .check(main);
    }

    @Test
    void uiUsesNoDjl() throws IOException {
        noClasses().that().resideInAPackage(pkg("ui"))
                .should().dependOnClassesThat().resideInAPackage("ai.djl..")
                .because("the window reaches the engine only through jobs")
                .check(main);
        assertEquals(List.of(), djlImports("ui"));
    }

    @Test
    void uiUsesNeitherLlmNorStore() {
        noClasses().that().resideInAPackage(pkg("ui"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("llm"), pkg("store"))
                .because("view models receive their own records through jobs.workspace.WorkspaceService")
                .check(main);
    }
}
