"""Loaders: every input kind, encodings, sidecars, and the bad inputs that must be named."""

from __future__ import annotations

import io
import json

import pytest

from cowextract.errors import InputError
from cowextract.prepare.load import RawDocument, iter_documents


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
