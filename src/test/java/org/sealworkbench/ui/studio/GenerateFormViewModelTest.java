package org.sealworkbench.ui.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sealworkbench.jobs.workspace.GenerateRequest;
import org.sealworkbench.jobs.workspace.ModelItem;

class GenerateFormViewModelTest {
    @Test
    void theFormSaysWhatIsWrongUntilItIsAValidRequest() {
        GenerateFormViewModel f = new GenerateFormViewModel();
        assertEquals("choose a model", f.errorProperty().get());
        f.modelProperty().set(new ModelItem(null, "m", Path.of("/m"), "llama", "m"));
        assertEquals("", f.errorProperty().get());
        f.kProperty().set("two");
        assertEquals("k must be a whole number, got 'two'", f.errorProperty().get());
        assertTrue(f.request().isEmpty());
        f.kProperty().set("2");
        f.topPProperty().set("1.5");
        assertTrue(f.errorProperty().get().startsWith("top-p must be in (0, 1]"));
        f.topPProperty().set("0.9");
        f.templateProperty().set(GenerateRequest.CUSTOM);
        f.customTemplateProperty().set("Passage: {title}");
        assertTrue(f.errorProperty().get().contains("must contain {context}"));
        f.customTemplateProperty().set("{title} / {context} / {question}");
        assertTrue(f.errorProperty().get().contains("unknown placeholder {question}"));
        f.customTemplateProperty().set("T: {title}\n{context}\nNotes:\n");
        GenerateRequest r = f.request().orElseThrow();
        assertEquals(2, r.k());
        assertEquals("T: Tor\nIt rains.\nNotes:\n", r.render("Tor", "It rains."));
        f.templateProperty().set("implications");
        assertTrue(f.request().orElseThrow().render("Tor", "It rains.").endsWith("Passage:\nTor\nIt rains.\n\nImplications:\n"));
    }
}
