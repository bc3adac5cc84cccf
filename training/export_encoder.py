"""Export glassbox-encoder, the masked LM, in the Hugging Face layout transformers.js loads.

Writes into public/models/glassbox-encoder/:
  onnx/model_quantized.onnx (q8: int8 weights, as the GPT's)
  config.json (model_type "roberta": BERT's objective with byte-level BPE, Liu et al. 2019),
  tokenizer.json (the GPT's vocabulary plus <mask>), tokenizer_config.json, training-log.json
and the golden data tests/golden/glassbox-encoder.json (PyTorch on the q8 weights).

Inputs are input_ids and attention_mask only: an encoder reads the whole text at once, so there
is no cache. Outputs: logits, attentions [L,B,H,T,T] (not causal: every row spreads over the
whole sentence) and hidden_states [L+1,B,T,d].
"""
import argparse, json, shutil, sys
from pathlib import Path
import onnx
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export import OPSET, dedupe_tied, load_checkpoint, quantize_weights  # noqa: E402
from golden import b64, tokenizer_encoder  # noqa: E402

MASK = "<mask>"
# Sentences written for this project; the mask replaces the token at `blank` (0-based).
GOLDEN = [("The children walked to school in the morning.", 4),
          ("She opened the door and looked outside.", 3)]


class Wrapper(torch.nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask):
        logits, hidden, outs = self.model(input_ids, internals=True, key_mask=attention_mask)
        return logits, torch.stack([o["attn"] for o in outs]), torch.stack(hidden)


def export(model, path):
    ids = torch.tensor([[5, 6, 7]]); mask = torch.ones(1, 3, dtype=torch.long)
    dyn = {"input_ids": {0: "batch_size", 1: "sequence_length"},
           "attention_mask": {0: "batch_size", 1: "sequence_length"},
           "logits": {0: "batch_size", 1: "sequence_length"},
           "attentions": {1: "batch_size", 3: "sequence_length", 4: "sequence_length"},
           "hidden_states": {1: "batch_size", 2: "sequence_length"}}
    with torch.no_grad():
        torch.onnx.export(Wrapper(model).eval(), (ids, mask), str(path), input_names=["input_ids", "attention_mask"],
                          output_names=["logits", "attentions", "hidden_states"], dynamic_axes=dyn,
                          opset_version=OPSET, do_constant_folding=True)
    m = onnx.load(str(path))
    dedupe_tied(m)
    onnx.save(m, str(path))
    deq, _ = quantize_weights(m)
    onnx.checker.check_model(m)
    onnx.save(m, str(path.with_name("model_quantized.onnx")))
    # The site loads q8 only and the golden data is PyTorch on the q8 weights: the fp32 graph
    # (17 MB) would only weigh down the repository.
    path.unlink()
    return deq


def hf_config(cfg):
    mc = cfg["model"]
    mask_id = mc["vocab_size"] - 1
    return {
        "architectures": ["RobertaForMaskedLM"], "model_type": "roberta",
        "vocab_size": mc["vocab_size"], "hidden_size": mc["n_embd"], "num_hidden_layers": mc["n_layer"],
        "num_attention_heads": mc["n_head"], "intermediate_size": 4 * mc["n_embd"],
        "max_position_embeddings": mc["n_positions"], "hidden_act": "gelu_new",
        "layer_norm_eps": mc["layer_norm_epsilon"], "type_vocab_size": 1,
        "bos_token_id": mask_id - 1, "eos_token_id": mask_id - 1, "pad_token_id": mask_id - 1,
        "mask_token_id": mask_id, "tie_word_embeddings": True, "torch_dtype": "float32",
    }


def write_tokenizer(src_dir, out, mask_id):
    tok = json.loads((Path(src_dir) / "tokenizer.json").read_text())
    tok["added_tokens"].append({"id": mask_id, "content": MASK, "single_word": False, "lstrip": False,
                                "rstrip": False, "normalized": False, "special": True})
    (out / "tokenizer.json").write_text(json.dumps(tok, ensure_ascii=False))
    tc = json.loads((Path(src_dir) / "tokenizer_config.json").read_text())
    tc["mask_token"] = MASK
    tc["model_max_length"] = int(json.loads((out / "config.json").read_text())["max_position_embeddings"])
    (out / "tokenizer_config.json").write_text(json.dumps(tc, indent=2) + "\n")



@torch.no_grad()
def golden(model, tok_path, mask_id):
    enc = tokenizer_encoder(tok_path)
    cases = []
    for text, blank in GOLDEN:
        ids = enc.encode(text)
        masked = list(ids); masked[blank] = mask_id
        logits, hidden, outs = model(torch.tensor([masked]), internals=True)
        cases.append({"text": text, "blank": blank, "answer_id": ids[blank], "input_ids": masked,
                      "logits_blank": b64(logits[0, blank].numpy()),
                      "top5": [int(i) for i in logits[0, blank].topk(5).indices],
                      "attentions": b64(torch.stack([o["attn"][0] for o in outs]).numpy()),
                      "last_hidden": b64(hidden[-1][0].numpy())})
    return {"model": "glassbox-encoder", "encoding": "base64 little-endian float32, row-major", "cases": cases}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", required=True)
    ap.add_argument("--checkpoint", required=True)
    ap.add_argument("--tokenizer", required=True, help="folder with the GPT's tokenizer.json")
    ap.add_argument("--out", required=True)
    ap.add_argument("--golden", required=True)
    a = ap.parse_args()
    cfg = json.loads(Path(a.config).read_text())
    out = Path(a.out); (out / "onnx").mkdir(parents=True, exist_ok=True)
    model, st = load_checkpoint(a.checkpoint, cfg)
    deq = export(model, out / "onnx/model.onnx")
    sd = model.state_dict()
    for k, v in deq.items():
        sd[k] = torch.from_numpy(v)
    model.load_state_dict(sd)
    mask_id = cfg["model"]["vocab_size"] - 1
    (out / "config.json").write_text(json.dumps(hf_config(cfg), indent=2) + "\n")
    write_tokenizer(a.tokenizer, out, mask_id)
    (out / "training-log.json").write_text(json.dumps({k: st["log"][k] for k in ["params", "train", "val", "seconds"]}) + "\n")
    Path(a.golden).write_text(json.dumps(golden(model, out / "tokenizer.json", mask_id)) + "\n")
    for f in sorted((out / "onnx").iterdir()):
        print(f"{f.name}: {f.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
