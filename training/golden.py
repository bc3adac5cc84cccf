"""PyTorch reference outputs for the shipped ONNX files, checked by tests/unit/model/golden.test.ts.

For each sentence we record, per variant (fp32 = the trained weights; q8 = the same network with
the int8 weights dequantized exactly as the ONNX graph does):
  logits     at a strided sample of 256 vocabulary columns (every 32nd id) plus each row's top 20 ids,
  attentions [L,H,T,T], the last hidden state [T,d], and the greedy continuation.
Arrays are little-endian float32 in base64, so the file stays small and exact.
Also reports how far q8 strays from fp32 (for the model card).
"""
import argparse, base64, json, sys
from pathlib import Path
import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export import load_checkpoint, load_q8  # noqa: E402
from bpe import Encoder  # noqa: E402

SENTENCES = [
    "The cat sat on the mat because it was tired.",
    "Once upon a time, there was a little girl who lived in a village near the forest.",
    "The quick brown fox jumps over the lazy dog.",
]


def b64(a):
    return base64.b64encode(np.ascontiguousarray(a, dtype="<f4").tobytes()).decode()


def tokenizer_encoder(tok_path):
    tok = json.loads(Path(tok_path).read_text())
    vocab = tok["model"]["vocab"]
    from bpe import B2U
    u2b = {c: b for b, c in B2U.items()}
    strs = {i: s for s, i in vocab.items()}
    def sym(s):
        return [u2b[c] for c in s]
    merges = []
    byte_id = {bytes(sym(strs[i])): i for i in range(256)}
    ids = dict(byte_id)
    for m in tok["model"]["merges"]:
        a, b = m.split(" ")
        merges.append((vocab[a], vocab[b]))
    return Encoder(merges)


@torch.no_grad()
def run(model, ids, greedy_steps=12):
    x = torch.tensor([ids])
    logits, hidden, outs = model(x, internals=True)
    att = torch.stack([o["attn"][0] for o in outs])
    seq = list(ids)
    for _ in range(greedy_steps):
        lg = model(torch.tensor([seq[-model.cfg["n_positions"]:]]))
        seq.append(int(lg[0, -1].argmax()))
    return logits[0].numpy(), att.numpy(), hidden[-1][0].numpy(), seq[len(ids):]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", required=True)
    ap.add_argument("--checkpoint", required=True)
    ap.add_argument("--tokenizer", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    cfg = json.loads(Path(args.config).read_text())
    torch.set_num_threads(1)
    fp32, _ = load_checkpoint(args.checkpoint, cfg)
    q8, _ = load_q8(args.checkpoint, cfg)
    enc = tokenizer_encoder(Path(args.tokenizer) / "tokenizer.json")
    V = cfg["model"]["vocab_size"]
    cols = np.arange(0, V, V // 256)
    out = {"model": cfg["id"], "note": __doc__.strip().splitlines()[0], "sentences": []}
    dev = {"max_abs_logit": 0.0, "max_abs_attention": 0.0, "kl_nats_mean": [], "top1_agree": [], "greedy_agree": []}
    for text in SENTENCES:
        ids = enc.encode(text, eot_between_docs=False)
        row = {"text": text, "ids": ids}
        res = {}
        for name, m in [("fp32", fp32), ("q8", q8)]:
            logits, att, last, greedy = run(m, ids)
            top = np.argsort(-logits, axis=1)[:, :20]
            res[name] = (logits, att)
            row[name] = {"cols": cols.tolist(), "logits_cols": b64(logits[:, cols]), "top_ids": top.tolist(),
                         "logits_top": b64(np.take_along_axis(logits, top, axis=1)),
                         "attentions": b64(att), "attentions_shape": list(att.shape),
                         "last_hidden": b64(last), "greedy": greedy}
        (lf, af), (lq, aq) = res["fp32"], res["q8"]
        pf = torch.softmax(torch.from_numpy(lf), -1); pq = torch.softmax(torch.from_numpy(lq), -1)
        dev["max_abs_logit"] = max(dev["max_abs_logit"], float(np.abs(lf - lq).max()))
        dev["max_abs_attention"] = max(dev["max_abs_attention"], float(np.abs(af - aq).max()))
        dev["kl_nats_mean"].append(float((pf * (pf.log() - pq.log())).sum(-1).mean()))
        dev["top1_agree"].append(float((lf.argmax(1) == lq.argmax(1)).mean()))
        dev["greedy_agree"].append(row["fp32"]["greedy"] == row["q8"]["greedy"])
        out["sentences"].append(row)
    dev["kl_nats_mean"] = float(np.mean(dev["kl_nats_mean"]))
    dev["top1_agree"] = float(np.mean(dev["top1_agree"]))
    dev["greedy_agree"] = f"{sum(dev['greedy_agree'])}/{len(SENTENCES)}"
    out["q8_vs_fp32"] = dev
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(out))
    print("golden:", args.out, json.dumps(dev))


if __name__ == "__main__":
    main()
