"""A seeded grammar of simple stories in which every pronoun's antecedent is fixed.

Why: the books and Brown rarely put a pronoun near an unambiguous antecedent, so a 4 M model
never learns to look back from "it" to the noun it stands for. These stories do, in many shapes:
the antecedent is fixed by agreement (he / she / it / they), or by sense ("because it was hungry"
against "because it was round"), and the words right after the pronoun depend on who it is (a dog
barks, a bell rings, Lily says "Thank you, Tom"), so attending to the antecedent pays off.

It never writes the site's example sentences: "mat", "tired" and the verb "sat" are not in its
lexicon, and tests/unit/training/stories.test.ts checks every chapter's default text against a
sample of the output.

Usage: python3 stories.py [--words N --seed S] [--out .work/data/stories.txt]   (default: to stdout)
"""
import argparse, random, sys
from pathlib import Path

EOT = "<|endoftext|>"
# prepare.py writes the recipe's stories with these; tests/unit/training/stories.test.ts checks that text.
DEFAULT_WORDS, DEFAULT_SEED = 3_000_000, 7

BOYS = ["Tom", "Ben", "Sam", "Jack", "Max", "Leo", "Finn", "Omar", "Ravi", "Hugo", "Carl", "Pete", "Dan", "Ned"]
GIRLS = ["Lily", "Anna", "Mia", "Rosa", "Ella", "Nora", "Ruby", "Zoe", "Ada", "Maya", "Lucy", "Ivy", "Kate", "Jen"]
MEN = ["boy", "man", "king", "prince", "farmer's son", "old man", "father", "uncle", "little boy", "baker's son"]
WOMEN = ["girl", "woman", "queen", "princess", "farmer's wife", "old woman", "mother", "aunt", "little girl", "baker's daughter"]
# Animals: (singular, plural, sound, what it likes to eat, how it moves)
ANIMALS = [("dog", "dogs", "barked", "a bone", "ran"), ("cat", "cats", "meowed", "some milk", "crept"),
           ("bird", "birds", "sang", "some seeds", "flew"), ("duck", "ducks", "quacked", "some bread", "swam"),
           ("horse", "horses", "neighed", "some hay", "galloped"), ("cow", "cows", "mooed", "some grass", "walked"),
           ("pig", "pigs", "oinked", "an apple", "trotted"), ("mouse", "mice", "squeaked", "some cheese", "scurried"),
           ("frog", "frogs", "croaked", "a fly", "hopped"), ("owl", "owls", "hooted", "a beetle", "flew"),
           ("lion", "lions", "roared", "some meat", "prowled"), ("goat", "goats", "bleated", "some leaves", "climbed"),
           ("hen", "hens", "clucked", "some corn", "strutted"), ("puppy", "puppies", "yapped", "a biscuit", "bounced"),
           ("fox", "foxes", "yelped", "a berry", "slipped"), ("rabbit", "rabbits", "twitched its nose", "a carrot", "hopped")]
# Objects: (singular, plural, what it does on its own, a property)
OBJECTS = [("ball", "balls", "rolled away", "round"), ("bell", "bells", "rang", "loud"), ("clock", "clocks", "ticked", "slow"),
           ("kite", "kites", "flew up high", "light"), ("boat", "boats", "floated", "leaky"), ("kettle", "kettles", "whistled", "hot"),
           ("drum", "drums", "boomed", "loud"), ("door", "doors", "creaked", "stuck"), ("box", "boxes", "was full of toys", "heavy"),
           ("cup", "cups", "was full of tea", "chipped"), ("cake", "cakes", "smelled sweet", "soft"), ("rope", "ropes", "snapped", "thin"),
           ("lamp", "lamps", "glowed", "bright"), ("wagon", "wagons", "rattled", "old"), ("candle", "candles", "flickered", "short"),
           ("basket", "baskets", "was full of eggs", "big"), ("stone", "stones", "sank", "smooth"), ("hat", "hats", "blew away", "too big"),
           ("book", "books", "fell open", "thick"), ("sled", "sleds", "slid down the hill", "fast")]
