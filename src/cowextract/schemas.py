"""JSON Schemas generated from the pydantic models (the files in `schemas/`)."""

from __future__ import annotations

import json
from pathlib import Path

from cowextract.models import EVENT_ADAPTER, Article, Timex

NAMES = ("event", "article", "timex")


def schema_for(name: str) -> dict:
    if name == "event":
        schema = EVENT_ADAPTER.json_schema()
        schema["title"] = "cowextract event"
    elif name == "article":
        schema = Article.model_json_schema()
    elif name == "timex":
        schema = Timex.model_json_schema()
    else:
        raise ValueError(f"no schema named {name!r}")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def schema_text(name: str) -> str:
    return json.dumps(schema_for(name), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write `<name>.schema.json` for every model into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in NAMES:
        path = folder / f"{name}.schema.json"
        path.write_text(schema_text(name), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    import sys

    for p in write_schemas(Path(sys.argv[1] if len(sys.argv) > 1 else "schemas")):
        print(p)
