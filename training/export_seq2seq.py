"""Export glassbox-seq2seq in the layout transformers.js uses for its seq2seq models.

Writes into public/models/glassbox-seq2seq/:
  onnx/encoder_model_quantized.onnx, onnx/decoder_model_merged_quantized.onnx   int8 weights (q8)
  config.json (model_type "bart", which transformers.js maps to its seq2seq generation loop),
  generation_config.json, tokenizer files (the GPT's, unchanged), training-log.json
and the golden data tests/golden/glassbox-seq2seq.json (PyTorch on the q8 weights).

The decoder takes the encoder's output and its own past keys and values, and returns the
encoder, decoder and cross attentions the site draws. It declares no past for the cross
attention: transformers.js feeds only the inputs a session declares, and recomputing the cross
keys from ≤ 64 encoder positions costs less than a cache branch (an ONNX If) would.
"""
import argparse, json, shutil, sys
from pathlib import Path
import onnx
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from seq2seq_model import Seq2Seq  # noqa: E402
from export import quantize_weights, dedupe_tied, OPSET  # noqa: E402
from train_seq2seq import tokenize_pairs, load_cfg  # noqa: E402
from golden import b64, tokenizer_encoder  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_TEXTS = ["7 December 2026", "the fourth of July, 1776", "Tuesday, March 3, 2150"]


class Encoder(torch.nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, input_ids, attention_mask):
        h, probs = self.m.encode(input_ids, attention_mask)
        return h, torch.stack(probs)                  # [B,S,d]; [L,B,H,S,S], rows sum to 1


class Decoder(torch.nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, input_ids, encoder_attention_mask, encoder_hidden_states, *past_flat):
        L = len(self.m.decoder)
        past = [(past_flat[2 * i], past_flat[2 * i + 1]) for i in range(L)]
        logits, selfs, crosses, presents = self.m.decode(input_ids, encoder_hidden_states, encoder_attention_mask, past)
        flat = [t for kv in presents for t in kv]
        return (logits, *flat,
                torch.stack(selfs),                     # [L,B,H,T,P+T], causal
                torch.stack(crosses))                   # [L,B,H,T,S], over the source


def export(model, out_dir):
    c = model.cfg
    L, H, d = c["decoder_layers"], c["n_head"], c["d_model"]
    dh = d // H
    ids = torch.tensor([[5, 6, 7]]); mask = torch.ones(1, 3, dtype=torch.long)
    enc_path, dec_path = out_dir / "encoder_model.onnx", out_dir / "decoder_model_merged.onnx"
    with torch.no_grad():
        torch.onnx.export(Encoder(model).eval(), (ids, mask), str(enc_path),
                          input_names=["input_ids", "attention_mask"],
                          output_names=["last_hidden_state", "encoder_attentions"],
                          dynamic_axes={"input_ids": {0: "batch_size", 1: "encoder_sequence_length"},
                                        "attention_mask": {0: "batch_size", 1: "encoder_sequence_length"},
                                        "last_hidden_state": {0: "batch_size", 1: "encoder_sequence_length"},
                                        "encoder_attentions": {1: "batch_size", 3: "encoder_sequence_length",
                                                               4: "encoder_sequence_length"}},
                          opset_version=OPSET, do_constant_folding=True)
        enc_h = torch.zeros(1, 3, d)
        past, in_names, out_names = [], ["input_ids", "encoder_attention_mask", "encoder_hidden_states"], ["logits"]
        dyn = {"input_ids": {0: "batch_size", 1: "decoder_sequence_length"},
               "encoder_attention_mask": {0: "batch_size", 1: "encoder_sequence_length"},
               "encoder_hidden_states": {0: "batch_size", 1: "encoder_sequence_length"},
               "logits": {0: "batch_size", 1: "decoder_sequence_length"}}
        for i in range(L):
            for kv in ["key", "value"]:
                past.append(torch.zeros(1, H, 2, dh))
                n = f"past_key_values.{i}.decoder.{kv}"; in_names.append(n)
                dyn[n] = {0: "batch_size", 2: "past_decoder_sequence_length"}
                p = f"present.{i}.decoder.{kv}"; out_names.append(p)
                dyn[p] = {0: "batch_size", 2: "total_decoder_sequence_length"}
        out_names += ["decoder_attentions", "cross_attentions"]
        dyn["decoder_attentions"] = {1: "batch_size", 3: "decoder_sequence_length", 4: "total_decoder_sequence_length"}
        dyn["cross_attentions"] = {1: "batch_size", 3: "decoder_sequence_length", 4: "encoder_sequence_length"}
        torch.onnx.export(Decoder(model).eval(), (ids, mask, enc_h, *past), str(dec_path),
                          input_names=in_names, output_names=out_names, dynamic_axes=dyn,
                          opset_version=OPSET, do_constant_folding=True)
    deq = {}
    for path in [enc_path, dec_path]:
        m = onnx.load(str(path))
        dedupe_tied(m, "embed.weight")
        onnx.save(m, str(path))
        deq.update(quantize_weights(m, skip=("pos",), rows=("embed.weight",))[0])
        onnx.save(m, str(path.with_name(path.stem + "_quantized.onnx")))
        # The site loads q8 only and the golden data is PyTorch on the q8 weights: the fp32
        # graphs (12 MB) would only weigh down the repository.
        path.unlink()
    return deq


