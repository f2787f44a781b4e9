package org.sealworkbench.ui.studio;

import java.util.List;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.sealworkbench.seal.WordDiff;

/** Puts word-diff spans on a RichTextFX area as a style class. */
final class DiffText {
    private DiffText() {}

    static void apply(StyleClassedTextArea area, List<WordDiff.Span> spans, String styleClass) {
        int len = area.getLength();
        if (len > 0) area.clearStyle(0, len);
        for (WordDiff.Span s : spans) {
            int from = Math.min(s.start(), len), to = Math.min(s.end(), len);
            if (to > from) area.setStyleClass(from, to, styleClass);
        }
    }
}
