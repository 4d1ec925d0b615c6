"""End-to-end tests of `tf1compat-migrate` through `codemods.cli.main`, in process."""

import json
import os
import pathlib
import signal

import pytest

from codemods import cli, registry, runner

MODEL = "import tensorflow as tf\ncell = tf.contrib.rnn.BasicLSTMCell(8)\nout = tf.nn.dynamic_rnn(cell, x)\n"
MIGRATED = (
    "import tf1compat\ncell = tf1compat.nn.rnn_cell.BasicLSTMCell(8)\n"
    "out = tf1compat.nn.dynamic_rnn(cell, x)\n"
)
CLEAN = "import numpy as np\nprint(np.ones(2))\n"


@pytest.fixture
def repo(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "model.py").write_text(MODEL)
    (tmp_path / "pkg" / "clean.py").write_text(CLEAN)
    (tmp_path / "pkg" / "review.py").write_text(
        "import tensorflow as tf\nc = tf.contrib.rnn.WeightNormLSTMCell(3)\n"
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
    assert "\n+cell = tf1compat.nn.rnn_cell.BasicLSTMCell(8)\n" in out
    assert (repo / "pkg" / "model.py").read_text() == MODEL


def test_check_exit_codes(repo):
    assert cli.main(["--check", "--quiet", str(repo)]) == 1
    assert (repo / "pkg" / "model.py").read_text() == MODEL
    assert cli.main(["--check", str(repo / "pkg" / "clean.py")]) == 0


def test_unparseable_file_gives_exit_3(repo, capsys):
    bad = repo / "pkg" / "old.py"
    bad.write_bytes(b"import tensorflow as tf\nprint 'x'\nc = tf.contrib.rnn.GRUCell(1)\n")
    assert cli.main(["--quiet", str(repo)]) == 3
    assert f"{bad}:2: error: not valid Python 3" in capsys.readouterr().err
    assert bad.read_bytes() == b"import tensorflow as tf\nprint 'x'\nc = tf.contrib.rnn.GRUCell(1)\n"
    assert (repo / "pkg" / "model.py").read_text() == MIGRATED


def test_report_json(repo, tmp_path):
    report_path = tmp_path / "report.json"
    assert cli.main(["--check", "--quiet", "--report", str(report_path), str(repo / "pkg")]) == 1
    report = json.loads(report_path.read_text())
    assert (report["version"], report["mode"], report["skipped"]) == (2, "check", [])
    assert report["summary"] == {
        "scanned": 3,
        "changed": 1,
        "unchanged": 2,
        "failed": 0,
        "errors": 0,
        "manual_review": 1,
        "unsupported": 1,
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
    skip_all = ["--skip", "rnn-functions", "--skip", "contrib-rnn,contrib-unsupported"]
    assert cli.main([*skip_all, "--check", str(repo)]) == 0
    assert cli.main(["--skip", "rnn-functions", "--check", str(repo / "pkg" / "model.py")]) == 1


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
    assert cli.main(["--exclude", "model.py", "--exclude", "review.py", "--check", str(repo)]) == 0


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
        "c = tf1compat.nn.rnn_cell.GRUCell(2)",
    ]


# One file never aborts the run (issue 13, root cause 3).


def _raise_on(marker, error):
    """A stand-in for `runner.migrate_code` that raises `error` for code holding `marker`."""
    real = runner.migrate_code

    def migrate_code(code, rules):
        if marker in code:
            raise error
        return real(code, rules)

    return migrate_code


@pytest.mark.parametrize(
    "error",
    [
        AttributeError("'NoneType' object has no attribute 'append'"),
        RecursionError("deep"),
        UnicodeEncodeError("utf-8", "\ud83d", 0, 1, "surrogates not allowed"),
    ],
    ids=["attribute-error", "recursion-error", "encode-error"],
)
def test_internal_error_is_that_files_failure_and_the_run_goes_on(repo, tmp_path, capsys, monkeypatch, error):
    buggy = repo / "pkg" / "buggy.py"
    buggy.write_text(MODEL + "# boom\n")
    monkeypatch.setattr(runner, "migrate_code", _raise_on("# boom", error))
    report_path = tmp_path / "report.json"
    assert cli.main(["--report", str(report_path), str(repo)]) == cli.EXIT_INTERNAL_ERROR
    assert (repo / "pkg" / "model.py").read_text() == MIGRATED
    assert buggy.read_text() == MODEL + "# boom\n"
    err = capsys.readouterr().err
    assert f"{buggy}: error: internal error at " in err
    assert f"{type(error).__name__}: {error}" in err and "please report this bug" in err
    assert "4 files scanned, 1 changed, 2 unchanged, 0 failed, 1 internal error;" in err
    report = json.loads(report_path.read_text())
    assert report["summary"]["errors"] == 1
    entry = next(e for e in report["files"] if e["path"] == str(buggy))
    assert entry["status"] == "error" and type(error).__name__ in entry["error"]["message"]


@pytest.mark.parametrize(
    "extra, mode, status",
    [
        ("", "--check", cli.EXIT_NOT_MIGRATED),
        ("old.py", "--check", cli.EXIT_FAILED),
        ("buggy.py", "--check", cli.EXIT_INTERNAL_ERROR),
        ("buggy.py", "--diff", cli.EXIT_INTERNAL_ERROR),
        ("old.py", "--diff", cli.EXIT_FAILED),
    ],
)
def test_exit_status_tells_would_change_unparseable_and_internal_error_apart(
    repo, monkeypatch, extra, mode, status
):
    (repo / "pkg" / "old.py").write_text("import tensorflow as tf\nprint 'rnn'\n") if extra == "old.py" else None
    if extra == "buggy.py":
        (repo / "pkg" / "buggy.py").write_text(MODEL + "# boom\n")
        monkeypatch.setattr(runner, "migrate_code", _raise_on("# boom", KeyError("x")))
    assert cli.main([mode, "--quiet", str(repo)]) == status


def test_report_is_written_whatever_happens(repo, tmp_path, monkeypatch):
    (repo / "pkg" / "old.py").write_text("import tensorflow as tf\nprint 'rnn'\n")
    (repo / "pkg" / "buggy.py").write_text(MODEL + "# boom\n")
    monkeypatch.setattr(runner, "migrate_code", _raise_on("# boom", ValueError("bug")))
    report_path = tmp_path / "report.json"
    assert cli.main(["--check", "--quiet", "--report", str(report_path), str(repo)]) == 4
    statuses = {pathlib.Path(e["path"]).name: e["status"] for e in json.loads(report_path.read_text())["files"]}
    assert statuses == {"buggy.py": "error", "clean.py": "unchanged", "model.py": "changed",
                        "old.py": "failed", "review.py": "unchanged"}


def test_unwritable_report_is_a_usage_error_after_the_run(repo, capsys):
    assert cli.main(["--quiet", "--report", str(repo / "no" / "such" / "dir.json"), str(repo)]) == 2
    assert "cannot write --report" in capsys.readouterr().err
    assert (repo / "pkg" / "model.py").read_text() == MIGRATED


_REAL_MIGRATE_FILE = runner.migrate_file


def _dies_on_m07(path, rule_names, mode):
    if path.endswith("m07.py"):
        os._exit(1)  # What a segfault or the OOM killer does to a worker process.
    return _REAL_MIGRATE_FILE(path, rule_names, mode)


def test_a_worker_process_that_dies_fails_only_its_files(tmp_path, monkeypatch):
    paths = []
    for i in range(30):
        paths.append(tmp_path / f"m{i:02d}.py")
        paths[-1].write_text(MODEL)
    monkeypatch.setattr(runner, "migrate_file", _dies_on_m07)
    results = runner.migrate_files([str(p) for p in paths], registry.RULES, "check", jobs=2)
    assert len(results) == 30
    by_name = {pathlib.Path(r.path).name: r for r in results}
    assert by_name["m07.py"].status == "error"
    assert "BrokenProcessPool" in by_name["m07.py"].error
    assert {r.status for r in results} <= {"changed", "error"}


def test_named_pipe_called_x_py_does_not_hang_the_run(tmp_path, capsys):
    os.mkfifo(tmp_path / "x.py")
    (tmp_path / "model.py").write_text(MODEL)
    signal.alarm(20)  # A regression would block on opening the pipe: fail, do not hang.
    try:
        assert cli.main([str(tmp_path), str(tmp_path / "x.py")]) == 0
        result = runner.migrate_file(str(tmp_path / "x.py"), ("contrib-rnn",), "check")
    finally:
        signal.alarm(0)
    assert (tmp_path / "model.py").read_text() == MIGRATED
    assert f"{tmp_path / 'x.py'}: skipped: not a regular file (named pipe)" in capsys.readouterr().err
    assert (result.status, result.error) == ("failed", "cannot read or write: not a regular file")


def test_diff_is_written_as_bytes_in_the_files_encoding(tmp_path, capsysbinary):
    path = tmp_path / "latin.py"
    data = b"# -*- coding: latin-1 -*-\nimport tensorflow as tf\nc = tf.nn.rnn_cell.GRUCell(2)  # r\xe9seau\n"
    path.write_bytes(data)
    assert cli.main(["--diff", "--quiet", str(path)]) == 0
    out = capsysbinary.readouterr().out
    assert b"+c = tf1compat.nn.rnn_cell.GRUCell(2)  # r\xe9seau\n" in out
    assert path.read_bytes() == data


def test_notebook_output_with_a_lone_surrogate_is_migrated_and_diffed(tmp_path, capsysbinary):
    path = tmp_path / "n.ipynb"
    data = (
        b'{"cells": [{"cell_type": "code", "outputs": [{"text": ["\\ud83d"]}],\n'
        b'  "source": ["import tensorflow as tf\\n", "sess = tf.Session()"]}], "nbformat": 4}\n'
    )
    path.write_bytes(data)
    assert cli.main(["--diff", str(path)]) == 0
    assert b'+  "source": ["import tensorflow as tf\\n", "tf.compat.v1.disable_v2_behavior()\\n"' in capsysbinary.readouterr().out
    assert cli.main([str(path)]) == 0
    assert path.read_bytes() == data.replace(b'\\n", "sess', b'\\n", "tf.compat.v1.disable_v2_behavior()\\n", "sess')
