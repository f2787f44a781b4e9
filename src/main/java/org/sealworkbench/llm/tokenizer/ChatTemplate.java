package org.sealworkbench.llm.tokenizer;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Hugging Face chat template (Jinja, from tokenizer_config.json) rendered with jinjava, set up as
 * transformers does: trim_blocks and lstrip_blocks on, {@code raise_exception} available, and the
 * special tokens bound as {@code bos_token} / {@code eos_token}.
 */
public final class ChatTemplate {
    private final String template;
    private final String bosToken;
    private final String eosToken;
    private final Jinjava jinja;

    public ChatTemplate(String template, String bosToken, String eosToken) {
        this.template = template;
        this.bosToken = bosToken == null ? "" : bosToken;
        this.eosToken = eosToken == null ? "" : eosToken;
        this.jinja = new Jinjava(JinjavaConfig.newBuilder().withTrimBlocks(true).withLstripBlocks(true).build());
        jinja.getGlobalContext().registerFunction(new ELFunctionDefinition("", "raise_exception",
                ChatTemplate.class, "raiseException", String.class));
        jinja.getGlobalContext().registerFunction(new ELFunctionDefinition("", "strftime_now",
                ChatTemplate.class, "strftimeNow", String.class));
    }

    /** jinjava wraps exceptions thrown by functions; the template's own message is kept here. */
    private static final ThreadLocal<String> RAISED = new ThreadLocal<>();

    /** Called by templates that reject a conversation (e.g. roles out of order). */
    public static String raiseException(String message) {
        RAISED.set(message);
        throw new IllegalArgumentException("chat template: " + message);
    }

    /** transformers' strftime_now (Llama 3.x templates print today's date): the common % codes. */
    public static String strftimeNow(String format) {
        java.time.LocalDateTime now = java.time.LocalDateTime.now();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                sb.append(c);
                continue;
            }
            char code = format.charAt(++i);
            java.time.format.DateTimeFormatter f = switch (code) {
                case 'd' -> java.time.format.DateTimeFormatter.ofPattern("dd");
                case 'b' -> java.time.format.DateTimeFormatter.ofPattern("MMM", java.util.Locale.ENGLISH);
                case 'B' -> java.time.format.DateTimeFormatter.ofPattern("MMMM", java.util.Locale.ENGLISH);
                case 'm' -> java.time.format.DateTimeFormatter.ofPattern("MM");
                case 'Y' -> java.time.format.DateTimeFormatter.ofPattern("yyyy");
                case 'y' -> java.time.format.DateTimeFormatter.ofPattern("yy");
                case 'H' -> java.time.format.DateTimeFormatter.ofPattern("HH");
                case 'M' -> java.time.format.DateTimeFormatter.ofPattern("mm");
                case 'S' -> java.time.format.DateTimeFormatter.ofPattern("ss");
                case 'A' -> java.time.format.DateTimeFormatter.ofPattern("EEEE", java.util.Locale.ENGLISH);
                case 'a' -> java.time.format.DateTimeFormatter.ofPattern("EEE", java.util.Locale.ENGLISH);
                default -> null;
            };
            if (f != null) sb.append(now.format(f));
            else if (code == '%') sb.append('%');
            else sb.append('%').append(code);
        }
        return sb.toString();
    }

    /** The prompt text for these messages; with addGenerationPrompt the assistant's turn is opened. */
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        List<Map<String, Object>> msgs = new ArrayList<>();
        for (ChatMessage m : messages) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("role", m.role());
            o.put("content", m.content());
            msgs.add(o);
        }
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("messages", msgs);
        ctx.put("add_generation_prompt", addGenerationPrompt);
        ctx.put("bos_token", bosToken);
        ctx.put("eos_token", eosToken);
        RAISED.remove();
        RenderResult r;
        try {
            r = jinja.renderForResult(template, ctx);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("chat template: " + (RAISED.get() != null ? RAISED.get() : e.getMessage()), e);
        }
        String raised = RAISED.get();
        RAISED.remove();
        if (raised != null) throw new IllegalArgumentException("chat template: " + raised);
        for (TemplateError err : r.getErrors()) {
            if (err.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw new IllegalArgumentException("chat template: " + err.getMessage());
            }
        }
        return r.getOutput();
    }
}
