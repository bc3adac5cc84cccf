"""GPT-2 in plain torch, with Hugging Face GPT-2 parameter names and layouts.

Linear weights are stored as HF's Conv1D does, [in, out], so `state_dict()` loads into
`GPT2LMHeadModel` unchanged. `forward(..., internals=True)` also returns everything the
site draws: attention probabilities, the residual stream and each sublayer's output.
"""
import math
import torch
import torch.nn as nn
import torch.nn.functional as F


def gelu_new(x):
    # GPT-2's tanh approximation ("gelu_new" in HF). torch's fused kernel is 12% faster per
    # training step than the formula written out, and exports to ONNX as the same formula.
    return F.gelu(x, approximate="tanh")


class Conv1D(nn.Module):
    def __init__(self, n_in, n_out, std=0.02):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(n_in, n_out) * std)
        self.bias = nn.Parameter(torch.zeros(n_out))

    def forward(self, x):
        return torch.addmm(self.bias, x.reshape(-1, x.shape[-1]), self.weight).reshape(*x.shape[:-1], -1)


class Attention(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        d, self.n_head = cfg["n_embd"], cfg["n_head"]
        self.head_dim = d // self.n_head
        # "causal": false makes the same block an encoder's (glassbox-encoder, a masked LM):
        # every position attends to every other, before and after it.
        self.causal = cfg.get("causal", True)
        self.c_attn = Conv1D(d, 3 * d)
        self.c_proj = Conv1D(d, d, std=0.02 / math.sqrt(2 * cfg["n_layer"]))

    def split(self, t):
        B, T, _ = t.shape
        return t.view(B, T, self.n_head, self.head_dim).transpose(1, 2)

    def forward(self, x, past=None, key_mask=None):
        B, T, d = x.shape
        q, k, v = self.c_attn(x).split(d, dim=2)
        q, k, v = self.split(q), self.split(k), self.split(v)
        if past is not None:
            k_all = torch.cat([past[0], k], dim=2); v_all = torch.cat([past[1], v], dim=2)
        else:
            k_all, v_all = k, v
        S = k_all.shape[2]
        scores = (q @ k_all.transpose(-1, -2)) * (1.0 / math.sqrt(self.head_dim))
        # Causal mask: query t (at absolute position S-T+t) sees keys 0..S-T+t.
        qpos = torch.arange(T, device=x.device).unsqueeze(1) + (S - T)
        kpos = torch.arange(S, device=x.device).unsqueeze(0)
        # A large finite negative, not -inf: exp underflows to exactly 0 in fp32, and a row
        # whose keys are all padding stays finite instead of NaN.
        masked = kpos > qpos if self.causal else torch.zeros_like(kpos > qpos)
        if key_mask is not None:
            masked = masked | (key_mask[:, None, None, :] == 0)
        scores = scores.masked_fill(masked, -1e9)
        probs = torch.softmax(scores, dim=-1)
        y = (probs @ v_all).transpose(1, 2).reshape(B, T, d)
        return self.c_proj(y), probs, (q, k, v), (k_all, v_all)


class MLP(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        d = cfg["n_embd"]
        self.c_fc = Conv1D(d, 4 * d)
        self.c_proj = Conv1D(4 * d, d, std=0.02 / math.sqrt(2 * cfg["n_layer"]))

    def forward(self, x):
        # .float() is a no-op in fp32; under bf16 autocast it keeps the elementwise GELU in fp32,
        # where torch's CPU kernels are vectorised (bf16 GELU forward + backward measured 2.2× slower).
        h = gelu_new(self.c_fc(x).float())
        return self.c_proj(h), h


class Block(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        d = cfg["n_embd"]
        self.ln_1 = nn.LayerNorm(d, eps=cfg["layer_norm_epsilon"])
        self.attn = Attention(cfg)
        self.ln_2 = nn.LayerNorm(d, eps=cfg["layer_norm_epsilon"])
        self.mlp = MLP(cfg)

    def forward(self, x, past=None, key_mask=None):
        a, probs, qkv, present = self.attn(self.ln_1(x), past, key_mask)
        x = x + a
        m, act = self.mlp(self.ln_2(x))
        x = x + m
        return x, dict(attn=probs, qkv=qkv, present=present, attn_out=a, mlp_out=m, mlp_act=act)


class Transformer(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.wte = nn.Embedding(cfg["vocab_size"], cfg["n_embd"])
        self.wpe = nn.Embedding(cfg["n_positions"], cfg["n_embd"])
        self.h = nn.ModuleList([Block(cfg) for _ in range(cfg["n_layer"])])
        self.ln_f = nn.LayerNorm(cfg["n_embd"], eps=cfg["layer_norm_epsilon"])
        nn.init.normal_(self.wte.weight, std=0.02)
        nn.init.normal_(self.wpe.weight, std=0.01)


class GPT(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.transformer = Transformer(cfg)

    def forward(self, idx, targets=None, past=None, position_ids=None, internals=False, key_mask=None):
        B, T = idx.shape
        tr = self.transformer
        if position_ids is None:
            off = 0 if past is None else past[0][0].shape[2]
            position_ids = torch.arange(off, off + T, device=idx.device).unsqueeze(0)
        x = tr.wte(idx) + tr.wpe(position_ids)
        hidden, outs = [x], []
        for i, block in enumerate(tr.h):
            x, o = block(x, None if past is None else past[i], key_mask)
            hidden.append(x)
            outs.append(o)
        # Tied lm_head. The softmax over 8,192 logits runs in fp32 even under bf16 autocast.
        logits = F.linear(tr.ln_f(x), tr.wte.weight).float()
        if targets is not None:
            loss = F.cross_entropy(logits.view(-1, logits.shape[-1]), targets.reshape(-1))
            return logits, loss
        if internals:
            return logits, hidden, outs
        return logits


def n_params(model):
    return sum(p.numel() for p in model.parameters())
