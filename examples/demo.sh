#!/usr/bin/env bash
# The main job on the bundled legacy project: migrate a copy of examples/legacy_project
# (TF 1.x code that cannot run on TensorFlow 2.16+), train it on current TensorFlow, then
# restore the checkpoint the real TensorFlow 1.15 wrote for it (reference/) and compare.
# Sets up .venv on first use. Usage: bash examples/demo.sh [WORK_DIR]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
if [ ! -x .venv/bin/tf1compat-migrate ]; then
    python3 -m venv .venv
    .venv/bin/pip install --quiet --upgrade pip
    .venv/bin/pip install --quiet -e .
fi
export TF_CPP_MIN_LOG_LEVEL=2
quiet() {  # TensorFlow's start-up log lines are noise here
    "$@" 2>&1 | grep -v -E '^(WARNING: All log messages|[IEW]0000 |WARNING:tensorflow|Instructions for updating|non-resource variables)'
}
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
rm -rf "$work/project" "$work/migrated"
cp -r examples/legacy_project "$work/project"

echo "== 1. The legacy project fails on TensorFlow $(quiet .venv/bin/python -c "import tensorflow as tf; print(tf.__version__)")"
(cd "$work/project" && "$repo/.venv/bin/python" train.py --steps 1 2>&1 | tail -1) || true

echo "== 2. tf1compat-migrate: RNN code -> tf1compat (diff, then in place)"
.venv/bin/tf1compat-migrate --diff "$work/project" || true
.venv/bin/tf1compat-migrate "$work/project"

echo "== 3. tf_upgrade_v2: the rest of the TF1 API -> tf.compat.v1"
quiet .venv/bin/tf_upgrade_v2 --intree "$work/project" --outtree "$work/migrated" --reportfile "$work/tf_upgrade_v2_report.txt" > /dev/null
echo "report: $work/tf_upgrade_v2_report.txt"

echo "== 4. The migrated project trains on TensorFlow 2.16+ / Keras 3, without tf_keras"
cd "$work/migrated"
quiet "$repo/.venv/bin/python" train.py --steps 150 --checkpoint "$work/ckpt/model.ckpt"
echo "== 5. ...and restores its checkpoint"
quiet "$repo/.venv/bin/python" train.py --restore "$work/ckpt/model.ckpt"

echo "== 6. The migrated project restores a checkpoint written by the real TensorFlow 1.15"
reference="$repo/examples/legacy_project/reference"
quiet "$repo/.venv/bin/python" train.py --restore "$reference/model.ckpt" --dump "$work/tf1compat.json"
"$repo/.venv/bin/python" - "$reference/tf115.json" "$work/tf1compat.json" <<'PY'
import json, sys
import numpy as np
tf115, ours = (json.load(open(path)) for path in sys.argv[1:])
difference = max(abs(tf115["loss"] - ours["loss"]),
                 float(np.max(np.abs(np.subtract(tf115["logits"], ours["logits"])))))
verdict = "PASS" if difference <= 1e-5 else "FAIL"
print(f"max abs difference vs TF 1.15 (256 logits and the loss): {difference:.2e}  {verdict} (tolerance 1e-5)")
sys.exit(verdict != "PASS")
PY
