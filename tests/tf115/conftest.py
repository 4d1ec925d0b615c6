"""The real TensorFlow 1.15 as the oracle: TF1 programs run on it in a subprocess.

The oracle is the venv `tests/tf115/build_oracle.sh` builds (`.oracle/tf115`), or the
Python named by `TF1COMPAT_TF115_PYTHON`. Without it these tests fail, never skip.
"""

import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def tf115_python():
    python = pathlib.Path(os.environ.get("TF1COMPAT_TF115_PYTHON",
                                         ROOT / ".oracle" / "tf115" / "bin" / "python"))
    if not python.exists():
        pytest.fail(f"The TF 1.15 oracle is missing ({python}). Build it with "
                    "`bash tests/tf115/build_oracle.sh` (Python 3.7 + tensorflow==1.15.5).")
    return python
