package org.sealworkbench.seal.arc;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import org.sealworkbench.seal.Ending;
import org.sealworkbench.util.Counts;

/**
 * A few-shot run's raw test-time answers as stored and as told: why each ended (schema step 12, a JSON array beside the
 * answers), and the text the Few-shot window and History show of them, where an answer a limit cut says so (an answer cut
 * at its token budget is a grid cut off, which is why it did not read as one).
 */
public final class ArcAnswers {
    private ArcAnswers() {}

    /** The endings as stored: [{"finish": "max_tokens", "limit": 48}, ...]; null when there are none to store. */
    public static String json(List<Ending.Stored> endings) {
        if (endings.isEmpty()) return null;
        JsonArray a = new JsonArray();
        for (Ending.Stored e : endings) {
            JsonObject o = new JsonObject();
            o.addProperty("finish", e.finish());
            if (e.limit() == null) o.add("limit", JsonNull.INSTANCE);
            else o.addProperty("limit", e.limit());
            a.add(o);
        }
        return a.toString();
    }

    /** Stored endings read back; empty when not recorded (null) or not of {@code answers} answers (then they are not trusted). */
    public static List<Ending.Stored> parse(String json, int answers) {
        if (json == null) return List.of();
        List<Ending.Stored> out = new ArrayList<>();
        try {
            for (JsonElement e : JsonParser.parseString(json).getAsJsonArray()) {
                JsonObject o = e.getAsJsonObject();
                JsonElement f = o.get("finish"), l = o.get("limit");
                out.add(new Ending.Stored(f == null || f.isJsonNull() ? null : f.getAsString(),
                        l == null || l.isJsonNull() ? null : l.getAsInt()));
            }
        } catch (RuntimeException e) {
            return List.of();   // not what this build writes: nothing to tell, as for a run stored before the step
        }
        return out.size() == answers ? out : List.of();
    }

    /** Stored endings read back ({@link #parse}) as told. */
    public static List<Ending> endings(String json, int answers) {
        return parse(json, answers).stream().map(Ending.Stored::ending).toList();
    }

    /** Every answer numbered, as the model wrote it; an answer a limit cut says so in its header line. */
    public static String numbered(List<String> answers, List<Ending> endings) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < answers.size(); i++) {
            if (i > 0) sb.append("\n\n");
            Ending e = i < endings.size() ? endings.get(i) : Ending.NONE;
            sb.append("— answer ").append(i + 1).append(" of ").append(answers.size())
                    .append(e.cut() ? " · cut: " + e.brief() : "").append(" —\n").append(answers.get(i).strip());
        }
        return sb.toString();
    }

    /** The title over them: "What the model wrote: 8 answers, 5 read as grids, 2 cut short by a limit". */
    public static String title(int answers, int readable, List<Ending> endings) {
        long cut = endings.stream().filter(Ending::cut).count();
        return "What the model wrote: " + Counts.of(answers, "answer") + ", " + readable + " read as grids"
                + (cut == 0 ? "" : ", " + cut + " cut short by a limit");
    }
}
