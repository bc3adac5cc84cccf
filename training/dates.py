"""A seeded corpus of dates written the ways people write them, each paired with its ISO 8601 form.

Why dates: glassbox-seq2seq's task must make cross-attention readable. Turning "the 7th of
December, 2026" into "2026-12-07" reorders the source (year last becomes year first) and
translates a word into digits ("December" becomes "12"), so each output token has one clear
place in the input to look at, and that place moves around as the format changes.

The held-out test set never shares a calendar date with the training pairs: every date is
assigned to train or test by a hash of the date itself, so the test measures formats applied to
dates the model has never seen, not recall.

Usage: python3 dates.py [--n N --seed S]   prints tab-separated source, target pairs
"""
import argparse, datetime, hashlib, random

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
ORDINAL_WORDS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                 "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
                 "eighteenth", "nineteenth", "twentieth", "twenty-first", "twenty-second", "twenty-third",
                 "twenty-fourth", "twenty-fifth", "twenty-sixth", "twenty-seventh", "twenty-eighth",
                 "twenty-ninth", "thirtieth", "thirty-first"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# Years the corpus covers: wide enough that the year is copied digit group by digit group
# rather than memorised, narrow enough that every year appears in training.
FIRST_YEAR, LAST_YEAR = 1600, 2199
TEST_SHARE = 0.05


def ordinal(n):
    if 11 <= n % 100 <= 13:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def render(d: datetime.date, rng: random.Random) -> str:
    """One of twelve ways to write a date in English prose or on a form (never ambiguous
    numeric forms such as 07/12/2026, which mean different dates in Britain and America)."""
    day, month, year = d.day, MONTHS[d.month - 1], d.year
    abbr = ABBR[d.month - 1]
    forms = [
        f"{day} {month} {year}",
        f"{month} {day}, {year}",
        f"{ordinal(day)} {month} {year}",
        f"the {ordinal(day)} of {month}, {year}",
        f"the {ORDINAL_WORDS[day - 1]} of {month} {year}",
        f"{month} the {ORDINAL_WORDS[day - 1]}, {year}",
        f"{abbr} {day} {year}",
        f"{day} {abbr}. {year}",
        f"{WEEKDAYS[d.weekday()]} {day} {month} {year}",
        f"{WEEKDAYS[d.weekday()]}, {month} {day}, {year}",
        f"{month} {ordinal(day)}, {year}",
        f"in {month} {year}, on the {ordinal(day)}",
    ]
    return rng.choice(forms)


def iso(d: datetime.date) -> str:
    return d.isoformat()


def is_test(d: datetime.date) -> bool:
    """Train/test split by the date itself (not by the drawn pair), stable across seeds."""
    h = int.from_bytes(hashlib.sha256(d.isoformat().encode()).digest()[:4], "big")
    return h / 2**32 < TEST_SHARE


def random_date(rng: random.Random) -> datetime.date:
    start = datetime.date(FIRST_YEAR, 1, 1).toordinal()
    end = datetime.date(LAST_YEAR, 12, 31).toordinal()
    return datetime.date.fromordinal(rng.randint(start, end))


def pairs(n: int, seed: int, split: str):
    """n (source, target) pairs from the train or test dates, reproducible for a given seed."""
    rng = random.Random(f"{split}:{seed}")
    out = []
    while len(out) < n:
        d = random_date(rng)
        if is_test(d) != (split == "test"):
            continue
        out.append((render(d, rng), iso(d)))
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--split", default="train", choices=["train", "test"])
    a = ap.parse_args()
    for s, t in pairs(a.n, a.seed, a.split):
        print(f"{s}\t{t}")
