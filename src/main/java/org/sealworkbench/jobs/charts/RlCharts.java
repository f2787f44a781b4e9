package org.sealworkbench.jobs.charts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.sealworkbench.jobs.charts.ChartsData.DiversityRound;
import org.sealworkbench.jobs.charts.ChartsData.GainPoint;
import org.sealworkbench.jobs.charts.ChartsData.GainSeries;
import org.sealworkbench.jobs.charts.ChartsData.RewardPoint;
import org.sealworkbench.jobs.charts.ChartsData.RlRound;
import org.sealworkbench.jobs.charts.ChartsData.Validation;
import org.sealworkbench.seal.Conditions;
import org.sealworkbench.seal.ResultRow;
import org.sealworkbench.seal.ResultsTable;
import org.sealworkbench.seal.SelfEditDiversity;
import org.sealworkbench.store.ExperimentLog;
import org.sealworkbench.store.ModelRecord;
import org.sealworkbench.store.PassageSummary;
import org.sealworkbench.store.ResultCell;
import org.sealworkbench.store.RewardRecord;
import org.sealworkbench.store.RlRoundRecord;
import org.sealworkbench.store.RunRecord;
import org.sealworkbench.store.SelfEditRecord;
import org.sealworkbench.util.CancelToken;

/**
 * The RL, per-passage gain and diversity charts' data, read from the experiment log: rounds and their rewards
 * ({@code rewards.rl_round_id}), the adapted accuracy of each round's model where {@code seal eval} evaluated it, each
 * results-table row's per-passage accuracy against its "no adaptation" row, and the diversity of each round's
 * self-edits ({@link SelfEditDiversity}).
 */
final class RlCharts {
    private static final String RL_PREFIX = "RL round ";

    record Result(List<RlRound> rounds, List<RewardPoint> rewards, List<Validation> validation, List<GainSeries> gains,
                  List<DiversityRound> diversity) {}

    private RlCharts() {}

    static Result read(ExperimentLog log, ResultsTable table, List<RunRecord> runs, List<ResultCell> cells, CancelToken cancel) {
        Map<Long, String> modelNames = new HashMap<>();
        for (ModelRecord m : log.models()) modelNames.put(m.id(), m.name() == null ? m.path() : m.name());
        Map<Long, String> titles = new HashMap<>();
        List<PassageSummary> passages = log.passages();
        for (PassageSummary p : passages) titles.put(p.id(), p.title());

        List<RlRoundRecord> roundRecords = new ArrayList<>(log.rlRounds());
        roundRecords.sort((a, b) -> a.roundNumber() != b.roundNumber() ? Integer.compare(a.roundNumber(), b.roundNumber())
                : Long.compare(a.id(), b.id()));
        Map<Long, RlRoundRecord> byId = new HashMap<>();
        for (RlRoundRecord r : roundRecords) byId.put(r.id(), r);

        // rl round id -> passage -> the passage's rewarded self-edits in self-edit order (the generator's order)
        Map<Long, Map<Long, List<long[]>>> rewardIds = new HashMap<>();
        Map<Long, Map<Long, List<Double>>> rewardValues = new HashMap<>();
        Map<Long, List<String>> texts = new HashMap<>();
        if (!roundRecords.isEmpty()) {
            // In one query, by passage, self-edit and reward (it read every passage's self-edits and then each one's
            // rewards: 30,000 queries on a workspace of 5,000 passages).
            for (ExperimentLog.RoundReward rr : log.roundRewards()) {
                cancel.throwIfCancelled();
                if (!byId.containsKey(rr.rlRoundId()) || !titles.containsKey(rr.passageId())) continue;
                rewardIds.computeIfAbsent(rr.rlRoundId(), k -> new TreeMap<>())
                        .computeIfAbsent(rr.passageId(), k -> new ArrayList<>()).add(new long[] {rr.selfEditId()});
                rewardValues.computeIfAbsent(rr.rlRoundId(), k -> new TreeMap<>())
                        .computeIfAbsent(rr.passageId(), k -> new ArrayList<>()).add(rr.value());
                texts.computeIfAbsent(rr.rlRoundId(), k -> new ArrayList<>()).add(rr.text());
            }
        }

        List<RlRound> rounds = new ArrayList<>();
        List<RewardPoint> rewards = new ArrayList<>();
        List<DiversityRound> diversity = new ArrayList<>();
        for (RlRoundRecord r : roundRecords) {
            Map<Long, List<long[]>> ids = rewardIds.getOrDefault(r.id(), Map.of());
            Map<Long, List<Double>> values = rewardValues.getOrDefault(r.id(), Map.of());
            double sumMean = 0, sumBest = 0;
            int edits = 0;
            for (Map.Entry<Long, List<Double>> e : values.entrySet()) {
                List<Double> vs = e.getValue();
                int best = 0;
                double sum = 0;
                for (int i = 0; i < vs.size(); i++) {
                    sum += vs.get(i);
                    if (vs.get(i) > vs.get(best)) best = i;   // the earliest wins ties, as RestEm.bestIndex
                }
                sumMean += sum / vs.size();
                sumBest += vs.get(best);
                edits += vs.size();
                for (int i = 0; i < vs.size(); i++) {
                    rewards.add(new RewardPoint(r.roundNumber(), e.getKey(), ids.get(e.getKey()).get(i)[0], vs.get(i), i == best, r.id()));
                }
            }
            int n = values.size();
            rounds.add(new RlRound(r.roundNumber(), r.id(), r.status(), modelNames.getOrDefault(r.modelInId(), "#" + r.modelInId()),
                    r.modelOutId() == null ? null : modelNames.getOrDefault(r.modelOutId(), "#" + r.modelOutId()), n, edits,
                    n == 0 ? Double.NaN : sumMean / n, n == 0 ? Double.NaN : sumBest / n));
            List<String> t = texts.getOrDefault(r.id(), List.of());
            if (!t.isEmpty()) {
                double[] shares = SelfEditDiversity.formatShares(t);
                diversity.add(new DiversityRound(r.roundNumber(), t.size(), SelfEditDiversity.distinctN(t, 1),
                        SelfEditDiversity.distinctN(t, 2), SelfEditDiversity.meanWords(t), shares[0], shares[1], shares[2]));
            }
        }
        cancel.throwIfCancelled();
        return new Result(rounds, rewards, validation(runs, cells, roundRecords, modelNames), gains(table, titles), diversity);
    }

