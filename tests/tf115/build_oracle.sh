#!/usr/bin/env bash
# Builds the TF 1.15 oracle: a Python 3.7 venv at .oracle/tf115 holding the real TensorFlow
# 1.15.5 (with tf.contrib). tests/tf115 run TF1 programs on it; without it they fail.
# Idempotent: an existing, working oracle is kept. About 2 minutes and 1 GB the first time.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$root/.oracle/tf115"
if "$venv/bin/python" -c "import tensorflow as tf, pytest; assert tf.__version__ == '1.15.5'" \
        >/dev/null 2>&1; then
    exit 0
fi
python37=""
for candidate in "$(PYENV_VERSION=3.7.16 command -v python3.7 2>/dev/null || true)" \
                 "$(pyenv root 2>/dev/null)/versions/3.7.16/bin/python" \
                 "$(command -v python3.7 2>/dev/null || true)"; do
    if [ -n "$candidate" ] && PYENV_VERSION=3.7.16 "$candidate" -c "import sys; assert sys.version_info[:2] == (3, 7)" 2>/dev/null; then
        python37="$candidate"
        break
    fi
done
if [ -z "$python37" ]; then
    echo "build_oracle.sh: Python 3.7 not found (tried pyenv 3.7.16 and python3.7); TensorFlow 1.15 needs it" >&2
    exit 1
fi
echo "building the TF 1.15 oracle in $venv (Python: $python37)" >&2
rm -rf "$venv"
PYENV_VERSION=3.7.16 "$python37" -m venv "$venv"
# pytest only serves benchmarks/tf115_conformance.py (TF 1.15's own tests run on TF 1.15).
"$venv/bin/pip" install --quiet --disable-pip-version-check \
    "tensorflow==1.15.5" "numpy<1.19" "protobuf<3.21" "pytest<8" 2>&1 | grep -v "^WARNING: Location" >&2 || true
"$venv/bin/python" -c "import tensorflow as tf; assert tf.__version__ == '1.15.5'; tf.contrib.rnn" 2>/dev/null
echo "TF 1.15 oracle ready: $venv/bin/python" >&2
