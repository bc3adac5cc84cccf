"""Measure what each attention head does, for the attention chapter's labels.

Scores are mean attention weights (0..1) of the shipped (default) variant:
  previous_token  query t -> key t-1, over held-out prose windows
  first_token     query t -> key 0 (the "attention sink"), same windows, t >= 4
  self            query t -> key t
  induction       random tokens repeated twice; query in the 2nd copy -> the key just after
                  the same token's 1st occurrence (the head that completes patterns)
  pronoun         pronoun -> its antecedent, on hand-written sentences below
  coreference     per head, how often the pronoun looks at its antecedent more than at every
                  earlier distractor noun, on held-out cases (coref.py, training/eval/pronouns.tsv)
"""
import argparse, json, sys
from pathlib import Path
import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export import load_q8  # noqa: E402
from golden import tokenizer_encoder  # noqa: E402
import coref  # noqa: E402

# (sentence, pronoun, antecedent): the antecedent's first token is the target.
PRONOUNS = [
    ("The cat sat on the mat because it was tired.", " it", " cat"),
    ("The dog chased the ball until it was lost in the grass.", " it", " ball"),
    ("Mary told John that she would come home early.", " she", "Mary"),
    ("The old man walked slowly because he was very tired.", " he", " man"),
    ("The girl picked up the book and read it aloud.", " it", " book"),
    ("My brother bought a new car, and he drives it every day.", " he", " brother"),
    ("The king called his soldiers, and they came at once.", " they", " soldiers"),
    ("The woman opened the letter and she began to cry.", " she", " woman"),
    ("The children ran into the garden because they wanted to play.", " they", " children"),
    ("The ship left the harbour, but it never reached the island.", " it", " ship"),
]


@torch.no_grad()
def attn(model, ids):
    _, _, outs = model(torch.tensor([ids]), internals=True)
    return torch.stack([o["attn"][0] for o in outs]).numpy()  # [L,H,T,T]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", required=True)
    ap.add_argument("--checkpoint", required=True)
    ap.add_argument("--tokenizer", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    cfg = json.loads(Path(args.config).read_text())
    torch.set_num_threads(1)
    model, _ = load_q8(args.checkpoint, cfg)
    enc = tokenizer_encoder(Path(args.tokenizer) / "tokenizer.json")
    L, H = cfg["model"]["n_layer"], cfg["model"]["n_head"]

    val = np.fromfile(Path(args.data) / "val_brown.bin", dtype=np.uint16).astype(np.int64)
    T = 64
    prev = np.zeros((L, H)); first = np.zeros((L, H)); selfs = np.zeros((L, H))
    n_win = 40
    for w in range(n_win):
        a = attn(model, val[w * T:(w + 1) * T].tolist())
        t = np.arange(1, T)
        prev += a[:, :, t, t - 1].mean(-1)
        first += a[:, :, 4:, 0].mean(-1)
        selfs += a[:, :, np.arange(T), np.arange(T)].mean(-1)
    prev /= n_win; first /= n_win; selfs /= n_win

    rng = np.random.default_rng(0)
    ind = np.zeros((L, H)); R = 24; n_rep = 20
    for _ in range(n_rep):
        r = rng.integers(256, cfg["model"]["vocab_size"] - 1, size=R).tolist()
        a = attn(model, r + r)
        q = np.arange(R + 1, 2 * R)
        ind += a[:, :, q, q - R + 1].mean(-1)
    ind /= n_rep

    pron = np.zeros((L, H)); cases = []
    for text, p, ant in PRONOUNS:
        ids = enc.encode(text, eot_between_docs=False)
        pid = enc.encode(p, False)[0]; aid = enc.encode(ant, False)[0]
        qi = ids.index(pid); ki = ids.index(aid)
        a = attn(model, ids)
        pron += a[:, :, qi, ki]
        cases.append({"text": text, "pronoun": p.strip(), "antecedent": ant.strip(), "query": qi + 1, "key": ki + 1})
    pron /= len(PRONOUNS)

    scores = {"previous_token": prev, "first_token": first, "self": selfs, "induction": ind, "pronoun": pron}
    names = {"previous_token": "previous-token", "first_token": "first-token (sink)", "self": "self",
             "induction": "induction", "pronoun": "pronoun → antecedent"}
    # What a head that spreads attention evenly over the visible keys would score: query t sees
    # t+1 keys, so its weight on any one key is 1/(t+1). A pattern is a head's label when the head
    # beats that baseline at least twofold (its "lift"); otherwise the head is "broad".
    inv = lambda qs: float(np.mean([1.0 / (q + 1) for q in qs]))
    baseline = {"previous_token": inv(range(1, T)), "first_token": inv(range(4, T)), "self": inv(range(T)),
                "induction": inv(range(R + 1, 2 * R)), "pronoun": inv([c["query"] - 1 for c in cases])}
    lift = {k: scores[k] / baseline[k] for k in scores}
    labels = []
    for l in range(L):
        row = []
        for h in range(H):
            best = max(lift, key=lambda k: lift[k][l, h])
            row.append(names[best] if lift[best][l, h] >= 2 else "broad")
        labels.append(row)
    out = {"model": cfg["id"], "layers": L, "heads": H, "indexing": "scores[layer][head] arrays are 0-based; the site shows layers and heads 1-based",
           "method": __doc__.strip(), "scores": {k: np.round(v, 4).tolist() for k, v in scores.items()},
           "baseline": {k: round(v, 4) for k, v in baseline.items()},
           "lift": {k: np.round(v, 2).tolist() for k, v in lift.items()},
           "labels": labels, "label_rule": "strongest pattern by lift over an even spread, if lift >= 2; else broad",
           "pronoun_cases": cases, "pronoun_cases_indexing": "query and key are 1-based token positions",
           "coreference": {**coref.measure(model, enc), "method": coref.__doc__.strip().split("\n\nUsage")[0],
                           "indexing": "per_head_* are [layer][head], 0-based; held_out layer/head too"}}
    Path(args.out).write_text(json.dumps(out, indent=1, ensure_ascii=False))
    best = np.unravel_index(np.argmax(pron), pron.shape)
    print("heads:", args.out, "best pronoun head (1-based): layer", best[0] + 1, "head", best[1] + 1, "score", round(float(pron[best]), 3))


if __name__ == "__main__":
    main()