def hf_config(c, eos):
    """Enough of BART's config for transformers.js: the model type routes it to the seq2seq
    loop, and the layer, head and width fields size the empty first-step cache."""
    return {
        "architectures": ["BartForConditionalGeneration"], "model_type": "bart", "is_encoder_decoder": True,
        "vocab_size": c["vocab_size"], "d_model": c["d_model"],
        "encoder_layers": c["encoder_layers"], "decoder_layers": c["decoder_layers"],
        "encoder_attention_heads": c["n_head"], "decoder_attention_heads": c["n_head"],
        "encoder_ffn_dim": 4 * c["d_model"], "decoder_ffn_dim": 4 * c["d_model"],
        "max_position_embeddings": c["max_positions"], "activation_function": "gelu_new",
        "bos_token_id": eos, "eos_token_id": eos, "pad_token_id": eos, "decoder_start_token_id": eos,
        "forced_bos_token_id": None, "forced_eos_token_id": None,
        "tie_word_embeddings": True, "use_cache": True, "torch_dtype": "float32",
    }



@torch.no_grad()
def golden(model, cfg):
    """PyTorch's outputs on the q8 weights for a few sources: what the Node test compares the
    shipped ONNX against at 1e-4."""
    enc = tokenizer_encoder(cfg["tokenizer"])
    eos = cfg["model"]["vocab_size"] - 1
    cases = []
    for text in GOLDEN_TEXTS:
        src = enc.encode(text)
        x = torch.tensor([src]); mask = torch.ones_like(x)
        out = model.greedy(x, mask, eos, eos, cfg["max_target_tokens"])[0]
        h, enc_probs = model.encode(x, mask)
        dec_in = torch.tensor([[eos] + out])
        logits, selfs, crosses, _ = model.decode(dec_in, h, mask)
        cases.append({"text": text, "input_ids": src, "output_ids": out,
                      "encoder_hidden": b64(h[0].numpy()), "logits": b64(logits[0].numpy()),
                      "encoder_attentions": b64(torch.stack(enc_probs)[:, 0].numpy()),
                      "decoder_attentions": b64(torch.stack(selfs)[:, 0].numpy()),
                      "cross_attentions": b64(torch.stack(crosses)[:, 0].numpy())})
    return {"model": cfg["id"], "encoding": "base64 little-endian float32, row-major", "cases": cases}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", required=True)
    ap.add_argument("--checkpoint", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--golden", required=True)
    a = ap.parse_args()
    cfg = load_cfg(a.config)
    st = torch.load(a.checkpoint, map_location="cpu")
    model = Seq2Seq(cfg["model"]); model.load_state_dict(st["model"]); model.eval()
    out = Path(a.out); (out / "onnx").mkdir(parents=True, exist_ok=True)
    deq = export(model, out / "onnx")
    sd = model.state_dict()
    for k, v in deq.items():
        sd[k.removeprefix("m.")] = torch.from_numpy(v)
    model.load_state_dict(sd)
    eos = cfg["model"]["vocab_size"] - 1
    (out / "config.json").write_text(json.dumps(hf_config(cfg["model"], eos), indent=2) + "\n")
    (out / "generation_config.json").write_text(json.dumps({
        "decoder_start_token_id": eos, "eos_token_id": eos, "pad_token_id": eos, "bos_token_id": eos,
        "max_new_tokens": cfg["max_target_tokens"], "do_sample": False}, indent=2) + "\n")
    tok_dir = Path(cfg["tokenizer"]).parent
    for f in ["tokenizer.json", "tokenizer_config.json"]:
        shutil.copy(tok_dir / f, out / f)
    (out / "training-log.json").write_text(json.dumps(st["log"], indent=1) + "\n")
    Path(a.golden).write_text(json.dumps(golden(model, cfg)) + "\n")
    print(f"exported {out} and {a.golden}")


if __name__ == "__main__":
    main()
