package org.sealworkbench.data.world;

import org.sealworkbench.util.Seeds;
import static org.sealworkbench.data.world.FactType.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Generates a fictional world from a {@link WorldSpec}: the same spec gives the same world, byte for byte.
 *
 * <p>Relations always point at pretraining entities. So a held-out entity may mention a known town or
 * person, but nothing in the pretraining part ever mentions a held-out entity, and every fact about a
 * held-out entity is stated only in that entity's own passage.
 */
public final class WorldGenerator {
    private final WorldSpec spec;
    private final Random random;
    private final NameGenerator names;
    private final List<Entity> entities = new ArrayList<>();
    private final Map<EntityKind, List<Entity>> known = new EnumMap<>(EntityKind.class);
    private final List<String> firstNames = new ArrayList<>();
    private final List<String> regions = new ArrayList<>();
    private final List<String> mountains = new ArrayList<>();
    private final List<String> lakes = new ArrayList<>();
    private final Map<Integer, Integer> birthYear = new HashMap<>(); // person id -> year, for consistent dates

    private WorldGenerator(WorldSpec spec) {
        this.spec = spec;
        this.random = new Random(Seeds.mix(spec.seed(), 1));
        this.names = new NameGenerator(new Random(Seeds.mix(spec.seed(), 2)));
    }

    public static World generate(WorldSpec spec) {
        return new WorldGenerator(spec).build();
    }

    private World build() {
        for (int i = 0; i < 160; i++) firstNames.add(names.word(2, 2, List.of(), 0));
        for (int i = 0; i < 10; i++) regions.add(names.word());
        for (int i = 0; i < 40; i++) mountains.add("Mount " + names.word());
        for (int i = 0; i < 25; i++) lakes.add("Lake " + names.word());
        for (EntityKind kind : EntityKind.values()) {
            known.put(kind, new ArrayList<>());
            for (Part part : parts(kind)) {
                Entity e = make(kind, part, entities.size());
                entities.add(e);
                if (part == Part.PRETRAIN) known.get(kind).add(e);
            }
        }
        return new World(spec, entities);
    }