GROUPS = ["children", "boys", "girls", "friends", "twins", "sisters", "brothers", "neighbours"]
PLACES = ["the park", "the river", "the farm", "the market", "the woods", "the garden", "the beach", "the hill",
          "the barn", "the pond", "the village", "the field", "the kitchen", "the yard", "the meadow", "the road"]
ANIMATE_ADJ = ["hungry", "sleepy", "scared", "happy", "cold", "thirsty", "lonely", "excited", "curious", "angry"]
PERSON_DO = ["smiled", "laughed", "waved", "clapped", "sang a song", "ran home", "stood up", "looked around", "nodded", "cried"]
GROUP_DO = ["laughed", "cheered", "played a game", "ran home", "sang together", "clapped", "shouted", "waved"]
ACTS = ["saw", "found", "watched", "followed", "met", "chased", "helped", "heard", "looked at", "waited for"]
TIME = ["One day", "In the morning", "After lunch", "Late at night", "On Sunday", "At dawn", "Once upon a time", "That evening"]
FILLER = ["The sun was warm.", "It was a quiet day.", "The wind blew softly.", "A cloud passed over the sun.",
          "Far away, a bell rang.", "The grass was wet.", "Nobody else was there.", "The sky turned pink."]


class Ent:
    """One noun phrase of a story: its words, the pronoun that takes it, and its kind."""
    def __init__(self, np_, pron, kind, data=None, name=None):
        self.np, self.pron, self.kind, self.data, self.name = np_, pron, kind, data, name

    def subj(self):
        return self.pron.capitalize()

    def obj(self):
        return {"he": "him", "she": "her", "it": "it", "they": "them"}[self.pron]

    def poss(self):
        return {"he": "his", "she": "her", "it": "its", "they": "their"}[self.pron]


def person(r, gender):
    if r.random() < 0.5:
        name = r.choice(BOYS if gender == "he" else GIRLS)
        return Ent(name, gender, "person", name=name)
    return Ent("the " + r.choice(MEN if gender == "he" else WOMEN), gender, "person")


def animal(r, plural=False):
    a = r.choice(ANIMALS)
    return Ent(("the " + a[1]) if plural else ("the " + a[0]), "they" if plural else "it", "animal", a)


def thing(r, plural=False):
    o = r.choice(OBJECTS)
    return Ent(("the " + o[1]) if plural else ("the " + o[0]), "they" if plural else "it", "object", o)


def group(r):
    return Ent("the " + r.choice(GROUPS), "they", "group")


def cap(s):
    return s[0].upper() + s[1:]


def does(r, e, subject):
    """What e does next, said with its pronoun: the words depend on who e is."""
    if e.kind == "animal":
        verb = e.data[2]
        if e.pron == "they" and verb.endswith("its nose"):
            verb = "twitched their noses"
        return f"{subject} {verb}" + r.choice(["", " loudly", " again", " and " + e.data[4] + " away"])
    if e.kind == "object":
        verb = e.data[2].replace("was ", "were ") if e.pron == "they" else e.data[2]
        return f"{subject} {verb}"
    if e.kind == "group":
        return f"{subject} {r.choice(GROUP_DO)}"
    return f"{subject} {r.choice(PERSON_DO)}"


def because(r, e):
    """A reason whose sense fits only e's kind: animals and people feel, objects have properties."""
    be = "were" if e.pron == "they" else "was"
    if e.kind == "object":
        return f"because {e.pron} {be} {e.data[3]}"
    if e.kind == "animal" and r.random() < 0.4:
        return f"because {e.pron} wanted {e.data[3]}"
    return f"because {e.pron} {be} {r.choice(ANIMATE_ADJ)}"


def two_people(r):
    """He and she: the pronoun picks one by gender; the quote names the other."""
    a, b = person(r, "he"), person(r, "she")
    if r.random() < 0.5:
        a, b = b, a
    x, y = (a, b) if r.random() < 0.5 else (b, a)
    gift = r.choice(OBJECTS)[0]
    out = [f"{cap(a.np)} met {b.np} at {r.choice(PLACES)}.", f"{cap(a.np)} gave {b.np} a {gift}."]
    if r.random() < 0.4:
        out.append(r.choice(FILLER))
    other = y.name or y.np
    out.append(f"{x.subj()} said, \"Thank you, {other}!\"" if x is b else f"{x.subj()} said, \"Do you like it, {other}?\"")
    return out


