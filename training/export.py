"""Export a trained checkpoint to the layout transformers.js loads (see DESIGN.md §4).

Writes into public/models/<id>/:
  onnx/model.onnx            fp32, every internal the site draws, plus a KV cache
  onnx/model_quantized.onnx  int8 per-channel weights (DequantizeLinear), the site's default
  config.json, generation_config.json, tokenizer files,
  weights/ side files (wte, wpe, ln_f) holding exactly the values of the default variant.
"""
import argparse, json, shutil, sys
from pathlib import Path
import numpy as np
import onnx
from onnx import helper, numpy_helper, TensorProto
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from model import GPT  # noqa: E402

OPSET = 17


class OnnxWrapper(torch.nn.Module):
    """Flat inputs/outputs in transformers.js's naming; internals stacked over layers."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask, *past_flat):
        L = self.model.cfg["n_layer"]
        past = [(past_flat[2 * i], past_flat[2 * i + 1]) for i in range(L)]
        past_len = past_flat[0].shape[2]
        T = input_ids.shape[1]
        pos = (torch.arange(T, dtype=torch.int64) + past_len).unsqueeze(0)
        logits, hidden, outs = self.model(input_ids, past=past, position_ids=pos, internals=True, key_mask=attention_mask)
        presents = []
        for o in outs:
            presents += [o["present"][0], o["present"][1]]
        return (logits, *presents,
                torch.stack([o["attn"] for o in outs]),            # [L,B,H,T,S], rows sum to 1
                torch.stack(hidden),                                # [L+1,B,T,d], before ln_f
                torch.stack([o["qkv"][0] for o in outs]),          # [L,B,H,T,dh]
                torch.stack([o["qkv"][1] for o in outs]),
                torch.stack([o["qkv"][2] for o in outs]),
                torch.stack([o["attn_out"] for o in outs]),        # [L,B,T,d], added to the stream
                torch.stack([o["mlp_out"] for o in outs]),
                torch.stack([o["mlp_act"] for o in outs]))         # [L,B,T,4d], after GELU


INTERNALS = ["attentions", "hidden_states", "queries", "keys", "values", "attn_output", "mlp_output", "mlp_activations"]


def export_fp32(model, path):
    cfg = model.cfg
    L, H, d = cfg["n_layer"], cfg["n_head"], cfg["n_embd"]
    dh = d // H
    ids = torch.tensor([[1, 2, 3]], dtype=torch.int64)
    past_len = 2
    mask = torch.ones(1, past_len + 3, dtype=torch.int64)
    past = []
    for _ in range(L):
        past += [torch.zeros(1, H, past_len, dh), torch.zeros(1, H, past_len, dh)]
    in_names = ["input_ids", "attention_mask"]
    out_names = ["logits"]
    dyn = {"input_ids": {0: "batch_size", 1: "sequence_length"},
           "attention_mask": {0: "batch_size", 1: "total_sequence_length"},
           "logits": {0: "batch_size", 1: "sequence_length"}}
    for i in range(L):
        for kv in ["key", "value"]:
            n = f"past_key_values.{i}.{kv}"; in_names.append(n)
            dyn[n] = {0: "batch_size", 2: "past_sequence_length"}
            p = f"present.{i}.{kv}"; out_names.append(p)
            dyn[p] = {0: "batch_size", 2: "total_sequence_length"}
    out_names += INTERNALS
    dyn["attentions"] = {1: "batch_size", 3: "sequence_length", 4: "total_sequence_length"}
    for n in ["hidden_states", "attn_output", "mlp_output", "mlp_activations"]:
        dyn[n] = {1: "batch_size", 2: "sequence_length"}
    for n in ["queries", "keys", "values"]:
        dyn[n] = {1: "batch_size", 3: "sequence_length"}
    w = OnnxWrapper(model).eval()
    with torch.no_grad():
        torch.onnx.export(w, (ids, mask, *past), str(path), input_names=in_names, output_names=out_names,
                          dynamic_axes=dyn, opset_version=OPSET, do_constant_folding=True)
    m = onnx.load(str(path))
    dedupe_tied(m)
    onnx.save(m, str(path))
    return m


def dedupe_tied(m, tied="wte.weight"):
    """The exporter may fold the tied embedding's transpose (the lm_head) into a second copy.
    Replace any initializer equal to its transpose by a runtime Transpose, so it is stored once."""
    inits = {i.name: i for i in m.graph.initializer}
    wte_name = next(n for n in inits if n.endswith(tied))
    wte = numpy_helper.to_array(inits[wte_name])
    for name, init in list(inits.items()):
        if name == wte_name or tuple(init.dims) != wte.T.shape:
            continue
        if np.array_equal(numpy_helper.to_array(init), wte.T):
            m.graph.initializer.remove(init)
            m.graph.node.insert(0, helper.make_node("Transpose", [wte_name], [name], perm=[1, 0], name="tied_lm_head"))


def quantize_weights(m, min_size=4096, skip=("wpe",), rows=("wte.weight",)):
    """Weight-only int8, symmetric, one scale per output channel (per row for wte).

    Each 2-D float initializer becomes int8 + scale and a DequantizeLinear node, so the graph
    computes in fp32 with exactly int8 * scale weights. Names containing a `skip` string stay
    fp32 (position tables); names ending with a `rows` string are scaled per row. Returns {name: dequantized array} and
    {name: (int8 array, scales)}."""
    deq, raw = {}, {}
    consumers = {}
    for node in m.graph.node:
        for i in node.input:
            consumers.setdefault(i, []).append(node.op_type)
    new_inits, new_nodes = [], []
    for init in list(m.graph.initializer):
        arr = numpy_helper.to_array(init)
        if arr.dtype != np.float32 or arr.ndim != 2 or arr.size < min_size or any(k in init.name for k in skip):
            continue
        # Embedding rows are tokens (Gather reads rows, lm_head transposes them): scale per row.
        axis = 0 if init.name.endswith(rows) else 1
        amax = np.abs(arr).max(axis=1 - axis, keepdims=True)
        scale = np.where(amax > 0, amax / 127.0, 1.0).astype(np.float32)
        q = np.clip(np.round(arr / scale), -127, 127).astype(np.int8)
        deq[init.name.removeprefix("model.")] = (q.astype(np.float32) * scale).astype(np.float32)
        raw[init.name.removeprefix("model.")] = (q, scale.reshape(-1))
        m.graph.initializer.remove(init)
        new_inits += [numpy_helper.from_array(q, init.name + "_q"),
                      numpy_helper.from_array(scale.reshape(-1), init.name + "_scale"),
                      numpy_helper.from_array(np.zeros(scale.size, np.int8), init.name + "_zp")]
        new_nodes.append(helper.make_node("DequantizeLinear", [init.name + "_q", init.name + "_scale", init.name + "_zp"],
                                          [init.name], axis=axis, name=init.name + "_dequant"))
    m.graph.initializer.extend(new_inits)
    for n in reversed(new_nodes):
        m.graph.node.insert(0, n)
    return deq, raw


def out_deq_path(checkpoint):
    """Dequantized int8 weights, for golden data of the quantized variant."""
    return Path(checkpoint).with_suffix(".deq.npz")


def load_checkpoint(path, cfg):
    model = GPT(cfg["model"])
    st = torch.load(path, map_location="cpu")
    model.load_state_dict(st["model"])
    return model.eval(), st


def load_q8(path, cfg):
    """The checkpoint with its int8 weights dequantized exactly as model_quantized.onnx does:
    PyTorch's view of the variant the site ships (written by export.py)."""
    model, st = load_checkpoint(path, cfg)
    deq = np.load(out_deq_path(path))
    sd = model.state_dict()
    for k in deq.files:
        sd[k] = torch.from_numpy(deq[k])
    model.load_state_dict(sd)
    return model, st


