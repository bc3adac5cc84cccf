"""Train Glassbox's GPT on the prepared corpus, with checkpoints and resume.

Everything is fixed by the config and the seed: the data order, the initial weights and the
schedule are a function of the step number, so a resumed run continues exactly.
Progress lines report loss, tokens/s and time left. Prints go to stdout; the log to JSON.
"""
import argparse, contextlib, json, math, os, sys, time
from pathlib import Path
import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from model import GPT, n_params  # noqa: E402
from muon import Muon  # noqa: E402

LN2 = math.log(2)


def load_tokens(path):
    return np.fromfile(path, dtype=np.uint16).astype(np.int64)


@torch.no_grad()
def evaluate(model, toks, T, n_bytes, max_windows=None, batch=16):
    """Mean loss (nats/token) over non-overlapping windows, and bits per byte for the text.

    Bits per byte = total nats / ln 2 / UTF-8 bytes, so it does not depend on the tokenizer.
    When only some windows are scored, bytes are scaled by the fraction of tokens scored.
    """
    model.eval()
    n = (len(toks) - 1) // T
    if max_windows:
        n = min(n, max_windows)
    total, count = 0.0, 0
    for s in range(0, n, batch):
        idx = [toks[i * T:(i + 1) * T] for i in range(s, min(n, s + batch))]
        tgt = [toks[i * T + 1:(i + 1) * T + 1] for i in range(s, min(n, s + batch))]
        x = torch.from_numpy(np.stack(idx)); y = torch.from_numpy(np.stack(tgt))
        logits = model(x)
        total += torch.nn.functional.cross_entropy(logits.view(-1, logits.shape[-1]), y.view(-1), reduction="sum").item()
        count += y.numel()
    model.train()
    frac = count / (len(toks) - 1)
    return total / count, total / LN2 / (n_bytes * frac)


def mlm_batch(x, g, cfg):
    """RoBERTa's dynamic masking (Liu et al. 2019): each step picks 15% of positions afresh; of
    those, 80% become the mask token, 10% a random token and 10% stay, and only they are scored.
    Targets elsewhere are -100, which cross_entropy ignores."""
    mask_id = cfg["model"]["vocab_size"] - 1
    pick = g.random(x.shape) < cfg.get("mask_share", 0.15)
    y = np.where(pick, x, -100)
    r = g.random(x.shape)
    inp = np.where(pick & (r < 0.8), mask_id, x)
    rand = pick & (r >= 0.8) & (r < 0.9)
    inp = np.where(rand, g.integers(0, mask_id - 1, size=x.shape), inp)
    return torch.from_numpy(inp), torch.from_numpy(y)


