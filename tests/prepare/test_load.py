"""Loaders: every input kind, encodings, sidecars, and the bad inputs that must be named."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from cowextract.errors import InputError, RepairedInput
from cowextract.prepare.load import RawDocument, iter_documents, utf8_replacing


def docs(tmp_path, inputs=None, stdin=None):
    out = list(iter_documents([str(p) for p in (inputs or [tmp_path])], stdin=stdin))
    return [d for d in out if isinstance(d, RawDocument)], [e for e in out
                                                             if isinstance(e, InputError)]


@pytest.mark.parametrize("name,data,expect_text", [
    ("a.txt", b"Plain text body.", "Plain text body."),
    ("bom.txt", b"\xef\xbb\xbfWith a BOM.", "With a BOM."),
    ("cp1252.txt", ("\u201cWe are ready,\u201d Macron said at the \u00c9lys\u00e9e Palace on "
                    "Thursday, where leaders of the coalition met to agree the next steps.")
     .encode("cp1252"), "\u201cWe are ready,\u201d Macron said at the \u00c9lys\u00e9e"),
    ("utf16.txt", "Kyiv and Paris met on Tuesday.".encode("utf-16"), "Kyiv and Paris"),
    ("b.md", b"# Headline\n\nBody text.", "# Headline"),
])
def test_text_files_decode(tmp_path, name, data, expect_text):
    (tmp_path / name).write_bytes(data)
    found, errors = docs(tmp_path)
    assert not errors
    assert found[0].text.startswith(expect_text)
    assert found[0].name == name


def test_html_is_marked(tmp_path):
    (tmp_path / "page.html").write_text("<html><body><p>x</p></body></html>")
    found, _ = docs(tmp_path)
    assert found[0].html is True


def test_jsonl_records_and_malformed_line(tmp_path):
    lines = [json.dumps({"title": "T1", "date": "2025-03-02", "url": "http://x/1", "text": "One."}),
             "{not json", json.dumps({"title": "no text"}),
             json.dumps({"text": "Two.", "published": "2025-03-03", "source": "Wire"})]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines))
    found, errors = docs(tmp_path)
    assert [d.text for d in found] == ["One.", "Two."]
    assert found[0].meta["published"] == "2025-03-02" and found[0].meta["title"] == "T1"
    assert found[1].meta["source"] == "Wire"
    assert [e.source.rsplit(":", 1)[1] for e in errors] == ["2", "3"]
    assert "malformed JSON line" in errors[0].reason
    assert "no text field" in errors[1].reason


def test_json_list_and_single(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"text": "Single.", "date": "2025-01-01"}))
    (tmp_path / "many.json").write_text(json.dumps([{"text": "A."}, {"body": "B."}]))
    found, errors = docs(tmp_path)
    assert sorted(d.text for d in found) == ["A.", "B.", "Single."]
    assert not errors


def test_sidecar_metadata(tmp_path):
    (tmp_path / "story.txt").write_text("Body.")
    (tmp_path / "story.meta.json").write_text(json.dumps({"published": "2025-09-05",
                                                          "source": "Wire"}))
    found, errors = docs(tmp_path)
    assert len(found) == 1 and not errors
    assert found[0].meta == {"published": "2025-09-05", "source": "Wire"}


def test_folder_is_recursive_and_ordered(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Z.")
    (tmp_path / "a.txt").write_text("A.")
    (tmp_path / "ignored.pdf").write_bytes(b"%PDF")
    found, _ = docs(tmp_path)
    assert [d.name for d in found] == ["a.txt", "z.txt"]


def test_stdin_text_and_jsonl(tmp_path):
    found, _ = docs(tmp_path, ["-"], stdin=io.BytesIO(b"From a pipe."))
    assert found[0].source == "<stdin>" and found[0].text == "From a pipe."
    found, _ = docs(tmp_path, ["-"], stdin=io.BytesIO(b'{"text": "rec"}\n{"text": "rec2"}\n'))
    assert [d.text for d in found] == ["rec", "rec2"]


@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n ", "empty file"),
    ("binary.txt", b"\x00\x01\x02binary\x00", "binary file"),
    ("broken.json", b"{oops", "malformed JSON"),
    ("list.json", b"[1, 2]", "not an object"),
])
def test_bad_inputs_are_named(tmp_path, name, data, reason):
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text("Still read.")
    found, errors = docs(tmp_path)
    assert [d.name for d in found] == ["good.txt"]
    assert errors and all(name in e.source for e in errors)
    assert reason in errors[0].reason


def test_missing_and_oversized(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("x" * 100)
    out = list(iter_documents([str(tmp_path / "nope.txt"), str(big)], max_bytes=10))
    assert [e.reason for e in out] == ["no such file or folder",
                                       "too large (100 bytes; the limit is 10)"]


QUOTED = "\u201cWe are ready,\u201d the minister said in Oslo on Tuesday after the talks."


@pytest.mark.parametrize("data,text_start,replaced", [
    # UTF-8 with a few bad bytes stays UTF-8: the bytes replaced, counted.
    (QUOTED.encode() + b" \xff", "\u201cWe are ready,\u201d", 1),
    (QUOTED.encode().replace(b"ready", b"re\xc3\x28dy"), "\u201cWe are re\ufffd(dy", 1),
    (b"\xfe\xff" + QUOTED.encode() * 3, "\ufffd\ufffd\u201cWe", 2),
    # A file whose non-ASCII bytes are mostly not UTF-8 is another encoding, guessed whole.
    (QUOTED.encode("cp1252"), "\u201cWe are ready,\u201d", 0),
    (("caf\u00e9 " + QUOTED).encode("latin-1", "replace"), "caf\u00e9", 0),
    # A replacement character written in the file is text, not a repair.
    ("\ufffd " + QUOTED, "\ufffd \u201cWe", 0),
])
def test_utf8_with_a_few_bad_bytes_stays_utf8(tmp_path, data, text_start, replaced):
    (tmp_path / "a.txt").write_bytes(data if isinstance(data, bytes) else data.encode())
    out = list(iter_documents([str(tmp_path)]))
    repairs = [e for e in out if isinstance(e, RepairedInput)]
    doc = next(d for d in out if isinstance(d, RawDocument))
    assert doc.text.startswith(text_start)
    assert [r.reason.split(" byte")[0] for r in repairs] == ([str(replaced)] if replaced else [])


@pytest.mark.parametrize("data,bad", [
    (b"plain", 0), (b"a\xffb", 1), (b"a\xff\xfeb", 2), (b"\xe2\x80", 2), (b"\xef\xbf\xbd", 0),
    (b"\xe2\x80\x9cok\xe2\x80\x9d\x80", 1),
])
def test_replaced_bytes_are_counted(data, bad):
    assert utf8_replacing(data)[1] == bad


def test_stdin_has_the_same_size_limit_as_a_file():
    out = list(iter_documents(["-"], stdin=io.BytesIO(b"x" * 11), max_bytes=10))
    assert [e.reason for e in out] == ["too large (more than 10 bytes; the limit is 10)"]
    out = list(iter_documents(["-"], stdin=io.BytesIO(b"Ten bytes."), max_bytes=10))
    assert [d.text for d in out] == ["Ten bytes."]


def test_links_in_folders_are_followed_or_named(tmp_path):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "far.txt").write_text("Far.")
    (tmp_path / "in" / "a.txt").write_text("A.")
    os.symlink(tmp_path / "elsewhere", tmp_path / "in" / "linked")  # followed
    os.symlink("..", tmp_path / "in" / "sub" / "up")                  # a loop
    os.symlink("/", tmp_path / "in" / "root")                         # above: a loop too
    os.symlink("missing.txt", tmp_path / "in" / "b.txt")              # dangling
    (tmp_path / "in" / ".hidden").symlink_to("nowhere")               # dot files: left out
    out = list(iter_documents([str(tmp_path / "in")]))
    assert [d.name for d in out if isinstance(d, RawDocument)] == ["a.txt", "far.txt"]
    assert [(Path(e.source).name, e.reason.split(" (")[0].split(",")[0]) for e in out
            if isinstance(e, InputError)] == [
        ("b.txt", "dangling symbolic link to 'missing.txt'"),
        ("root", "symbolic link loop"), ("up", "symbolic link loop")]


def test_an_unreadable_folder_is_named(tmp_path, monkeypatch):
    """(As an unprivileged user, for real: test_faults_processes.py.)"""
    import cowextract.prepare.load as load

    (tmp_path / "locked").mkdir()
    (tmp_path / "a.txt").write_text("A.")
    real = os.scandir

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(load.os, "scandir", scandir)
    out = list(iter_documents([str(tmp_path)]))
    assert [d.name for d in out if isinstance(d, RawDocument)] == ["a.txt"]
    assert [e.reason for e in out if isinstance(e, InputError)] == [
        "cannot read folder (Permission denied)"]
