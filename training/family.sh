#!/usr/bin/env bash
# Train the scaling family (configs/family/*.json): 4 sizes spanning 48x in non-embedding
# parameters, each at 2 token budgets, same data, tokenizer and schedule as the site model.
# Then collect their held-out losses into src/data/scaling-family.json for the scaling chapter.
# Resumable: a finished run is skipped. About 25 min alone on 2 cores.
# Usage: npm run train:family        (after the data and tokenizer stages of npm run train:model)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-2} PYTHONUNBUFFERED=1
[ -f training/.work/data/train.bin ] || { echo "run the data and tokenizer stages first: npm run train:model" >&2; exit 1; }
for cfg in training/configs/family/*.json; do
  id=$(basename "$cfg" .json)
  [ -f "training/.work/family/$id/log.json" ] && { echo "$id: done"; continue; }
  echo "== $id"
  $PY training/train.py --config "$cfg" --work "training/.work/family/$id" --resume
done
$PY training/family_report.py --runs training/.work/family --configs training/configs/family --out src/data/scaling-family.json
