package org.sealworkbench.ui.welcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The welcome's choices without a screen: plain JavaFX properties, no FX thread needed. */
class WelcomeViewModelTest {
    private static final Path WS = Path.of("/data/seal-workbench/workspaces");
    private final List<WelcomeViewModel.Choice> chosen = new ArrayList<>();

    private WelcomeViewModel vm(int sampleFiles, boolean model, Set<Path> existing) {
        var facts = new WelcomeViewModel.Facts(WS, sampleFiles, Path.of("/opt/seal-workbench/lib/app/models/seal-tiny"), model);
        return new WelcomeViewModel(facts, existing::contains, chosen::add);
    }

    @Test
    void theDemoIsTheSampleDataInItsOwnWorkspaceSeededOnce() {
        WelcomeViewModel vm = vm(3, true, Set.of());
        assertTrue(vm.demoAvailable());
        assertTrue(vm.demoDescription().contains("ready to generate"), vm.demoDescription());
        vm.openDemo();
        assertEquals(List.of(new WelcomeViewModel.Choice(WS.resolve("demo"), true)), chosen);
        assertTrue(vm.answeredProperty().get());
        vm.openDemo();
        assertEquals(1, chosen.size(), "a second click does not open it twice");
    }

    @Test
    void withoutSamplesThereIsNoDemoAndAMissingModelIsSaid() {
        assertFalse(vm(0, true, Set.of()).demoAvailable());
        assertThrows(IllegalStateException.class, () -> vm(0, true, Set.of()).openDemo());
        assertTrue(vm(2, false, Set.of()).demoDescription().contains("missing"));
    }

    @Test
    void aNewWorkspaceNeedsAUsableFreeName() {
        WelcomeViewModel vm = vm(3, true, Set.of(WS.resolve("taken")));
        assertTrue(vm.canCreateProperty().get(), "the suggested name works");

        vm.newNameProperty().set("  ");
        assertEquals("Type a name for the workspace.", vm.nameProblemProperty().get());
        assertFalse(vm.canCreateProperty().get());
        vm.newNameProperty().set("../etc");
        assertTrue(vm.nameProblemProperty().get().startsWith("Use letters"), vm.nameProblemProperty().get());
        vm.newNameProperty().set("Demo");
        assertTrue(vm.nameProblemProperty().get().contains("demo workspace"));
        vm.newNameProperty().set("taken");
        assertEquals("A workspace named \"taken\" exists already.", vm.nameProblemProperty().get());
        assertThrows(IllegalStateException.class, vm::createNew);
        assertTrue(chosen.isEmpty());

        vm.newNameProperty().set(" Biology class 2 ");
        assertTrue(vm.canCreateProperty().get());
        vm.createNew();
        assertEquals(List.of(new WelcomeViewModel.Choice(WS.resolve("Biology class 2"), false)), chosen);
    }

    @Test
    void aChosenFolderOpensWithoutSamples() {
        WelcomeViewModel vm = vm(3, true, Set.of());
        vm.openFolder(Path.of("/mnt/usb/class-ws"));
        assertEquals(List.of(new WelcomeViewModel.Choice(Path.of("/mnt/usb/class-ws"), false)), chosen);
    }
}