@torch.no_grad()
def evaluate_mlm(model, toks, T, cfg, max_windows, batch=16):
    """Masked-token loss (nats) and top-1 accuracy over held-out windows, with fixed masks."""
    model.eval()
    n = min((len(toks) - 1) // T, max_windows or 1 << 30)
    g = np.random.default_rng(12345)
    total, right, count = 0.0, 0, 0
    for s in range(0, n, batch):
        x = np.stack([toks[i * T:(i + 1) * T] for i in range(s, min(n, s + batch))])
        inp, y = mlm_batch(x, g, cfg)
        logits = model(inp)
        keep = y != -100
        total += torch.nn.functional.cross_entropy(logits[keep], y[keep], reduction="sum").item()
        right += int((logits[keep].argmax(-1) == y[keep]).sum())
        count += int(keep.sum())
    model.train()
    return total / count, right / count


def lr_at(step, cfg):
    """Linear warmup, then linear decay to zero (measured better than cosine at short budgets)."""
    w, s = cfg["warmup"], cfg["steps"]
    if step < w:
        return cfg["lr"] * (step + 1) / w
    return cfg["lr"] * max(0.0, (s - step) / (s - w))


def make_optimizers(model, cfg):
    """AdamW for everything, or (optimizer "muon") Muon for the blocks' weight matrices and AdamW
    for the embeddings (wte is also the tied output head), LayerNorms and biases.
    Every group keeps its peak rate in "peak_lr"; lr_at scales it by the schedule."""
    muon = cfg.get("optimizer", "adamw") == "muon"
    hidden = {n for n, p in model.named_parameters() if muon and p.dim() == 2 and ".h." in n}
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2 and n not in hidden]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
    adam = torch.optim.AdamW([{"params": decay, "weight_decay": cfg["weight_decay"], "peak_lr": cfg["lr"]},
                              {"params": no_decay, "weight_decay": 0.0, "peak_lr": cfg["lr"]}],
                             lr=cfg["lr"], betas=(0.9, 0.95), eps=1e-8)
    if not muon:
        return [adam]
    named = dict(model.named_parameters())
    qkv = [named[n] for n in sorted(hidden) if n.endswith("c_attn.weight")]
    rest = [named[n] for n in sorted(hidden) if not n.endswith("c_attn.weight")]
    mo = Muon([{"params": qkv, "splits": 3}, {"params": rest, "splits": 1}], lr=cfg["muon_lr"],
              momentum=cfg.get("muon_momentum", 0.95), weight_decay=cfg.get("muon_weight_decay", 0.0))
    for grp in mo.param_groups:
        grp["peak_lr"] = cfg["muon_lr"]
    return [adam, mo]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--max-minutes", type=float, default=0, help="stop early (for sweeps); 0 = full run")
    ap.add_argument("--until", type=int, default=0,
                    help="stop after this step, schedule unchanged (e.g. to rebuild a finished run's early keep_steps); 0 = full run")
    ap.add_argument("--threads", type=int, default=0,
                    help="torch threads (default: the config's); 1 is faster on a machine busy with other work")
    args = ap.parse_args()
    cfg = json.loads(Path(args.config).read_text())
    # fp32: 1 torch thread + OPENBLAS_NUM_THREADS=2 is fastest on 2 cores (OpenBLAS does the
    # matmuls). bf16: oneDNN does the matmuls on torch's threads, so torch gets both cores and
    # train.sh gives OpenBLAS 1. Measured in RUNS.md.
    bf16 = cfg.get("precision", "fp32") == "bf16"
    torch.set_num_threads(args.threads or cfg.get("torch_threads", 1))
    work = Path(args.work); work.mkdir(parents=True, exist_ok=True)
    data = Path(cfg["data"])
    train = load_tokens(data / "train.bin")
    meta = json.loads((data / "tokens.json").read_text())
    vals = {k: (load_tokens(data / f"{k}.bin"), meta[k]["bytes"]) for k in ["val_brown", "val_gutenberg"]}
    # "mix": {"narrative": 0.1, "stories": 0.15} gives those shares of the batch rows to the extra
    # sources (prepare.py); the rest come from the whole training split, as without a mix.
    mix = cfg.get("mix") or {}
    # "objective": "mlm" trains glassbox-encoder, a masked LM on the same data (mlm_batch).
    mlm = cfg.get("objective", "clm") == "mlm"
    sources = [train] + [load_tokens(data / f"{k}.bin") for k in mix]
    weights = [1.0 - sum(mix.values())] + list(mix.values())
    assert weights[0] >= 0, "mix shares must sum to at most 1"

    torch.manual_seed(cfg["seed"])
    model = GPT(cfg["model"])
    opts = make_optimizers(model, cfg)
    T, B = cfg["seq_len"], cfg["batch"]
    log = {"config": cfg, "params": n_params(model), "train": [], "val": [], "seconds": 0.0}
    step = 0
    ckpt = work / "ckpt.pt"
    if args.resume and ckpt.exists():
        st = torch.load(ckpt)
        model.load_state_dict(st["model"])
        # Checkpoints from before the optimizer option hold one AdamW state dict.
        for o, sd in zip(opts, st["opt"] if isinstance(st["opt"], list) else [st["opt"]]):
            o.load_state_dict(sd)
        step, log = st["step"], st["log"]
        print(f"resumed at step {step}", flush=True)
    print(f"params {log['params']:,}  steps {cfg['steps']}  tokens/step {B*T}  train tokens {len(train):,}", flush=True)

    t0 = time.time(); seconds0 = log["seconds"]; tok_since, t_since = 0, time.time()
    # "keep_steps": the weights at these steps (0 = the random initialisation) are kept for the
    # training chapter's checkpoints (export.py --checkpoint work/step-NNNNNN.pt).
    keep = set(cfg.get("keep_steps", []))

    def keep_weights():
        if step in keep and not (work / f"step-{step:06d}.pt").exists():
            torch.save({"model": model.state_dict(), "step": step, "log": {"train": list(log["train"]), "val": list(log["val"])}},
                       work / f"step-{step:06d}.pt")
    keep_weights()
    while step < (args.until or cfg["steps"]):
        # Batch for step s is a pure function of (seed, s): resume-safe and reproducible.
        g = np.random.default_rng([cfg["seed"], step])
        if mix:
            # Each row of the batch comes from one source, drawn with the mix's weights.
            rows = [sources[k] for k in g.choice(len(sources), size=B, p=weights)]
        else:
            rows = [train] * B
        starts = [g.integers(0, len(r) - T - 1) for r in rows] if mix else g.integers(0, len(train) - T - 1, size=B)
        x = torch.from_numpy(np.stack([r[s:s + T] for r, s in zip(rows, starts)]))
        y = torch.from_numpy(np.stack([r[s + 1:s + T + 1] for r, s in zip(rows, starts)]))
        if mlm:
            x, y = mlm_batch(x.numpy(), g, cfg)
        scale = lr_at(step, cfg) / cfg["lr"]
        for o in opts:
            for grp in o.param_groups:
                grp["lr"] = grp["peak_lr"] * scale
        # bf16 autocast: matmuls in bf16 with fp32 accumulation; weights, optimizer state,
        # LayerNorm, GELU and the softmax stay fp32. Evaluation always runs in fp32.
        with torch.cpu.amp.autocast(dtype=torch.bfloat16) if bf16 else contextlib.nullcontext():
            _, loss = model(x, y)
        for o in opts:
            o.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        for o in opts:
            o.step()
        step += 1; tok_since += B * T
        keep_weights()
        if step % cfg["log_every"] == 0 or step == cfg["steps"]:
            el = time.time() - t_since
            tps = tok_since / el
            log["seconds"] = seconds0 + time.time() - t0
            left = (cfg["steps"] - step) * B * T / tps
            log["train"].append({"step": step, "tokens": step * B * T, "loss": round(loss.item(), 4),
                                 "lr": lr_at(step - 1, cfg), "seconds": round(log["seconds"], 1)})
            print(f"step {step:5d}/{cfg['steps']}  loss {loss.item():.3f}  {tps:,.0f} tok/s  "
                  f"elapsed {log['seconds']/60:.1f} min  left {left/60:.1f} min", flush=True)
            tok_since, t_since = 0, time.time()
        if step % cfg["eval_every"] == 0 or step == cfg["steps"]:
            full = step == cfg["steps"]
            row = {"step": step, "tokens": step * B * T}
            for k, (toks, nb) in vals.items():
                if mlm:
                    l, acc = evaluate_mlm(model, toks, T, cfg, None if full else cfg["eval_windows"])
                    row[k] = {"loss": round(l, 4), "accuracy": round(acc, 4)}
                    continue
                l, bpb = evaluate(model, toks, T, nb, None if full else cfg["eval_windows"])
                row[k] = {"loss": round(l, 4), "bpb": round(bpb, 4)}
            log["val"].append(row)
            print(f"  eval {row}", flush=True)
            torch.save({"model": model.state_dict(), "opt": [o.state_dict() for o in opts], "step": step, "log": log}, ckpt)
        if args.max_minutes and (time.time() - t0) / 60 > args.max_minutes:
            row = {"step": step, "tokens": step * B * T}
            for k, (toks, nb) in vals.items():
                l, bpb = evaluate(model, toks, T, nb, cfg["eval_windows"])
                row[k] = {"loss": round(l, 4), "bpb": round(bpb, 4)}
            log["val"].append(row)
            print(f"  stopped early {row}", flush=True)
            break
    log["seconds"] = seconds0 + time.time() - t0
    if args.until and step < cfg["steps"]:
        # Stopped early by --until: no final.pt, so nothing exports a half-trained model by mistake.
        torch.save({"model": model.state_dict(), "opt": [o.state_dict() for o in opts], "step": step, "log": log}, ckpt)
        (work / "log.json").write_text(json.dumps(log, indent=1))
        return
    torch.save({"model": model.state_dict(), "step": step, "log": log}, work / "final.pt")
    (work / "log.json").write_text(json.dumps(log, indent=1))


if __name__ == "__main__":
    main()
