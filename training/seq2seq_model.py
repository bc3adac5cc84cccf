"""A tiny encoder-decoder transformer in plain torch: glassbox-seq2seq.

Pre-layer-norm blocks as in our GPT (model.py), learned positions, one embedding matrix shared by
the encoder, the decoder and the output head (as BART and T5 share theirs). The decoder block is
self-attention (causal), then cross-attention over the encoder's output (fully visible), then the
MLP. Every attention returns its probabilities, so the export can hand the site the encoder, decoder
and cross attentions it draws.
"""
import math
import torch
import torch.nn as nn
import torch.nn.functional as F


class Dense(nn.Module):
    """y = x W + b with W stored [in, out] (as GPT-2's Conv1D in model.py), so the ONNX
    initializers keep the parameter names that export_seq2seq.py quantizes and maps back."""

    def __init__(self, n_in, n_out, std=0.02):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(n_in, n_out) * std)
        self.bias = nn.Parameter(torch.zeros(n_out))

    def forward(self, x):
        return torch.matmul(x, self.weight) + self.bias


class MHA(nn.Module):
    def __init__(self, d, n_head, n_layer):
        super().__init__()
        self.n_head, self.dh = n_head, d // n_head
        self.q = Dense(d, d)
        self.kv = Dense(d, 2 * d)
        self.o = Dense(d, d, std=0.02 / math.sqrt(2 * n_layer))

    def heads(self, t):
        B, T, _ = t.shape
        return t.view(B, T, self.n_head, self.dh).transpose(1, 2)

    def project_kv(self, src):
        k, v = self.kv(src).chunk(2, dim=-1)
        return self.heads(k), self.heads(v)

    def forward(self, x, k, v, causal_offset=None, key_mask=None):
        """x [B,T,d] queries; k, v [B,H,S,dh]. causal_offset: the absolute position of x's first
        query (past length), or None for a fully visible mask. key_mask [B,S]: 1 keep, 0 padding."""
        B, T, d = x.shape
        q = self.heads(self.q(x))
        S = k.shape[2]
        scores = (q @ k.transpose(-1, -2)) * (1.0 / math.sqrt(self.dh))
        masked = torch.zeros(1, 1, T, S, dtype=torch.bool)
        if causal_offset is not None:
            qpos = torch.arange(T).unsqueeze(1) + causal_offset
            kpos = torch.arange(S).unsqueeze(0)
            masked = masked | (kpos > qpos)
        if key_mask is not None:
            masked = masked | (key_mask[:, None, None, :] == 0)
        # A large finite negative, not -inf: exp underflows to exactly 0 in fp32 (model.py).
        probs = torch.softmax(scores.masked_fill(masked, -1e9), dim=-1)
        y = (probs @ v).transpose(1, 2).reshape(B, T, d)
        return self.o(y), probs


class MLP(nn.Module):
    def __init__(self, d, n_layer):
        super().__init__()
        self.fc = Dense(d, 4 * d)
        self.proj = Dense(4 * d, d, std=0.02 / math.sqrt(2 * n_layer))

    def forward(self, x):
        return self.proj(F.gelu(self.fc(x), approximate="tanh"))


class EncoderBlock(nn.Module):
    def __init__(self, d, h, n):
        super().__init__()
        self.ln1, self.attn, self.ln2, self.mlp = nn.LayerNorm(d), MHA(d, h, n), nn.LayerNorm(d), MLP(d, n)

    def forward(self, x, mask):
        a = self.ln1(x)
        k, v = self.attn.project_kv(a)
        y, p = self.attn(a, k, v, None, mask)
        x = x + y
        return x + self.mlp(self.ln2(x)), p


