"""Collect the scaling family's held-out losses into one JSON file for the scaling chapter.

Every number comes from a run's own log (train.py writes log.json at the end): the settings it
ran with, its wall time and its final full evaluation on both held-out sets.
"""
import argparse, json
from pathlib import Path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", required=True)
    ap.add_argument("--configs", required=True)
    ap.add_argument("--data", default="training/.work/data")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    runs = []
    for cfg_path in sorted(Path(args.configs).glob("*.json")):
        cfg = json.loads(cfg_path.read_text())
        log = json.loads((Path(args.runs) / cfg["id"] / "log.json").read_text())
        m = cfg["model"]
        final = log["val"][-1]
        assert final["step"] == cfg["steps"], f"{cfg['id']} did not finish"
        # Non-embedding parameters, as in Kaplan et al. and Chinchilla's N: all but wte and wpe.
        embedding = m["vocab_size"] * m["n_embd"] + m["n_positions"] * m["n_embd"]
        runs.append({
            "id": cfg["id"], "n_layer": m["n_layer"], "n_embd": m["n_embd"], "n_head": m["n_head"],
            "params": log["params"], "non_embedding_params": log["params"] - embedding,
            "tokens": cfg["steps"] * cfg["batch"] * cfg["seq_len"],
            "batch": cfg["batch"], "seq_len": cfg["seq_len"], "steps": cfg["steps"], "warmup": cfg["warmup"],
            "lr": cfg["lr"], "weight_decay": cfg["weight_decay"], "seed": cfg["seed"],
            "seconds": round(log["seconds"], 1),
            "val": {"gutenberg": final["val_gutenberg"], "brown": final["val_brown"]},
        })
    src = json.loads((Path(args.data) / "sources.json").read_text())
    train_books = sum(b["split"] == "train" for b in src["books"])
    val_books = sorted(b["ebook"] for b in src["books"] if b["split"] != "train")
    runs.sort(key=lambda r: (r["non_embedding_params"], r["tokens"]))
    out = {
        "description": "Glassbox's scaling family: GPT-2-architecture models trained by training/family.sh "
                       "on the same data, tokenizer and schedule (AdamW, linear warm-up then linear decay "
                       "to zero). Losses are on held-out text, after the full schedule.",
        "seq_len": runs[0]["seq_len"], "vocab": 8192,
        "units": {"loss": "nats per token (8,192-token BPE)", "bpb": "bits per UTF-8 byte", "seconds": "wall-clock seconds on 2 CPU cores, shared with other work while these ran: a rough cost, not a benchmark"},
        "data": {
            "train": f"Brown Corpus (9 files in 10, x{src['brown_repeat']}) + {train_books} Project Gutenberg books, paragraphs unwrapped",
            "validation": {"gutenberg": f"{len(val_books)} held-out Project Gutenberg books (ebooks {', '.join(map(str, val_books))})",
                           "brown": "every 10th Brown Corpus file"},
        },
        "runs": runs,
    }
    Path(args.out).write_text(json.dumps(out, indent=1) + "\n")
    print(f"{len(runs)} runs -> {args.out}")


if __name__ == "__main__":
    main()
