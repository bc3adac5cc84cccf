#!/usr/bin/env bash
# The mix sweep behind the shipped share of generated stories (training/RUNS.md): each config in
# configs/mix/ trains 600 steps (1.23 M tokens), then its held-out bits per byte and coreference
# score (coref.py) go to .work/sweep-mix.jsonl. Needs the data of train.sh (prepare + tokenize).
set -euo pipefail
cd "$(dirname "$0")/.."
export OPENBLAS_NUM_THREADS=1 PYTHONUNBUFFERED=1
for c in "${@:-training/configs/mix/*.json}"; do
  for cfg in $c; do
    id=$(/usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['id'])" "$cfg")
    run=training/.work/run/$id
    /usr/bin/python3 training/train.py --config "$cfg" --work "$run" --resume
    /usr/bin/python3 - "$cfg" "$run" <<'PY' >> training/.work/sweep-mix.jsonl
import json, sys, subprocess
cfg, run = sys.argv[1], sys.argv[2]
log = json.load(open(f"{run}/log.json"))
co = subprocess.run(["/usr/bin/python3", "training/coref.py", "--config", cfg, "--checkpoint", f"{run}/final.pt",
                     "--tokenizer", "training/.work/tok8192"], capture_output=True, text=True, check=True).stdout
print(json.dumps({"config": cfg, "mix": log["config"].get("mix", {}), "val": log["val"][-1],
                  "tok_per_s": round(log["train"][-1]["tokens"] / log["seconds"]), "coref": json.loads(co)}))
PY
    tail -1 training/.work/sweep-mix.jsonl
  done
done