def hf_config(cfg):
    mc = cfg["model"]
    return {
        "architectures": ["GPT2LMHeadModel"], "model_type": "gpt2",
        "vocab_size": mc["vocab_size"], "n_positions": mc["n_positions"], "n_ctx": mc["n_positions"],
        "n_embd": mc["n_embd"], "n_layer": mc["n_layer"], "n_head": mc["n_head"], "n_inner": None,
        "activation_function": "gelu_new", "layer_norm_epsilon": mc["layer_norm_epsilon"],
        "resid_pdrop": 0.0, "embd_pdrop": 0.0, "attn_pdrop": 0.0, "initializer_range": 0.02,
        "bos_token_id": mc["vocab_size"] - 1, "eos_token_id": mc["vocab_size"] - 1,
        "tie_word_embeddings": True, "use_cache": True, "torch_dtype": "float32",
    }


def write_side_files(out, state, raw, cfg):
    """Weights the diagrams draw directly, as little-endian binaries with a manifest.

    wte ships as the default variant's own int8 values and per-row fp32 scales: value = q × scale,
    exactly what model_quantized.onnx computes with, in a quarter of the float32 bytes
    (1.6 MB instead of 6.3 MB for 8,192 × 192)."""
    wdir = out / "weights"; wdir.mkdir(exist_ok=True)
    for old in wdir.glob("*"):
        old.unlink()
    mc = cfg["model"]
    q, scale = raw["transformer.wte.weight"]
    wpe = state["transformer.wpe.weight"].numpy()
    q.astype(np.int8).tofile(wdir / "wte.i8")
    scale.astype("<f4").tofile(wdir / "wte.scale.f32")
    wpe.astype("<f4").tofile(wdir / "wpe.f32")
    manifest = {
        "wte": {"file": "weights/wte.i8", "dtype": "int8", "scales": "weights/wte.scale.f32", "shape": list(q.shape),
                "note": "token embeddings [vocab][d] as int8 with one float32 scale per row (value = q × scale): "
                        "exactly the default variant's weights; also the tied output head"},
        "wpe": {"file": "weights/wpe.f32", "dtype": "float32", "shape": list(wpe.shape), "note": "learned positions [position][d]"},
        "ln_f": {"weight": [round(float(x), 7) for x in state["transformer.ln_f.weight"]],
                 "bias": [round(float(x), 7) for x in state["transformer.ln_f.bias"]], "eps": mc["layer_norm_epsilon"]},
    }
    (out / "weights.json").write_text(json.dumps(manifest))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", required=True)
    ap.add_argument("--checkpoint", required=True)
    ap.add_argument("--tokenizer", required=True, help="folder with tokenizer.json")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    cfg = json.loads(Path(args.config).read_text())
    out = Path(args.out); (out / "onnx").mkdir(parents=True, exist_ok=True)
    model, st = load_checkpoint(args.checkpoint, cfg)
    m = export_fp32(model, out / "onnx/model.onnx")
    q = onnx.load(str(out / "onnx/model.onnx"))
    deq, raw = quantize_weights(q)
    onnx.checker.check_model(q)
    onnx.save(q, str(out / "onnx/model_quantized.onnx"))
    for f in ["tokenizer.json", "tokenizer_config.json"]:
        shutil.copy(Path(args.tokenizer) / f, out / f)
    (out / "config.json").write_text(json.dumps(hf_config(cfg), indent=2))
    eos = cfg["model"]["vocab_size"] - 1
    (out / "generation_config.json").write_text(json.dumps(
        {"bos_token_id": eos, "eos_token_id": eos, "max_length": cfg["model"]["n_positions"], "do_sample": False}, indent=2))
    write_side_files(out, model.state_dict(), raw, cfg)
    np.savez(out_deq_path(args.checkpoint), **deq)
    for f in sorted((out / "onnx").iterdir()):
        print(f"{f.name}: {f.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