    /** The parts of this kind's entities, shuffled: each kind is split by the spec's shares. */
    private List<Part> parts(EntityKind kind) {
        int count = Math.max(4, (int) Math.round(spec.entities() * kind.share()));
        int validation = Math.max(1, (int) Math.round(count * spec.validationShare()));
        int rl = Math.max(1, (int) Math.round(count * spec.rlTrainShare()));
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            parts.add(i < validation ? Part.VALIDATION : i < validation + rl ? Part.RL_TRAIN : Part.PRETRAIN);
        }
        Collections.shuffle(parts, random);
        // The first entity of a kind must be known, so relations and teachers always have a target.
        int firstKnown = parts.indexOf(Part.PRETRAIN);
        Collections.swap(parts, 0, firstKnown);
        return parts;
    }

    private Entity make(EntityKind kind, Part part, int id) {
        return switch (kind) {
            case TOWN -> town(id, part);
            case RIVER -> river(id, part);
            case PERSON -> person(id, part);
            case ORGANISATION -> organisation(id, part);
            case INVENTION -> invention(id, part);
            case SPECIES -> species(id, part);
            case FESTIVAL -> festival(id, part);
        };
    }

    private Entity town(int id, Part part) {
        String name = names.word(2, 3, Vocabulary.TOWN_SUFFIXES, 0.4);
        List<Fact> f = new ArrayList<>();
        f.add(Fact.of(REGION, pick(regions)));
        f.add(Fact.of(FOUNDED, year(850, 1750)));
        f.add(Fact.of(POPULATION, number(10 * (80 + random.nextInt(9_500)))));
        List<Fact> optional = new ArrayList<>(List.of(Fact.of(KNOWN_FOR, pick(Vocabulary.PRODUCTS)),
                Fact.of(FLAG_COLOUR, pick(Vocabulary.COLOURS)), Fact.of(MARKET_DAY, pick(Vocabulary.WEEKDAYS))));
        f.addAll(some(optional, 1));
        return new Entity(id, EntityKind.TOWN, part, name, name, name, "the town", "town", Pronoun.IT, f);
    }

    private Entity river(int id, Part part) {
        String title = names.word() + " River";
        List<Fact> f = new ArrayList<>();
        f.add(Fact.of(LENGTH, (20 + random.nextInt(880)) + " kilometres"));
        f.add(Fact.of(SOURCE, pick(mountains)));
        f.add(Fact.about(THROUGH_TOWN, pick(known.get(EntityKind.TOWN))));
        f.add(Fact.of(MOUTH, pick(lakes)));
        if (random.nextDouble() < 0.6) f.add(Fact.of(WATER_COLOUR, pick(Vocabulary.WATER_COLOURS)));
        String mention = "the " + title;
        return new Entity(id, EntityKind.RIVER, part, title, mention, mention, "the river", "river", Pronoun.IT, f);
    }

    private Entity person(int id, Part part) {
        String surname = names.word(2, 3, Vocabulary.SURNAME_SUFFIXES, 0.3);
        String title = pick(firstNames) + " " + surname;
        int born = 1620 + random.nextInt(240);
        birthYear.put(id, born);
        String profession = pick(Vocabulary.PROFESSIONS);
        List<Fact> f = new ArrayList<>();
        f.add(Fact.of(BIRTH_YEAR, Integer.toString(born)));
        f.add(Fact.about(BIRTHPLACE, pick(known.get(EntityKind.TOWN))));
        f.add(Fact.of(PROFESSION, profession));
        List<Entity> teachers = known.get(EntityKind.PERSON).stream()
                .filter(t -> born - birthYear.get(t.id()) >= 15 && born - birthYear.get(t.id()) <= 60).toList();
        if (!teachers.isEmpty() && random.nextDouble() < 0.75) f.add(Fact.about(TEACHER, pick(teachers)));
        if (random.nextDouble() < 0.5) f.add(Fact.of(INSTRUMENT, pick(Vocabulary.INSTRUMENTS)));
        f.add(Fact.of(DEATH_YEAR, Integer.toString(born + 35 + random.nextInt(54))));
        Pronoun pronoun = random.nextBoolean() ? Pronoun.HE : Pronoun.SHE;
        return new Entity(id, EntityKind.PERSON, part, title, title, surname, "the " + profession, "person", pronoun, f);
    }

    private Entity organisation(int id, Part part) {
        String type = pick(Vocabulary.ORG_TYPES);
        String core = names.word();
        String title = random.nextBoolean() ? core + " " + capitalise(type) : capitalise(type) + " of " + core;
        Entity founder = pick(known.get(EntityKind.PERSON));
        List<Fact> f = new ArrayList<>();
        f.add(Fact.about(FOUNDER, founder));
        f.add(Fact.of(ORG_FOUNDED, Integer.toString(birthYear.get(founder.id()) + 25 + random.nextInt(36))));
        f.add(Fact.about(SEAT, pick(known.get(EntityKind.TOWN))));
        f.add(Fact.of(PURPOSE, pick(Vocabulary.PURPOSES)));
        if (random.nextDouble() < 0.7) f.add(Fact.of(MEMBERS, number(12 + random.nextInt(890))));
        String mention = "the " + title;
        return new Entity(id, EntityKind.ORGANISATION, part, title, mention, mention, "the " + type, type, Pronoun.IT, f);
    }

    private Entity invention(int id, Part part) {
        String title = names.word();
        Entity inventor = pick(known.get(EntityKind.PERSON));
        List<Fact> f = new ArrayList<>();
        f.add(Fact.about(INVENTOR, inventor));
        f.add(Fact.of(INVENTED_YEAR, Integer.toString(birthYear.get(inventor.id()) + 20 + random.nextInt(36))));
        f.add(Fact.of(USE, pick(Vocabulary.USES)));
        f.add(Fact.of(MATERIAL, pick(Vocabulary.MATERIALS)));
        if (random.nextDouble() < 0.6) f.add(Fact.about(FIRST_MADE_IN, pick(known.get(EntityKind.TOWN))));
        String mention = "the " + title;
        return new Entity(id, EntityKind.INVENTION, part, title, mention, mention, "the device", "device", Pronoun.IT, f);
    }

    private Entity species(int id, Part part) {
        String animal = pick(Vocabulary.ANIMALS);
        String title = names.word() + " " + animal;
        List<Fact> f = new ArrayList<>();
        f.add(Fact.of(COLOUR, pick(Vocabulary.COLOURS)));
        f.add(Fact.about(HABITAT, pick(known.get(EntityKind.RIVER))));
        boolean small = Vocabulary.SMALL_ANIMALS.contains(animal);
        f.add(Fact.of(SIZE, (small ? 2 + random.nextInt(18) : 20 + random.nextInt(120)) + " centimetres"));
        f.add(Fact.of(DIET, pick(Vocabulary.DIETS)));
        double roll = random.nextDouble();
        if (roll < 0.7) {
            Entity discoverer = pick(known.get(EntityKind.PERSON));
            f.add(Fact.about(DISCOVERER, discoverer));
            if (random.nextDouble() < 0.8) {
                f.add(Fact.of(DISCOVERY_YEAR, Integer.toString(birthYear.get(discoverer.id()) + 20 + random.nextInt(40))));
            }
        } else if (roll < 0.85) {
            f.add(Fact.of(DISCOVERY_YEAR, year(1650, 1900)));
        }
        String mention = "the " + title;
        return new Entity(id, EntityKind.SPECIES, part, title, mention, mention, "the " + animal, animal, Pronoun.IT, f);
    }

    private Entity festival(int id, Part part) {
        String core = names.word();
        boolean feast = random.nextInt(3) == 0;
        String title = feast ? "Feast of " + core : core + " Festival";
        List<Fact> f = new ArrayList<>();
        f.add(Fact.about(HELD_IN, pick(known.get(EntityKind.TOWN))));
        f.add(Fact.of(MONTH, pick(Vocabulary.MONTHS)));
        f.add(Fact.of(FIRST_HELD, year(1200, 1890)));
        f.add(Fact.of(CELEBRATES, pick(Vocabulary.CELEBRATIONS)));
        if (random.nextDouble() < 0.7) f.add(Fact.of(DURATION, pick(Vocabulary.DURATIONS)));
        String mention = "the " + title;
        String alias = feast ? "the feast" : "the festival";
        return new Entity(id, EntityKind.FESTIVAL, part, title, mention, mention, alias, "festival", Pronoun.IT, f);
    }

    /** Each optional fact with probability 0.65, but at least {@code min} of them. */
    private List<Fact> some(List<Fact> optional, int min) {
        List<Fact> chosen = new ArrayList<>();
        for (Fact f : optional) if (random.nextDouble() < 0.65) chosen.add(f);
        while (chosen.size() < min) {
            Fact f = pick(optional);
            if (!chosen.contains(f)) chosen.add(f);
        }
        return chosen;
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private String year(int from, int to) {
        return Integer.toString(from + random.nextInt(to - from + 1));
    }

    private static String number(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
