"""Train the byte-level BPE on the training split, write tokenizer files, encode every split."""
import argparse, json, time, sys
from pathlib import Path
import numpy as np
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bpe import word_counts, train, Encoder, write_hf  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("--data", required=True)
ap.add_argument("--vocab", type=int, default=8192)
ap.add_argument("--out", required=True, help="folder for tokenizer.json and tokenizer_config.json")
ap.add_argument("--max-len", type=int, default=256)
args = ap.parse_args()
data, out = Path(args.data), Path(args.out)
out.mkdir(parents=True, exist_ok=True)
t = time.time()
text = (data / "train.txt").read_text(encoding="utf-8")
counts = word_counts(text)
merges = train(counts, args.vocab - 257)  # 256 bytes + merges + <|endoftext|>
print(f"bpe: {len(merges)} merges in {time.time()-t:.0f} s", flush=True)
V = write_hf(merges, out / "tokenizer.json", out / "tokenizer_config.json", args.max_len)
assert V == args.vocab
enc = Encoder(merges)
stats = {}
# narrative and stories feed a config's "mix" (train.py); the BPE never sees them.
for split in ["train", "val_brown", "val_gutenberg", "narrative", "stories"]:
    if not (data / f"{split}.txt").exists():
        continue
    txt = text if split == "train" else (data / f"{split}.txt").read_text(encoding="utf-8")
    ids = np.array(enc.encode(txt), dtype=np.uint16)
    ids.tofile(data / f"{split}.bin")
    # Bytes of real text: the <|endoftext|> separators are one token each, not 13 bytes.
    nbytes = len(txt.replace("<|endoftext|>", "").encode("utf-8"))
    stats[split] = {"tokens": int(len(ids)), "bytes": nbytes, "bytes_per_token": round(nbytes / len(ids), 4)}
    print(split, stats[split], flush=True)
(data / "tokens.json").write_text(json.dumps({"vocab": V, **stats}, indent=1))
