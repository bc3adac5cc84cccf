"""Model cards for the companion models, and their entries in public/models/models.json.

Companions sit beside the GPT under "companions", each with its role, so that the catalogue's
"models" (the GPT and its kept versions, which every diagram may load) stay one kind of thing.
An entry names the q8 files the site loads, their sizes, and a version: the first 12 hex digits
of the SHA-256 of those files in order, as the GPT's version is of its one file.

Every number in a card is measured here, on the q8 weights the site ships (read back from the
ONNX files), never typed in.

Usage: python3 companion_card.py --role encoder|seq2seq --config C --run RUN --out public/models/<id>
"""
import argparse, hashlib, json, sys
from pathlib import Path
import numpy as np
import onnx
from onnx import numpy_helper
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from model import GPT, n_params  # noqa: E402
from golden import tokenizer_encoder  # noqa: E402
from dates import FIRST_YEAR, LAST_YEAR  # noqa: E402
from card import cpu_name  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FILES = {"encoder": ["onnx/model_quantized.onnx"],
         "seq2seq": ["onnx/encoder_model_quantized.onnx", "onnx/decoder_model_merged_quantized.onnx"]}


def onnx_state(path, prefix="model."):
    """Parameters as the ONNX file computes with them: int8 weights times their scales."""
    inits = {i.name: numpy_helper.to_array(i) for i in onnx.load(str(path)).graph.initializer}
    state = {}
    for name, arr in inits.items():
        if name.endswith(("_scale", "_zp")) or not name.startswith(prefix):
            continue
        if name.endswith("_q"):
            base = name[:-2]
            s = inits[base + "_scale"]
            arr = arr.astype(np.float32) * (s[:, None] if base.endswith("wte.weight") else s[None, :])
            name = base
        state[name[len(prefix):]] = torch.from_numpy(np.ascontiguousarray(arr, dtype=np.float32))
    return state


def load_onnx_gpt(folder, model_cfg):
    m = GPT(model_cfg)
    m.load_state_dict(onnx_state(Path(folder) / "onnx/model_quantized.onnx"), strict=False)
    return m.eval()


def read_blanks(path, enc):
    """(ids, blank index) per sentence of eval/blanks.tsv; the bracketed word must be one token."""
    out = []
    for line in Path(path).read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        left, rest = line.split("[", 1)
        word, right = rest.split("]", 1)
        ids_left = enc.encode(left.rstrip(" "))
        ids_word = enc.encode((" " if left.endswith(" ") else "") + word)
        if len(ids_word) != 1:
            sys.exit(f"blanks: '{word}' is {len(ids_word)} tokens in: {line}")
        ids = ids_left + ids_word + enc.encode(right)
        if ids != enc.encode(left + word + right):
            sys.exit(f"blanks: the blank does not fall on a token boundary in: {line}")
        out.append((line, ids, len(ids_left)))
    return out


@torch.no_grad()
def blank_accuracy(encoder, gpt, blanks, mask_id):
    """Top-1 accuracy for the blank: the encoder reading both sides, the GPT the left side only."""
    enc_right = dec_right = 0
    for _, ids, b in blanks:
        x = list(ids); x[b] = mask_id
        logits = encoder(torch.tensor([x]))[0, b]
        logits[mask_id] = -float("inf")
        enc_right += int(logits.argmax()) == ids[b]
        dec_right += int(gpt(torch.tensor([ids[:b]]))[0, -1].argmax()) == ids[b]
    return enc_right / len(blanks), dec_right / len(blanks)


def entry(out: Path, role: str, facts: dict) -> dict:
    h = hashlib.sha256()
    files = []
    for f in FILES[role]:
        data = (out / f).read_bytes()
        h.update(data)
        files.append({"file": f, "bytes": len(data)})
    return {"id": out.name, "role": role, "dtype": "q8", "files": files, "bytes": sum(f["bytes"] for f in files),
            "version": h.hexdigest()[:12], **facts}


def update_catalogue(models_dir: Path, e: dict):
    path = models_dir / "models.json"
    cat = json.loads(path.read_text())
    others = [c for c in cat.get("companions", []) if c["id"] != e["id"]]
    cat["companions"] = sorted(others + [e], key=lambda c: c["id"])
    path.write_text(json.dumps(cat, indent=2) + "\n")


def machine():
    return f"{cpu_name()}, torch {torch.__version__}"