    /**
     * Results-table rows over the evaluation runs (not an RL round's reward runs) that adapted a round's output model on
     * self-edits; round 0 is the model the first round started from.
     */
    private static List<Validation> validation(List<RunRecord> runs, List<ResultCell> cells, List<RlRoundRecord> rounds,
                                               Map<Long, String> modelNames) {
        if (rounds.isEmpty()) return List.of();
        Map<Long, Integer> roundOfModel = new LinkedHashMap<>();
        roundOfModel.put(rounds.get(0).modelInId(), 0);
        for (RlRoundRecord r : rounds) {
            if (r.modelOutId() != null && "done".equals(r.status())) roundOfModel.putIfAbsent(r.modelOutId(), r.roundNumber());
        }
        Map<Long, Long> modelOfRun = new HashMap<>();
        for (RunRecord run : runs) {
            if (roundOfModel.containsKey(run.modelId()) && run.selfEditId() != null && !run.condition().startsWith(RL_PREFIX)) {
                modelOfRun.put(run.id(), run.modelId());
            }
        }
        if (modelOfRun.isEmpty()) return List.of();
        Map<Long, List<ResultCell>> byModel = new LinkedHashMap<>();
        for (ResultCell c : cells) {
            Long model = c.runId() == null ? null : modelOfRun.get(c.runId());
            if (model != null) byModel.computeIfAbsent(model, k -> new ArrayList<>()).add(c);
        }
        List<Validation> out = new ArrayList<>();
        for (Map.Entry<Long, Integer> m : roundOfModel.entrySet()) {
            List<ResultCell> ofModel = byModel.get(m.getKey());
            if (ofModel == null) continue;
            for (ResultRow row : ResultsTable.ofCells(ofModel, null, Map.of()).rows()) {
                out.add(new Validation(m.getValue(), modelNames.getOrDefault(m.getKey(), "#" + m.getKey()), row.condition(),
                        row.grader(), row.settingsDigest(), row.macroAccuracy(), row.ciLow(), row.ciHigh(), row.nPassages()));
            }
        }
        out.sort((a, b) -> Integer.compare(a.round(), b.round()));
        return out;
    }

    /** The baseline a condition's per-passage gain is measured from: its round's "no adaptation", else SEAL's. */
    static String baselineOf(String condition) {
        if (condition.startsWith(RL_PREFIX)) {
            int colon = condition.indexOf(':');
            return colon < 0 ? null : condition.substring(0, colon) + ": no adaptation";
        }
        return Conditions.NO_ADAPTATION;
    }