def person_and_animal(r):
    """A person and an animal: "it" can only be the animal, "he"/"she" only the person."""
    p, a = person(r, r.choice(["he", "she"])), animal(r, plural=r.random() < 0.15)
    first, second = (p, a) if r.random() < 0.6 else (a, p)
    out = [f"{cap(first.np)} {r.choice(ACTS)} {second.np} near {r.choice(PLACES)}."]
    if r.random() < 0.35:
        out.append(r.choice(FILLER))
    x = r.choice([p, a])
    out.append(cap(does(r, x, x.subj())) + ".")
    if x is a and r.random() < 0.5:
        out.append(f"{cap(p.np)} gave {a.obj()} {a.data[3]}.")
    return out


def animal_and_thing(r):
    """An animal and an object, both "it": the reason's sense decides, and the animal usually
    wins, as the subject of a sentence usually does in English."""
    a, t = animal(r), thing(r)
    subj_first = r.random() < 0.7
    s, o = (a, t) if subj_first else (t, a)
    verb = r.choice(["played with", "ran past", "slept by", "looked at", "hid behind", "jumped over", "pushed"]) \
        if s is a else r.choice(["lay next to", "stood near", "was beside", "rolled towards"])
    x = a if r.random() < 0.7 else t
    return [f"{cap(s.np)} {verb} {o.np} {because(r, x)}.", cap(does(r, x, x.subj())) + "."]


def plural_and_single(r):
    """"They" takes the plural noun among singular distractors."""
    g = r.choice([lambda: group(r), lambda: animal(r, True), lambda: thing(r, True)])()
    s = r.choice([lambda: person(r, r.choice(["he", "she"])), lambda: animal(r), lambda: thing(r)])()
    out = [f"{cap(s.np)} was at {r.choice(PLACES)}." if s.kind != "person" else f"{cap(s.np)} went to {r.choice(PLACES)}.",
           f"There were {g.np.replace('the ', 'some ', 1)} there too." if r.random() < 0.3 else f"{cap(g.np)} were there too."]
    if r.random() < 0.4:
        out.append(r.choice(FILLER))
    x = g if r.random() < 0.75 else s
    out.append(cap(does(r, x, x.subj())) + ".")
    return out


def thing_then_person(r):
    """An object handled by a person: "it" returns to the object across a clause."""
    p, t = person(r, r.choice(["he", "she"])), thing(r)
    clause = r.choice([f"{cap(p.np)} picked up {t.np}, but", f"When {p.np} touched {t.np},",
                       f"{cap(p.np)} put {t.np} on the table and", f"After {p.np} found {t.np},"])
    return [f"{clause} {does(r, t, 'it')}.", f"{cap(p.np)} said that {t.pron} was {t.data[3]}."]


def story(r):
    makers = [two_people, person_and_animal, animal_and_thing, plural_and_single, thing_then_person]
    weights = [3, 3, 3, 2, 2]
    parts = [f"{r.choice(TIME)}, " if r.random() < 0.3 else ""]
    sents = []
    for _ in range(r.randint(1, 3)):
        sents.extend(r.choices(makers, weights)[0](r))
    if parts[0]:
        sents[0] = parts[0] + sents[0][0].lower() + sents[0][1:] if not sents[0].split()[0] in BOYS + GIRLS else parts[0] + sents[0]
    return " ".join(sents)


def generate(words, seed):
    r = random.Random(seed)
    docs, n = [], 0
    while n < words:
        s = story(r)
        docs.append(s)
        n += s.count(" ") + 1
    return EOT.join(docs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--words", type=int, default=DEFAULT_WORDS)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--out", default="-")
    args = ap.parse_args()
    text = generate(args.words, args.seed)
    if args.out == "-":
        sys.stdout.write(text)
    else:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"stories: {args.words:,} words, {len(text):,} chars -> {args.out}")


if __name__ == "__main__":
    main()