def encoder_card(cfg, run, out):
    mc = cfg["model"]
    log = json.loads((run / "log.json").read_text())
    model = GPT(mc)
    model.load_state_dict(onnx_state(out / "onnx/model_quantized.onnx"), strict=False)
    model.eval()
    gpt_dir = ROOT / "public/models/glassbox-gpt-6l"
    gpt_cfg = json.loads((ROOT / "training/configs/glassbox-gpt-6l.json").read_text())["model"]
    gpt = load_onnx_gpt(gpt_dir, gpt_cfg)
    enc = tokenizer_encoder(gpt_dir / "tokenizer.json")
    blanks = read_blanks(ROOT / "training/eval/blanks.tsv", enc)
    acc_enc, acc_dec = blank_accuracy(model, gpt, blanks, mc["vocab_size"] - 1)
    final = log["val"][-1]
    facts = {"params": n_params(model), "layers": mc["n_layer"], "heads": mc["n_head"], "width": mc["n_embd"],
             "context": mc["n_positions"], "vocab": mc["vocab_size"],
             "blank_top1": round(acc_enc, 4), "gpt_left_top1": round(acc_dec, 4), "blank_sentences": len(blanks),
             "val_masked_accuracy_brown": final["val_brown"]["accuracy"]}
    e = entry(out, "encoder", facts)
    verdict = ("Same data, same size: the difference is the mask." if acc_enc > acc_dec else
               "The encoder does not beat the GPT here: it learned from a masked 15% of its tokens, "
               "where the GPT learns from every token, and a run this short leaves it the weaker model.")
    md = f"""# glassbox-encoder

An encoder-only transformer trained as a **masked language model** (RoBERTa's recipe: BERT's objective with a
byte-level BPE vocabulary; Liu et al. 2019), for the architectures chapter. It is the GPT's twin: the same data,
the same {mc['vocab_size'] - 1:,}-token vocabulary plus one `<mask>` token, the same shape
({mc['n_layer']} layers, {mc['n_head']} heads, width {mc['n_embd']}, {e['params']:,} parameters), but every
position attends to every other, before and after it.

| | |
|---|---|
| Objective | predict {int(cfg['mask_share'] * 100)}% of tokens, picked afresh each step (dynamic masking); of those, 80% are replaced by `<mask>`, 10% by a random token, 10% kept |
| Training | {cfg['steps']:,} steps × {cfg['batch']} windows × {cfg['seq_len']} tokens = {cfg['steps'] * cfg['batch'] * cfg['seq_len']:,} tokens, {log['seconds'] / 60:.0f} min on {machine()} |
| Held-out masked tokens | Brown: loss {final['val_brown']['loss']:.3f} nats, top-1 {final['val_brown']['accuracy'] * 100:.1f}%; books: loss {final['val_gutenberg']['loss']:.3f} nats, top-1 {final['val_gutenberg']['accuracy'] * 100:.1f}% |
| Shipped file | `onnx/model_quantized.onnx` (q8), {e['bytes']:,} bytes, version `{e['version']}` |
| Loads as | `model_type: roberta`, transformers.js `AutoModelForMaskedLM.from_pretrained`; outputs `logits`, `attentions` [L,B,H,T,T], `hidden_states` [L+1,B,T,d] |

## Both sides against the left side

On {len(blanks)} sentences written for this project (`training/eval/blanks.tsv`), one common word blanked:
the encoder's top-1 guess, reading both sides of the blank, is right for **{acc_enc * 100:.0f}%**; the GPT's next-token
guess from the left side alone is right for **{acc_dec * 100:.0f}%**. {verdict}

## Limits

It is tiny and was trained for about half an hour: its guesses are often plausible words of the right kind rather
than the right word. It knows nothing the GPT's corpus (public-domain books, the Brown Corpus, simple stories) does
not hold. English only.

## Reproduce

`npm run train:encoder` (after `npm ci` and the apt step in `training/README.md`). Seeds are fixed.
"""
    (out / "MODEL.md").write_text(md)
    return e


def seq2seq_card(cfg, run, out):
    mc = cfg["model"]
    log = json.loads((run / "log.json").read_text())
    st = torch.load(run / "final.pt", map_location="cpu")
    params = sum(v.numel() for v in st["model"].values())
    test = log["test"]
    facts = {"params": params, "encoder_layers": mc["encoder_layers"], "decoder_layers": mc["decoder_layers"],
             "heads": mc["n_head"], "width": mc["d_model"], "task": "dates to ISO 8601",
             "test_pairs": test["pairs"], "exact_match": round(test["exact_match"], 4)}
    e = entry(out, "seq2seq", facts)
    misses = "\n".join(f"- {s} → expected {t}" for s, t in test["misses"][:10]) or "- none"
    md = f"""# glassbox-seq2seq

A tiny **encoder-decoder** transformer for the architectures chapter. It reads a date written as people write
it ("the 7th of December, 2026", "Tuesday, March 3, 2150") and writes it in ISO 8601 ("2026-12-07").
The task was chosen for its cross-attention: the output reorders the input (the year moves to the front) and
turns month names into digits, so each output token has one clear place in the source to look at.

| | |
|---|---|
| Shape | encoder {mc['encoder_layers']} layers, decoder {mc['decoder_layers']} layers, {mc['n_head']} heads, width {mc['d_model']}, {params:,} parameters; the GPT's vocabulary and tokenizer |
| Data | pairs drawn by `training/dates.py` (12 ways to write a date, years {FIRST_YEAR}–{LAST_YEAR}), seed {cfg['seed']} |
| Training | {cfg['steps']:,} steps × {cfg['batch']} pairs, AdamW, cosine schedule |
| Held-out test | {test['pairs']:,} dates never seen in training (split by the date itself): exact match **{test['exact_match'] * 100:.1f}%** |
| Shipped files | `onnx/encoder_model_quantized.onnx` and `onnx/decoder_model_merged_quantized.onnx` (q8), {e['bytes']:,} bytes, version `{e['version']}` |
| Loads as | `model_type: bart`, transformers.js `AutoModelForSeq2SeqLM.from_pretrained`; the encoder outputs `encoder_attentions`, the decoder `decoder_attentions` and `cross_attentions` |

## Where it fails

Misses on the held-out test, if any:
{misses}

Anything that is not a date in one of its twelve forms is outside what it learned: it will still write
something shaped like a date.

## Reproduce

`npm run train:seq2seq` (after `npm ci` and the apt step in `training/README.md`). Seeds are fixed.
"""
    (out / "MODEL.md").write_text(md)
    return e


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--role", required=True, choices=sorted(FILES))
    ap.add_argument("--config", required=True)
    ap.add_argument("--run", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    cfg = json.loads(Path(a.config).read_text())
    out, run = Path(a.out), Path(a.run)
    e = (encoder_card if a.role == "encoder" else seq2seq_card)(cfg, run, out)
    update_catalogue(out.parent, e)
    print(f"card: {out / 'MODEL.md'}; models.json: {e['id']} ({a.role}) version {e['version']}, {e['bytes']:,} bytes")
