package org.sealworkbench.jobs;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonDeserializer;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSerializer;
import java.nio.file.Path;
import java.util.Map;
import org.sealworkbench.seal.SealSettings;

/**
 * Requests as JSON for the jobs table: the record's fields by name, paths as text, settings as their canonical
 * snapshot ({@link SealSettings#toJson()}), so that a stored request reads back equal to the one written.
 */
public final class RequestJson {
    private RequestJson() {}

    private static final Gson GSON = new GsonBuilder()
            .serializeSpecialFloatingPointValues()
            .registerTypeHierarchyAdapter(Path.class, (JsonSerializer<Path>) (p, t, c) -> new JsonPrimitive(p.toString()))
            .registerTypeHierarchyAdapter(Path.class, (JsonDeserializer<Path>) (e, t, c) -> Path.of(e.getAsString()))
            .registerTypeAdapter(SealSettings.class, (JsonSerializer<SealSettings>) (s, t, c) -> JsonParser.parseString(s.toJson()))
            .registerTypeAdapter(SealSettings.class, (JsonDeserializer<SealSettings>) (e, t, c) -> SealSettings.fromJson(e.toString()))
            .create();

    private static final Map<String, Class<? extends JobRequest<?>>> BY_KIND = Map.ofEntries(
            Map.entry(ImportRequest.KIND, ImportRequest.class),
            Map.entry(ExportRequest.KIND, ExportRequest.class),
            Map.entry(GenerationRequest.KIND, GenerationRequest.class),
            Map.entry(InnerLoopsRequest.KIND, InnerLoopsRequest.class),
            Map.entry(EvaluationRequest.KIND, EvaluationRequest.class),
            Map.entry(RlRequest.KIND, RlRequest.class),
            Map.entry(FinetuneRequest.KIND, FinetuneRequest.class),
            Map.entry(PerplexityRequest.KIND, PerplexityRequest.class),
            Map.entry(ContinualRequest.KIND, ContinualRequest.class),
            Map.entry(ArcRequest.KIND, ArcRequest.class),
            Map.entry(ArcRlRequest.KIND, ArcRlRequest.class));

    public static String write(JobRequest<?> r) {
        return GSON.toJson(r);
    }

    /**
     * The request of a job of this kind, read from its stored JSON.
     *
     * @throws IllegalArgumentException naming the kind and the problem when the kind is unknown or the JSON is not
     *                                  a valid request of that kind
     */
    public static JobRequest<?> read(String kind, String json) {
        Class<? extends JobRequest<?>> type = BY_KIND.get(kind);
        if (type == null) throw new IllegalArgumentException("no request type for jobs of kind '" + kind + "' (known: " + BY_KIND.keySet() + ")");
        if (json == null || json.isBlank()) throw new IllegalArgumentException("the " + kind + " job has no stored request");
        try {
            JobRequest<?> r = GSON.fromJson(json, type);
            if (r == null) throw new IllegalArgumentException("empty");
            return r;
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            throw new IllegalArgumentException("the stored request of the " + kind + " job is not valid: " + root.getMessage(), e);
        }
    }
}