    /** Each row against its baseline row of the same grader and settings digest, on the passages both have. */
    static List<GainSeries> gains(ResultsTable table, Map<Long, String> titles) {
        List<GainSeries> out = new ArrayList<>();
        for (ResultRow row : table.rows()) {
            String baseline = baselineOf(row.condition());
            if (baseline == null || baseline.equals(row.condition())) continue;
            ResultRow base = null;
            for (ResultRow b : table.rows()) {
                if (b.condition().equals(baseline) && b.grader().equals(row.grader()) && b.settingsDigest().equals(row.settingsDigest())) {
                    base = b;
                }
            }
            if (base == null) continue;
            Map<Long, Double> before = new HashMap<>();
            for (ResultRow.PassageAccuracy p : base.passages()) before.put(p.passageId(), p.accuracy());
            List<GainPoint> points = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            for (ResultRow.PassageAccuracy p : row.passages()) {
                Double b = before.get(p.passageId());
                if (b != null && seen.add(p.passageId())) {
                    points.add(new GainPoint(p.passageId(), titles.getOrDefault(p.passageId(), "#" + p.passageId()), b, p.accuracy()));
                }
            }
            if (!points.isEmpty()) out.add(new GainSeries(row.condition(), baseline, row.grader(), row.settingsDigest(), points));
        }
        return out;
    }

    /** Each scored self-edit's mean token loss and reward, split by author (see {@link ChartsData.LearnPoint}). */
    static List<ChartsData.LearnPoint> learnability(ExperimentLog log, List<RunRecord> runs, List<ResultCell> cells,
                                                   CancelToken cancel) {
        List<org.sealworkbench.store.PerplexityRecord> scored = log.perplexities();
        if (scored.isEmpty()) return List.of();
        Map<Long, String> modelNames = new HashMap<>();
        for (ModelRecord m : log.models()) modelNames.put(m.id(), m.name() == null ? m.path() : m.name());
        // run of a self-edit -> grader -> {correct, answers} by each answer's newest verdict
        Map<Long, Map<String, int[]>> verdicts = new HashMap<>();
        for (ResultCell c : cells) {
            if (c.runId() == null || c.selfEditId() == null) continue;
            int[] n = verdicts.computeIfAbsent(c.runId(), k -> new TreeMap<>()).computeIfAbsent(c.grader(), k -> new int[2]);
            n[0] += c.correct();
            n[1] += c.answers();
        }
        Map<String, List<Long>> runsOf = new HashMap<>();   // "selfEdit:model" -> runs
        for (RunRecord r : runs) {
            if (r.selfEditId() != null) runsOf.computeIfAbsent(r.selfEditId() + ":" + r.modelId(), k -> new ArrayList<>()).add(r.id());
        }
        List<ChartsData.LearnPoint> out = new ArrayList<>();
        for (org.sealworkbench.store.PerplexityRecord p : scored) {
            cancel.throwIfCancelled();
            SelfEditRecord e = log.selfEdit(p.selfEditId()).orElse(null);
            if (e == null) continue;
            String author = switch (e.author()) {
                case MODEL -> e.modelId() != null && e.modelId() == p.modelId() ? ChartsData.OWN_MODEL : ChartsData.OTHER_MODEL;
                case HUMAN_EDIT -> ChartsData.HUMAN;
                case IMPORT -> ChartsData.IMPORT;
            };
            double reward = Double.NaN;
            List<RewardRecord> rewards = log.rewards(e.id());
            if (!rewards.isEmpty()) {
                reward = rewards.stream().mapToDouble(RewardRecord::value).average().orElse(Double.NaN);
            } else {
                String grader = null;
                for (long run : runsOf.getOrDefault(e.id() + ":" + p.modelId(), List.of())) {
                    for (String g : verdicts.getOrDefault(run, Map.of()).keySet()) if (grader == null || g.compareTo(grader) < 0) grader = g;
                }
                double sum = 0;
                int n = 0;
                for (long run : runsOf.getOrDefault(e.id() + ":" + p.modelId(), List.of())) {
                    int[] v = verdicts.getOrDefault(run, Map.of()).get(grader);
                    if (v == null || v[1] == 0) continue;
                    sum += v[0] / (double) v[1];
                    n++;
                }
                if (n > 0) reward = sum / n;
            }
            out.add(new ChartsData.LearnPoint(e.id(), e.passageId(), author, modelNames.getOrDefault(p.modelId(), "#" + p.modelId()),
                    p.meanTokenLoss(), p.tokens(), reward));
        }
        return out;
    }
}
