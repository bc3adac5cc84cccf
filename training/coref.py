"""Coreference score of every attention head, on hand-written pronoun cases never trained on.

For each case (training/eval/pronouns.tsv) the query is the pronoun's first token; a head "picks"
the right antecedent when it gives the antecedent's first token more attention than each
distractor noun's first token. The cases are split in two halves (even and odd rows): the best
head is chosen on one half and scored on the other, so the reported accuracy is not a maximum
over 36 heads of noise. Both directions are reported; the headline is their mean.

Usage: python3 coref.py --config C --checkpoint final.pt --tokenizer .work/tok8192 [--q8]
"""
import argparse, json, re, sys
from pathlib import Path
import numpy as np
import torch

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from export import load_checkpoint, load_q8  # noqa: E402
from golden import tokenizer_encoder  # noqa: E402

CASES = HERE / "eval/pronouns.tsv"


def load_cases(path=CASES):
    rows = [l.split("\t") for l in Path(path).read_text(encoding="utf-8").splitlines()
            if l.strip() and not l.startswith("#")]
    return [{"text": t, "pronoun": p, "antecedent": a, "distractors": d.split(",")} for t, p, a, d in rows[1:]]


def token_index(enc, text, word, after=0):
    """Index of the first token of `word` (a whole word, first occurrence at or after char `after`):
    the number of tokens in the text before it (its leading space belongs to its own token)."""
    m = re.compile(r"\b" + re.escape(word) + r"\b").search(text, after)
    if not m:
        raise ValueError(f"{word!r} not in {text!r}")
    cut = m.start() - 1 if m.start() > 0 and text[m.start() - 1] == " " else m.start()
    return len(enc.encode(text[:cut], eot_between_docs=False)), m.start()


def locate(enc, case):
    ids = enc.encode(case["text"], eot_between_docs=False)
    ant, _ = token_index(enc, case["text"], case["antecedent"])
    q, _ = token_index(enc, case["text"], case["pronoun"])
    # A noun after the pronoun cannot be looked at from it (causal attention): only earlier ones count.
    dis = [i for i in (token_index(enc, case["text"], d)[0] for d in case["distractors"]) if i < q]
    assert ant < q and dis, f"the antecedent and a distractor must come before the pronoun: {case['text']}"
    return ids, q, ant, dis


@torch.no_grad()
def attentions(model, ids):
    _, _, outs = model(torch.tensor([ids]), internals=True)
    return torch.stack([o["attn"][0] for o in outs]).numpy()  # [L, H, T, T]


def score(model, enc, cases):
    """Per case and head: did the head pick the antecedent, and by what margin (attention units)."""
    hits, margins = [], []
    for c in cases:
        ids, q, ant, dis = locate(enc, c)
        a = attentions(model, ids)[:, :, q, :]
        rival = np.max(a[:, :, dis], axis=-1)
        hits.append(a[:, :, ant] > rival)
        margins.append(a[:, :, ant] - rival)
    return np.array(hits), np.array(margins)  # [cases, L, H]


def held_out(hits, margins):
    """Best head on one half (accuracy, then mean margin), its accuracy on the other half."""
    halves = [np.arange(0, len(hits), 2), np.arange(1, len(hits), 2)]
    out = []
    for pick, test in [(0, 1), (1, 0)]:
        acc = hits[halves[pick]].mean(0) + 1e-6 * margins[halves[pick]].mean(0)
        l, h = np.unravel_index(np.argmax(acc), acc.shape)
        out.append({"chosen_on": ["even", "odd"][pick], "layer": int(l), "head": int(h),
                    "accuracy": round(float(hits[halves[test], l, h].mean()), 4)})
    return {"directions": out, "accuracy": round(float(np.mean([o["accuracy"] for o in out])), 4)}


def measure(model, enc, cases=None):
    cases = cases or load_cases()
    hits, margins = score(model, enc, cases)
    return {"cases": len(cases), "per_head_accuracy": np.round(hits.mean(0), 4).tolist(),
            "per_head_margin": np.round(margins.mean(0), 4).tolist(), "held_out": held_out(hits, margins)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", required=True)
    ap.add_argument("--checkpoint", required=True)
    ap.add_argument("--tokenizer", required=True)
    ap.add_argument("--q8", action="store_true", help="the int8 variant (after export.py)")
    args = ap.parse_args()
    cfg = json.loads(Path(args.config).read_text())
    torch.set_num_threads(1)
    model, _ = (load_q8 if args.q8 else load_checkpoint)(args.checkpoint, cfg)
    enc = tokenizer_encoder(Path(args.tokenizer) / "tokenizer.json")
    r = measure(model, enc)
    print(json.dumps({"held_out": r["held_out"], "best_overall": float(np.max(r["per_head_accuracy"]))}))


if __name__ == "__main__":
    main()
