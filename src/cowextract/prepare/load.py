"""Load stage: files, folders and stdin in; raw documents (text plus whatever metadata
the container states) out. Errors are yielded as values so one bad input never stops a run."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

from cowextract.errors import InputError
from cowextract.jsonio import NotJSON, loads
from cowextract.models import content_id
from cowextract.prepare.offsets import Mapped
from cowextract.prepare.origins import json_text_origin

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
RECORD_SUFFIXES = {".json", ".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES
SIDECAR = ".meta.json"
MAX_BYTES = 20 * 1024 * 1024
TEXT_FIELDS = ("text", "body", "content", "article")
DATE_FIELDS = ("published", "date", "publication_date", "pubdate", "datePublished")


@dataclass
class RawDocument:
    """One article as found: its text (or HTML) and the metadata its container states."""

    source: str  # where it came from, for messages: a path, `file.jsonl:3`, `<stdin>`
    name: str  # the file name as ingested (what gold files and exports call it)
    text: str
    html: bool = False
    meta: dict = field(default_factory=dict)
    # Where `text` stands in the file as read (a JSON string's characters); None when
    # `text` is the file's text itself.
    origin: Mapped | None = None


def source_digest(raw: RawDocument, published=None) -> str:
    """What an ingest of `raw` depends on, as one hash: its text, form and stated metadata,
    the caller's default publication date and the cowextract version. The same digest
    means the same article, so a re-run can skip cleaning it (its name is not part of it:
    the same file under another name is the same article)."""
    from cowextract import __version__

    meta = json.dumps(raw.meta, sort_keys=True, default=str, ensure_ascii=False)
    return content_id(__version__, raw.html, meta, published, raw.text, length=32)


def _decode(data: bytes, source: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        raise InputError(source, "empty file")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(source, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise InputError(source, "cannot detect a text encoding")
    return str(best).lstrip("\ufeff")


def _sidecar(path: Path) -> dict:
    meta_path = path.with_name(path.name.rsplit(".", 1)[0] + SIDECAR)
    if not meta_path.is_file():
        return {}
    try:
        meta = loads(meta_path.read_text(encoding="utf-8-sig"))
    except NotJSON as exc:
        raise InputError(str(meta_path), f"metadata sidecar: {exc.reason}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(meta_path), f"unreadable metadata sidecar ({exc})") from None
    if not isinstance(meta, dict):
        raise InputError(str(meta_path), "metadata sidecar is not a JSON object")
    return meta


def record_to_document(record: object, source: str, name: str) -> RawDocument:
    """A JSON record ({"text", "title", "date", "url", "source"}) as a raw document."""
    if not isinstance(record, dict):
        raise InputError(source, "JSON record is not an object")
    text = next((record[k] for k in TEXT_FIELDS if isinstance(record.get(k), str)), None)
    html = False
    if text is None and isinstance(record.get("html"), str):
        text, html = record["html"], True
    if not text or not text.strip():
        raise InputError(source, f"JSON record has no text field ({', '.join(TEXT_FIELDS)})")
    meta = {k: v for k, v in record.items() if k not in TEXT_FIELDS and k != "html"}
    for key in DATE_FIELDS:
        if record.get(key):
            meta["published"] = record[key]
            break
    if isinstance(record.get("name"), str):
        name = record["name"]
    elif isinstance(record.get("id"), (str, int)):
        name = f"{name}#{record['id']}"
    return RawDocument(source=source, name=name, text=text, html=html, meta=meta)


def _records(text: str, source: str, name: str, jsonl: bool) -> Iterator[RawDocument | InputError]:
    if jsonl:
        for lineno, (base, line) in enumerate(_lines_at(text), 1):
            if not line.strip():
                continue
            where = f"{source}:{lineno}"
            try:
                record = loads(line, what="JSON line")
            except NotJSON as exc:
                yield InputError(where, exc.reason)
                continue
            try:
                yield _located(record_to_document(record, where, f"{name}:{lineno}"), line, base)
            except InputError as err:
                yield err
        return
    try:
        data = loads(text)
    except NotJSON as exc:
        yield InputError(source, exc.reason)
        return
    records = data if isinstance(data, list) else [data]
    after = 0
    for i, record in enumerate(records):
        where = source if len(records) == 1 else f"{source}[{i}]"
        try:
            doc = record_to_document(record, where, name if len(records) == 1 else f"{name}[{i}]")
        except InputError as err:
            yield err
            continue
        doc.origin, after = json_text_origin(text, doc.text, start_at=after)
        yield doc


def _lines_at(text: str) -> Iterator[tuple[int, str]]:
    """The lines of a JSON Lines file (as `str.splitlines` cuts them), each with the
    offset where it starts."""
    offset = 0
    for line in text.splitlines(keepends=True):
        yield offset, line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        offset += len(line)


def _located(doc: RawDocument, line: str, base: int) -> RawDocument:
    """A JSON line's document with the map of its text into the file."""
    doc.origin = json_text_origin(line, doc.text, base=base)[0]
    return doc


def load_bytes(data: bytes, source: str, name: str, suffix: str, meta: dict | None = None
               ) -> Iterator[RawDocument | InputError]:
    """Decode one input's bytes by its kind (suffix) into raw documents or errors."""
    try:
        text = _decode(data, source)
    except InputError as err:
        yield err
        return
    if suffix in RECORD_SUFFIXES:
        yield from _records(text, source, name, jsonl=suffix != ".json")
        return
    html = suffix in HTML_SUFFIXES or (suffix == "" and text.lstrip()[:15].lower().startswith(
        ("<!doctype html", "<html")))
    yield RawDocument(source=source, name=name, text=text, html=html, meta=dict(meta or {}))


def load_path(path: Path, *, max_bytes: int = MAX_BYTES) -> Iterator[RawDocument | InputError]:
    """One file: its documents (a JSON Lines file holds many) or the reason it cannot be read."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield InputError(source, f"too large ({size:,} bytes; the limit is {max_bytes:,})")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(source, f"cannot read ({exc.strerror or exc})")
        return
    try:
        meta = _sidecar(path)
    except InputError as err:
        yield err
        return
    yield from load_bytes(data, source, path.name, path.suffix.lower(), meta)


def iter_files(root: Path) -> Iterator[Path]:
    """Article files below a folder, recursively, in a stable order (sidecars left out)."""
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if path.name.endswith(SIDECAR) or path.name.startswith("."):
            continue
        if path.suffix.lower() in SUFFIXES:
            yield path


def iter_documents(inputs: Iterable[str], *, max_bytes: int = MAX_BYTES, stdin=None
                   ) -> Iterator[RawDocument | InputError]:
    """Every document named by `inputs`: folders (recursive), files, or `-` for stdin."""
    for item in inputs:
        if item == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read()
            if isinstance(data, str):
                data = data.encode("utf-8")
            head = data.lstrip()[:1]
            suffix = ".jsonl" if head in (b"{", b"[") else ""
            if head == b"[":
                suffix = ".json"
            yield from load_bytes(data, "<stdin>", "stdin", suffix)
            continue
        path = Path(item)
        if path.is_dir():
            found = False
            for file in iter_files(path):
                found = True
                yield from load_path(file, max_bytes=max_bytes)
            if not found:
                yield InputError(item, "folder holds no .txt, .md, .html, .json or .jsonl files")
        elif path.is_file():
            # A file named explicitly is read whatever its suffix: unknown ones as plain text.
            yield from load_path(path, max_bytes=max_bytes)
        else:
            yield InputError(item, "no such file or folder")
