"""Train glassbox-seq2seq, the tiny encoder-decoder that writes dates in ISO form (dates.py).

Everything follows from the config and its seed: the pairs, their order and the initial weights.
Checkpoints every `save_every` steps; --resume continues from the last one. Progress lines give
the loss, pairs per second and the time left; the end reports exact match on the held-out dates.

Usage: python3 train_seq2seq.py --config configs/glassbox-seq2seq.json --work .work/run/glassbox-seq2seq [--resume]
"""
import argparse, json, math, sys, time
from pathlib import Path
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from seq2seq_model import Seq2Seq, n_params  # noqa: E402
from dates import pairs  # noqa: E402
from golden import tokenizer_encoder  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def load_cfg(path):
    cfg = json.loads(Path(path).read_text())
    cfg["tokenizer"] = str(ROOT / cfg["tokenizer"])
    return cfg


def tokenize_pairs(enc, items, eos):
    """Source ids as the tokenizer writes them (no special tokens: the site passes exactly
    tokenizer(text)); target ids followed by end-of-text, which stops generation."""
    return [(enc.encode(s), enc.encode(t) + [eos]) for s, t in items]


def batch_tensors(batch, start, pad):
    S = max(len(s) for s, _ in batch)
    T = max(len(t) for _, t in batch)
    src = torch.full((len(batch), S), pad, dtype=torch.long)
    mask = torch.zeros(len(batch), S, dtype=torch.long)
    dec_in = torch.full((len(batch), T), pad, dtype=torch.long)
    tgt = torch.full((len(batch), T), -100, dtype=torch.long)
    for i, (s, t) in enumerate(batch):
        src[i, :len(s)] = torch.tensor(s); mask[i, :len(s)] = 1
        dec_in[i, :len(t)] = torch.tensor([start] + t[:-1])
        tgt[i, :len(t)] = torch.tensor(t)
    return src, mask, dec_in, tgt


def lr_at(step, cfg):
    w, s = cfg["warmup"], cfg["steps"]
    if step < w:
        return cfg["lr"] * (step + 1) / w
    return cfg["lr"] * 0.5 * (1 + math.cos(math.pi * (step - w) / max(1, s - w)))


def exact_match(model, enc, items, cfg, batch=250):
    """Share of held-out pairs whose greedy output is exactly the ISO date, and the misses."""
    eos = cfg["model"]["vocab_size"] - 1
    toks = tokenize_pairs(enc, items, eos)
    right, misses = 0, []
    model.eval()
    for b in range(0, len(toks), batch):
        chunk = toks[b:b + batch]
        src, mask, _, _ = batch_tensors(chunk, eos, eos)
        outs = model.greedy(src, mask, eos, eos, max_len=cfg["max_target_tokens"])
        for (s, t), o, (text, want) in zip(chunk, outs, items[b:b + batch]):
            if o == t[:-1]:
                right += 1
            else:
                misses.append((text, want, o))
    model.train()
    return right / len(toks), misses


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--threads", type=int, default=0,
                    help="torch threads (default: the config's); 1 is faster on a machine busy with other work")
    a = ap.parse_args()
    cfg = load_cfg(a.config)
    torch.manual_seed(cfg["seed"])
    torch.set_num_threads(a.threads or cfg.get("torch_threads", 2))
    work = Path(a.work); work.mkdir(parents=True, exist_ok=True)
    enc = tokenizer_encoder(cfg["tokenizer"])
    eos = cfg["model"]["vocab_size"] - 1
    model = Seq2Seq(cfg["model"])
    opt = torch.optim.AdamW(model.parameters(), lr=cfg["lr"], betas=(0.9, 0.98), weight_decay=cfg["weight_decay"])
    step, log = 0, {"train": [], "test": None}
    ck = work / "last.pt"
    if a.resume and ck.exists():
        st = torch.load(ck, map_location="cpu")
        model.load_state_dict(st["model"]); opt.load_state_dict(st["opt"])
        step, log = st["step"], st["log"]
        torch.set_rng_state(st["rng"])
        print(f"resumed at step {step}")
    print(f"glassbox-seq2seq: {n_params(model):,} parameters")
    B = cfg["batch"]
    t0, seen = time.time(), 0
    while step < cfg["steps"]:
        # Pairs for a step are drawn from a seed derived from the step: a resumed run sees
        # exactly the pairs an uninterrupted one would.
        items = pairs(B, cfg["seed"] * 1_000_003 + step, "train")
        src, mask, dec_in, tgt = batch_tensors(tokenize_pairs(enc, items, eos), eos, eos)
        for g in opt.param_groups:
            g["lr"] = lr_at(step, cfg)
        loss = model(src, mask, dec_in, tgt)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1; seen += B
        if step % cfg["log_every"] == 0 or step == cfg["steps"]:
            rate = seen / (time.time() - t0)
            left = (cfg["steps"] - step) * B / rate
            log["train"].append({"step": step, "loss": round(loss.item(), 5)})
            print(f"step {step:5d}  loss {loss.item():.4f}  {rate:,.0f} pairs/s  ~{left / 60:.1f} min left", flush=True)
        if step % cfg["save_every"] == 0 or step == cfg["steps"]:
            torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "step": step, "log": log,
                        "rng": torch.get_rng_state(), "config": cfg}, ck)
    test = pairs(cfg["test_pairs"], cfg["seed"], "test")
    acc, misses = exact_match(model, enc, test, cfg)
    log["test"] = {"pairs": len(test), "exact_match": acc, "misses": [[s, t] for s, t, _ in misses[:20]]}
    print(f"held-out exact match: {acc:.4f} on {len(test)} dates never trained on")
    torch.save({"model": model.state_dict(), "step": step, "log": log, "config": cfg}, work / "final.pt")
    (work / "log.json").write_text(json.dumps(log, indent=1))


if __name__ == "__main__":
    main()
