"""The one loader for the package's data files (`cowextract/data/`): rules, word lists and
registries are data, read once per process and shared."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def data(name: str) -> Any:
    """The parsed JSON data file `data/NAME` (e.g. `events.json`, `actors/people.json`)."""
    path = resources.files("cowextract").joinpath("data", *name.split("/"))
    return json.loads(path.read_text(encoding="utf-8"))


def words(name: str, key: str) -> frozenset[str]:
    """The word list under `key` of the data file `name`, as a set."""
    return frozenset(data(name)[key])
