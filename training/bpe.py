"""Byte-level BPE, trained from scratch and written as a Hugging Face tokenizer.json.

GPT-2's pre-tokenizer regex and byte-to-unicode table, so that transformers.js's
ByteLevel pre-tokenizer and decoder reproduce exactly what we trained on.
"""
import heapq, json
from collections import Counter, defaultdict
import regex

GPT2_PAT = regex.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+""")
EOT = "<|endoftext|>"


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b); cs.append(256 + n); n += 1
    return {b: chr(c) for b, c in zip(bs, cs)}


B2U = bytes_to_unicode()


def word_counts(text: str) -> Counter:
    c = Counter()
    for doc in text.split(EOT):
        c.update(GPT2_PAT.findall(doc))
    return c


def train(counts: Counter, n_merges: int, log_every=1000):
    """Classic BPE with incremental pair counts; ties broken by smaller pair ids (deterministic)."""
    words = [list(w.encode("utf-8")) for w in counts]
    freq = list(counts.values())
    pairs = defaultdict(int)
    where = defaultdict(set)
    for i, w in enumerate(words):
        for a, b in zip(w, w[1:]):
            pairs[(a, b)] += freq[i]
            where[(a, b)].add(i)
    heap = [(-c, p) for p, c in pairs.items()]
    heapq.heapify(heap)
    merges = []
    next_id = 256
    while len(merges) < n_merges and heap:
        negc, p = heapq.heappop(heap)
        if pairs.get(p, 0) != -negc or -negc <= 0:
            continue
        a, b = p
        merges.append(p)
        new = next_id; next_id += 1
        for i in list(where[p]):
            w = words[i]; f = freq[i]
            if len(w) < 2:
                continue
            for x, y in zip(w, w[1:]):
                pairs[(x, y)] -= f
            out, j = [], 0
            while j < len(w):
                if j + 1 < len(w) and w[j] == a and w[j + 1] == b:
                    out.append(new); j += 2
                else:
                    out.append(w[j]); j += 1
            words[i] = out
            touched = set()
            for x, y in zip(out, out[1:]):
                pairs[(x, y)] += f
                where[(x, y)].add(i)
                touched.add((x, y))
            for q in touched:
                heapq.heappush(heap, (-pairs[q], q))
        del pairs[p]; where.pop(p, None)
        if log_every and len(merges) % log_every == 0:
            print(f"  bpe: {len(merges)} merges", flush=True)
    return merges


class Encoder:
    def __init__(self, merges):
        self.ranks = {p: i for i, p in enumerate(merges)}
        self.ids = {p: 256 + i for i, p in enumerate(merges)}
        self.cache = {}
        self.eot = 256 + len(merges)

    def word(self, w: str):
        hit = self.cache.get(w)
        if hit is not None:
            return hit
        s = list(w.encode("utf-8"))
        while len(s) > 1:
            best = min(((self.ranks.get((x, y), 1 << 30), k) for k, (x, y) in enumerate(zip(s, s[1:]))))
            if best[0] == 1 << 30:
                break
            k = best[1]
            s[k:k + 2] = [self.ids[(s[k], s[k + 1])]]
        self.cache[w] = s
        return s

    def encode(self, text: str, eot_between_docs=True):
        out = []
        docs = text.split(EOT)
        for d, doc in enumerate(docs):
            for w in GPT2_PAT.findall(doc):
                out.extend(self.word(w))
            if eot_between_docs and d < len(docs) - 1:
                out.append(self.eot)
        return out


def token_strings(merges):
    strs = [B2U[b] for b in range(256)]
    for a, b in merges:
        strs.append(strs[a] + strs[b])
    return strs


def write_hf(merges, path_tokenizer, path_config, max_len):
    strs = token_strings(merges)
    vocab = {s: i for i, s in enumerate(strs)}
    eot_id = len(strs)
    vocab[EOT] = eot_id
    tok = {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [{"id": eot_id, "content": EOT, "single_word": False, "lstrip": False,
                          "rstrip": False, "normalized": True, "special": True}],
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        "post_processor": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": False, "use_regex": True},
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
                  "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": False, "ignore_merges": False,
                  "vocab": vocab, "merges": [f"{strs[a]} {strs[b]}" for a, b in merges]},
    }
    with open(path_tokenizer, "w", encoding="utf-8") as f:
        json.dump(tok, f, ensure_ascii=False)
    cfg = {"add_prefix_space": False, "bos_token": EOT, "eos_token": EOT, "unk_token": EOT,
           "clean_up_tokenization_spaces": False, "model_max_length": max_len, "tokenizer_class": "GPT2Tokenizer"}
    with open(path_config, "w") as f:
        json.dump(cfg, f, indent=2)
    return eot_id + 1
