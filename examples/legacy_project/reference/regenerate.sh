#!/usr/bin/env bash
# Regenerates the TF 1.15 reference of the legacy project: the project, unchanged, trained
# for 150 steps on the real TensorFlow 1.15 (the oracle venv of tests/tf115/build_oracle.sh).
# Writes model.ckpt.{index,data-*} (what a Saver restores) and tf115.json (evaluation
# logits and loss). examples/demo.sh restores it with the migrated project and compares.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
bash "$repo/tests/tf115/build_oracle.sh"
cd "$here/.."
TF_CPP_MIN_LOG_LEVEL=2 "$repo/.oracle/tf115/bin/python" train.py --steps 150 \
    --checkpoint "$here/model.ckpt" --dump "$here/tf115.json"
rm -f "$here/model.ckpt.meta" "$here/checkpoint"  # the graph is rebuilt from the code
