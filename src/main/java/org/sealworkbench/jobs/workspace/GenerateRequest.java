package org.sealworkbench.jobs.workspace;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sealworkbench.seal.PromptTemplates;

/**
 * What the Generate form asks for: the model folder, a template (one of SEAL's five by key, or
 * {@link #CUSTOM} with the text in {@code customTemplate}), k samples and their sampling settings.
 * Validated on construction; the messages are meant for the form.
 */
public record GenerateRequest(Path modelDir, String template, String customTemplate, int k, double temperature,
                              double topP, int maxTokens, long seed) {
    public static final String CUSTOM = "custom";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_]+)}");

    public GenerateRequest {
        if (modelDir == null) throw new IllegalArgumentException("choose a model");
        if (k < 1 || k > 16) throw new IllegalArgumentException("k must be between 1 and 16, got " + k);
        if (temperature < 0) throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
        if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("top-p must be in (0, 1], got " + topP);
        if (maxTokens < 1) throw new IllegalArgumentException("max new tokens must be at least 1, got " + maxTokens);
        if (CUSTOM.equals(template)) validateCustom(customTemplate);
        else PromptTemplates.byKey(template);
    }

    /** SEAL's five template keys, then "custom". */
    public static List<String> templateKeys() {
        List<String> keys = new java.util.ArrayList<>();
        for (PromptTemplates t : PromptTemplates.values()) keys.add(t.key());
        keys.add(CUSTOM);
        return keys;
    }

    /** A custom template needs {context}; {title} is optional; any other {name} is a mistake. */
    public static void validateCustom(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("the custom template is empty");
        if (!text.contains("{context}")) {
            throw new IllegalArgumentException("the custom template must contain {context} (where the passage goes)");
        }
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            if (!name.equals("title") && !name.equals("context")) {
                throw new IllegalArgumentException("unknown placeholder {" + name + "} in the custom template (known: {title}, {context})");
            }
        }
    }

    /** The prompt for one passage. */
    public String render(String title, String context) {
        if (CUSTOM.equals(template)) return customTemplate.replace("{title}", title).replace("{context}", context);
        return PromptTemplates.byKey(template).render(title, context);
    }
}
