#!/usr/bin/env bash
# Reproduce glassbox-encoder, the architectures chapter's masked LM, from a clean checkout:
# the GPT's data and tokenizer (made if missing) -> MLM training -> export -> golden -> catalogue.
# Resumable: rerun to continue from the last checkpoint. About 35 min on two quiet cores (estimated, RUNS.md).
# Usage: npm run train:encoder
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG=training/configs/glassbox-encoder.json
PY=/usr/bin/python3
export PYTHONUNBUFFERED=1 OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
$PY -c 'import torch, onnx, regex, numpy' 2>/dev/null || {
  echo "missing Python packages: run  sudo apt-get install -y python3-torch python3-onnx python3-regex python3-numpy libopenblas0-pthread" >&2; exit 1; }
start=$(date +%s)
W=training/.work
( cd training
  [ -f .work/data/stories.txt ] || $PY prepare.py --out .work/data
  [ -f .work/data/train.bin ] || $PY tokenize_data.py --data .work/data --vocab 8192 --out .work/tok8192 )
RUN=$W/run/glassbox-encoder
OUT=public/models/glassbox-encoder
$PY training/train.py --config "$CONFIG" --work "$RUN" --resume
$PY training/export_encoder.py --config "$CONFIG" --checkpoint "$RUN/final.pt" --tokenizer public/models/glassbox-gpt-6l \
  --out "$OUT" --golden tests/golden/glassbox-encoder.json
$PY training/companion_card.py --role encoder --config "$CONFIG" --run "$RUN" --out "$OUT"
echo "done in $(( ($(date +%s) - start) / 60 )) min: $OUT"
