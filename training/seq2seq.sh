#!/usr/bin/env bash
# Reproduce glassbox-seq2seq, the architectures chapter's encoder-decoder (dates to ISO 8601):
# seeded pairs (dates.py) -> training -> held-out exact match -> export -> golden -> catalogue.
# Resumable: rerun to continue from the last checkpoint. About 10 min on two quiet cores.
# Usage: npm run train:seq2seq
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG=training/configs/glassbox-seq2seq.json
PY=/usr/bin/python3
export PYTHONUNBUFFERED=1 OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
$PY -c 'import torch, onnx, regex, numpy' 2>/dev/null || {
  echo "missing Python packages: run  sudo apt-get install -y python3-torch python3-onnx python3-regex python3-numpy libopenblas0-pthread" >&2; exit 1; }
start=$(date +%s)
RUN=training/.work/run/glassbox-seq2seq
OUT=public/models/glassbox-seq2seq
$PY training/train_seq2seq.py --config "$CONFIG" --work "$RUN" --resume
$PY training/export_seq2seq.py --config "$CONFIG" --checkpoint "$RUN/final.pt" --out "$OUT" --golden tests/golden/glassbox-seq2seq.json
$PY training/companion_card.py --role seq2seq --config "$CONFIG" --run "$RUN" --out "$OUT"
echo "done in $(( ($(date +%s) - start) / 60 )) min: $OUT"