class DecoderBlock(nn.Module):
    def __init__(self, d, h, n):
        super().__init__()
        self.ln1, self.self_attn = nn.LayerNorm(d), MHA(d, h, n)
        self.ln2, self.cross = nn.LayerNorm(d), MHA(d, h, n)
        self.ln3, self.mlp = nn.LayerNorm(d), MLP(d, n)

    def forward(self, x, enc, enc_mask, past=None):
        a = self.ln1(x)
        k, v = self.self_attn.project_kv(a)
        past_len = 0
        if past is not None:
            past_len = past[0].shape[2]
            k, v = torch.cat([past[0], k], dim=2), torch.cat([past[1], v], dim=2)
        y, p_self = self.self_attn(a, k, v, past_len, None)
        x = x + y
        # Cross K/V come from the encoder's output on every call: for a date (≤ 20 source
        # tokens) that is cheaper than caching them, and the graph needs no branch.
        ck, cv = self.cross.project_kv(enc)
        y, p_cross = self.cross(self.ln2(x), ck, cv, None, enc_mask)
        x = x + y
        return x + self.mlp(self.ln3(x)), p_self, p_cross, (k, v)


class Seq2Seq(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        d, h = cfg["d_model"], cfg["n_head"]
        self.embed = nn.Embedding(cfg["vocab_size"], d)
        self.enc_pos = nn.Embedding(cfg["max_positions"], d)
        self.dec_pos = nn.Embedding(cfg["max_positions"], d)
        self.encoder = nn.ModuleList([EncoderBlock(d, h, cfg["encoder_layers"]) for _ in range(cfg["encoder_layers"])])
        self.decoder = nn.ModuleList([DecoderBlock(d, h, cfg["decoder_layers"]) for _ in range(cfg["decoder_layers"])])
        self.enc_ln, self.dec_ln = nn.LayerNorm(d), nn.LayerNorm(d)
        nn.init.normal_(self.embed.weight, std=0.02)
        nn.init.normal_(self.enc_pos.weight, std=0.01)
        nn.init.normal_(self.dec_pos.weight, std=0.01)

    def encode(self, ids, mask):
        T = ids.shape[1]
        x = self.embed(ids) + self.enc_pos(torch.arange(T).unsqueeze(0))
        probs = []
        for b in self.encoder:
            x, p = b(x, mask)
            probs.append(p)
        return self.enc_ln(x), probs

    def decode(self, ids, enc, enc_mask, past=None):
        """ids [B,T] decoder tokens; past: per layer (k, v) [B,H,P,dh] or None. Returns logits
        [B,T,V], self and cross probabilities per layer, and the new (k, v) per layer."""
        T = ids.shape[1]
        off = 0 if past is None else past[0][0].shape[2]
        x = self.embed(ids) + self.dec_pos(torch.arange(off, off + T).unsqueeze(0))
        selfs, crosses, presents = [], [], []
        for i, b in enumerate(self.decoder):
            x, ps, pc, kv = b(x, enc, enc_mask, None if past is None else past[i])
            selfs.append(ps); crosses.append(pc); presents.append(kv)
        logits = F.linear(self.dec_ln(x), self.embed.weight)
        return logits, selfs, crosses, presents

    def forward(self, src, src_mask, dec_in, targets):
        enc, _ = self.encode(src, src_mask)
        logits, _, _, _ = self.decode(dec_in, enc, src_mask)
        return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1), ignore_index=-100)

    @torch.no_grad()
    def greedy(self, src, src_mask, start, eos, max_len):
        """Greedy decoding with the KV cache, batch-wise; returns lists of ids without start/eos."""
        enc, _ = self.encode(src, src_mask)
        B = src.shape[0]
        cur = torch.full((B, 1), start, dtype=torch.long)
        past, out, done = None, [[] for _ in range(B)], [False] * B
        for _ in range(max_len):
            logits, _, _, past = self.decode(cur, enc, src_mask, past)
            nxt = logits[:, -1].argmax(-1)
            for i in range(B):
                if not done[i]:
                    if int(nxt[i]) == eos:
                        done[i] = True
                    else:
                        out[i].append(int(nxt[i]))
            if all(done):
                break
            cur = nxt.unsqueeze(1)
        return out


def n_params(model):
    return sum(p.numel() for p in model.parameters())
