"""Tests of file discovery: suffixes, excludes, skipped directories and symlinks."""

import os

import pytest

from codemods.discovery import discover, is_excluded


@pytest.fixture
def tree(tmp_path):
    for relative in [
        "pkg/model.py",
        "pkg/model_pb2.py",
        "pkg/notes.txt",
        "notebooks/demo.ipynb",
        "third_party/lib/cell.py",
        ".git/hooks/x.py",
        "__pycache__/m.py",
        "venv/lib/site.py",
    ]:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("")
    (tmp_path / "venv" / "pyvenv.cfg").write_text("")
    return tmp_path


def _relative(files, root):
    return sorted(os.path.relpath(f, root) for f in files)


def test_walk_finds_python_and_notebooks_only(tree):
    files, skipped = discover([str(tree)])
    assert _relative(files, tree) == [
        "notebooks/demo.ipynb",
        "pkg/model.py",
        "pkg/model_pb2.py",
        "third_party/lib/cell.py",
    ]
    assert skipped == []


def test_excludes_match_components_and_relative_paths(tree):
    files, _ = discover([str(tree)], exclude=["*_pb2.py", "third_party/*"])
    assert _relative(files, tree) == ["notebooks/demo.ipynb", "pkg/model.py"]
    files, _ = discover([str(tree)], exclude=["notebooks"])
    assert "notebooks/demo.ipynb" not in _relative(files, tree)


def test_symlinks_are_not_followed(tree, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "victim.py").write_text("")
    os.symlink(outside, tree / "linked_dir")
    os.symlink(outside / "victim.py", tree / "pkg" / "link.py")
    files, skipped = discover([str(tree), str(tree / "pkg" / "link.py")])
    assert sorted(os.path.basename(f) for f in files) == ["cell.py", "demo.ipynb", "model.py", "model_pb2.py"]
    assert skipped == [(str(tree / "pkg" / "link.py"), "symlink")]


def test_named_pipes_are_skipped_with_a_reason(tree):
    os.mkfifo(tree / "pkg" / "x.py")
    os.mkfifo(tree / "given.py")
    files, skipped = discover([str(tree / "pkg"), str(tree / "given.py")])
    assert [os.path.basename(f) for f in files] == ["model.py", "model_pb2.py"]
    assert skipped == [
        (str(tree / "pkg" / "x.py"), "not a regular file (named pipe)"),
        (str(tree / "given.py"), "not a regular file (named pipe)"),
    ]


def test_explicit_file_is_taken_whatever_its_suffix(tree):
    files, _ = discover([str(tree / "pkg" / "notes.txt")])
    assert files == [str(tree / "pkg" / "notes.txt")]


def test_missing_path_raises(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file"):
        discover([str(tmp_path / "nope")])


def test_is_excluded():
    assert is_excluded("a/b/c_pb2.py", ["*_pb2.py"])
    assert is_excluded("vendor/x.py", ["vendor/"])
    assert not is_excluded("src/vendored.py", ["vendor"])


def test_file_reached_twice_is_listed_once(tree, monkeypatch):
    monkeypatch.chdir(tree)
    files, _ = discover(["pkg", str(tree / "pkg" / "model.py"), "./pkg/model.py"])
    assert [os.path.basename(f) for f in files] == ["model.py", "model_pb2.py"]
