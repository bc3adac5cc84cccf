"""Keep the served version loadable for old links before a retrain's export overwrites <id>/.

Copies the files a kept version needs (card.KEPT_FILES) to public/models/<id>@<version>/, where
card.py lists it in models.json as archived, so a link that pins `model=<id>@<version>` still
shows the numbers it was made with. Does nothing when that folder exists or nothing is served.

Usage: python3 archive.py --out public/models/<id>
"""
import argparse, hashlib, json, shutil, sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from card import KEPT_FILES  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    out = Path(ap.parse_args().out)
    q8 = out / "onnx/model_quantized.onnx"
    if not q8.exists():
        return
    version = hashlib.sha256(q8.read_bytes()).hexdigest()[:12]
    kept = out.parent / f"{out.name}@{version}"
    if kept.exists():
        return
    for f in KEPT_FILES:
        (kept / f).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(out / f, kept / f)
    print(f"archive: kept {out.name}@{version} for old links")


if __name__ == "__main__":
    main()
