"""End-to-end tests of `tf1compat-migrate` through `codemods.cli.main`, in process."""

import json
import pathlib

import pytest

from codemods import cli, registry, runner

MODEL = "import tensorflow as tf\ncell = tf.contrib.rnn.BasicLSTMCell(8)\nout = tf.nn.dynamic_rnn(cell, x)\n"
MIGRATED = (
    "import tf1compat\ncell = tf1compat.contrib.rnn.BasicLSTMCell(8)\n"
    "out = tf1compat.nn.dynamic_rnn(cell, x)\n"
)
CLEAN = "import numpy as np\nprint(np.ones(2))\n"


@pytest.fixture
def repo(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "model.py").write_text(MODEL)
    (tmp_path / "pkg" / "clean.py").write_text(CLEAN)
    (tmp_path / "pkg" / "review.py").write_text(
        "import tensorflow as tf\nc = tf.contrib.rnn.NASCell(3)\n"
    )
    return tmp_path


def test_rewrites_in_place_and_prints_summary(repo, capsys):
    assert cli.main([str(repo)]) == 0
    assert (repo / "pkg" / "model.py").read_text() == MIGRATED
    assert (repo / "pkg" / "clean.py").read_text() == CLEAN
    err = capsys.readouterr().err
    assert f"rewrote {repo / 'pkg' / 'model.py'}" in err
    assert f"{repo / 'pkg' / 'review.py'}:2: [contrib-rnn]" in err
    assert (
        "tf1compat-migrate: 3 files scanned, 1 changed, 2 unchanged, 0 failed; "
        "rewrites: contrib-rnn: 1, rnn-functions: 1; 1 need manual review"
    ) in err
    assert cli.main([str(repo)]) == 0
    assert (repo / "pkg" / "model.py").read_text() == MIGRATED


def test_diff_prints_and_writes_nothing(repo, capsys):
    assert cli.main(["--diff", str(repo)]) == 0
    out = capsys.readouterr().out
    assert "\n-cell = tf.contrib.rnn.BasicLSTMCell(8)\n" in out
    assert "\n+cell = tf1compat.contrib.rnn.BasicLSTMCell(8)\n" in out
    assert (repo / "pkg" / "model.py").read_text() == MODEL


def test_check_exit_codes(repo):
    assert cli.main(["--check", "--quiet", str(repo)]) == 1
    assert (repo / "pkg" / "model.py").read_text() == MODEL
    assert cli.main(["--check", str(repo / "pkg" / "clean.py")]) == 0


def test_unparseable_file_gives_exit_2(repo, capsys):
    bad = repo / "pkg" / "old.py"
    bad.write_bytes(b"import tensorflow as tf\nprint 'x'\nc = tf.contrib.rnn.GRUCell(1)\n")
    assert cli.main(["--quiet", str(repo)]) == 2
    assert f"{bad}:2: error: not valid Python 3" in capsys.readouterr().err
    assert bad.read_bytes() == b"import tensorflow as tf\nprint 'x'\nc = tf.contrib.rnn.GRUCell(1)\n"
    assert (repo / "pkg" / "model.py").read_text() == MIGRATED


def test_report_json(repo, tmp_path):
    report_path = tmp_path / "report.json"
    assert cli.main(["--check", "--quiet", "--report", str(report_path), str(repo / "pkg")]) == 1
    report = json.loads(report_path.read_text())
    assert report["mode"] == "check"
    assert report["summary"] == {
        "scanned": 3,
        "changed": 1,
        "unchanged": 2,
        "failed": 0,
        "manual_review": 1,
        "changes_by_rule": {"contrib-rnn": 1, "rnn-functions": 1},
    }
    by_path = {entry["path"]: entry for entry in report["files"]}
    review = by_path[str(repo / "pkg" / "review.py")]
    assert review["status"] == "unchanged"
    assert review["manual_review"][0]["line"] == 2
    assert by_path[str(repo / "pkg" / "model.py")]["changes"] == {"contrib-rnn": 1, "rnn-functions": 1}


def test_only_and_skip(repo):
    assert cli.main(["--only", "rnn-functions", str(repo)]) == 0
    assert (repo / "pkg" / "model.py").read_text() == (
        "import tensorflow as tf\nimport tf1compat\ncell = tf.contrib.rnn.BasicLSTMCell(8)\n"
        "out = tf1compat.nn.dynamic_rnn(cell, x)\n"
    )
    assert cli.main(["--skip", "rnn-functions", "--skip", "contrib-rnn", "--check", str(repo)]) == 0
    assert cli.main(["--skip", "rnn-functions", "--check", str(repo)]) == 1


@pytest.mark.parametrize("option", ["--only", "--skip"])
def test_unknown_rule_is_a_usage_error(repo, capsys, option):
    assert cli.main([option, "contrib-rnn,nope", str(repo)]) == 2
    err = capsys.readouterr().err
    assert "unknown rule(s): nope" in err and "rnn-cell" in err
    assert (repo / "pkg" / "model.py").read_text() == MODEL


def test_list_rules(capsys):
    assert cli.main(["--list-rules"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in out] == [rule.name for rule in registry.RULES]


def test_exclude(repo):
    assert cli.main(["--exclude", "model.py", "--check", str(repo)]) == 0


@pytest.mark.parametrize("argv", [[], ["--jobs", "0", "."], ["--diff", "--check", "."], ["/no/such/dir"]])
def test_usage_errors(argv, capsys):
    assert cli.main(argv) == 2
    assert "tf1compat-migrate: error:" in capsys.readouterr().err


def test_parallel_run_matches_sequential(tmp_path):
    for i in range(30):
        (tmp_path / f"m{i}.py").write_text(MODEL)
    assert cli.main(["--jobs", "2", "--quiet", str(tmp_path)]) == 0
    assert all((tmp_path / f"m{i}.py").read_text() == MIGRATED for i in range(30))


def test_parallel_results_come_back_in_path_order(tmp_path):
    # Workers take the largest files first; results must still follow the given paths.
    paths = []
    for i in range(30):
        paths.append(str(tmp_path / f"m{i:02d}.py"))
        pathlib.Path(paths[-1]).write_text(MODEL + "# padding\n" * i)
    results = runner.migrate_files(paths, registry.RULES, "check", jobs=2)
    assert [result.path for result in results] == paths
    assert {result.status for result in results} == {"changed"}


def test_notebook_through_cli(tmp_path):
    notebook = {
        "cells": [{"cell_type": "code", "metadata": {}, "source": ["import tensorflow as tf\n", "c = tf.contrib.rnn.GRUCell(2)"], "outputs": [], "execution_count": None}],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = tmp_path / "n.ipynb"
    path.write_text(json.dumps(notebook, indent=1) + "\n")
    assert cli.main(["--quiet", str(path)]) == 0
    assert json.loads(path.read_text())["cells"][0]["source"] == [
        "import tf1compat\n",
        "c = tf1compat.contrib.rnn.GRUCell(2)",
    ]
