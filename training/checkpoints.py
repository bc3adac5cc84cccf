"""Export the weights a run kept at "keep_steps" (train.py) for the training chapter's scrubber.

Each becomes a folder public/models/<id>/checkpoints/step-NNNNNN/ with config.json,
generation_config.json and onnx/model_quantized.onnx, the q8 network exactly as export.py builds
the site's default (no fp32 file: the chapter shows only the default variant). The tokenizer is
the final model's: the site loads it from public/models/<id>/ (catalogue.ts tokenizerName). checkpoints.json next
to them lists steps, tokens seen, bytes and held-out loss, and card.py copies it into models.json.

Usage: python3 checkpoints.py --config C --run .work/run/<id> \
       --data .work/data --out public/models/<id>
"""
import argparse, json, shutil, sys, tempfile
from pathlib import Path
import numpy as np
import onnx
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export import export_fp32, hf_config, load_checkpoint, quantize_weights  # noqa: E402
from train import evaluate, load_tokens  # noqa: E402


def export_q8(model, folder):
    (folder / "onnx").mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "model.onnx"
        export_fp32(model, fp32)
        q = onnx.load(str(fp32))
        quantize_weights(q)
        onnx.checker.check_model(q)
        onnx.save(q, str(folder / "onnx/model_quantized.onnx"))
    return (folder / "onnx/model_quantized.onnx").stat().st_size


def list_in_catalogue(out):
    """Put checkpoints.json's rows, then the model itself (path "."), in models.json's entry for the
    model in `out`, for the training chapter's scrubber. The final row's numbers are the model's own:
    its q8 file and the last evaluation in training-log.json (on the full held-out sets)."""
    out = Path(out)
    kept, cat_path = out / "checkpoints.json", out.parent / "models.json"
    if not kept.exists() or not cat_path.exists():
        return
    cat = json.loads(cat_path.read_text())
    entry = next(m for m in cat["models"] if m["id"] == out.name and not m.get("archived"))
    log = json.loads((out / "training-log.json").read_text())
    last, cfg = log["val"][-1], log["config"]
    final = {"step": cfg["steps"], "tokens": cfg["steps"] * cfg["batch"] * cfg["seq_len"], "path": ".", "file": entry["file"],
             "bytes": (out / entry["file"]).stat().st_size, "val_brown": last["val_brown"], "val_gutenberg": last["val_gutenberg"]}
    entry["checkpoints"] = json.loads(kept.read_text())["checkpoints"] + [final]
    cat_path.write_text(json.dumps(cat, indent=2) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", required=True)
    ap.add_argument("--run", required=True, help="the run's work folder, holding step-NNNNNN.pt")
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True, help="public/models/<id>")
    ap.add_argument("--windows", type=int, default=100, help="held-out windows scored per checkpoint")
    args = ap.parse_args()
    cfg = json.loads(Path(args.config).read_text())
    torch.set_num_threads(1)
    out = Path(args.out) / "checkpoints"
    if out.exists():
        shutil.rmtree(out)
    data = Path(args.data)
    meta = json.loads((data / "tokens.json").read_text())
    vals = {k: (load_tokens(data / f"{k}.bin"), meta[k]["bytes"]) for k in ["val_brown", "val_gutenberg"]}
    eos = cfg["model"]["vocab_size"] - 1
    listing = []
    for pt in sorted(Path(args.run).glob("step-*.pt")):
        model, st = load_checkpoint(pt, cfg)
        step = int(st["step"])
        folder = out / f"step-{step:06d}"
        size = export_q8(model, folder)
        (folder / "config.json").write_text(json.dumps(hf_config(cfg), indent=2))
        (folder / "generation_config.json").write_text(json.dumps(
            {"bos_token_id": eos, "eos_token_id": eos, "max_length": cfg["model"]["n_positions"], "do_sample": False}, indent=2))
        row = {"step": step, "tokens": step * cfg["batch"] * cfg["seq_len"], "path": f"checkpoints/step-{step:06d}",
               "file": "onnx/model_quantized.onnx", "bytes": size}
        # fp32 scores of the checkpoint's weights on the first windows of each held-out set (the
        # same measure as training-log.json's eval rows), so the scrubber can say how good it was.
        for k, (toks, nb) in vals.items():
            loss, bpb = evaluate(model, toks, cfg["seq_len"], nb, args.windows)
            row[k] = {"loss": round(loss, 4), "bpb": round(bpb, 4)}
        listing.append(row)
        print(f"checkpoint step {step}: {size:,} bytes, {row['val_brown']}", flush=True)
    (Path(args.out) / "checkpoints.json").write_text(json.dumps(
        {"note": f"val_* on the first {args.windows} windows of each held-out set, nats per token and bits per byte",
         "checkpoints": listing}, indent=1) + "\n")
    # card.py lists them again when it rewrites models.json; this covers a served model's checkpoints
    # rebuilt later (train.py --until), without a new card.
    if (Path(args.out) / "training-log.json").exists():
        list_in_catalogue(args.out)


if __name__ == "__main__":
    main()
