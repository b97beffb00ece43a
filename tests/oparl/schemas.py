"""The OParl 1.1 schemas (`schema/`, copied from the specification) as strict validators.

The schema files point to each other with OParl's own keyword (`"schema": "File.json"`), which
JSON Schema validators ignore. Here every such pointer on an embedded object becomes a `$ref`
resolved through a `referencing` registry, so embedded objects are validated as well. Strict on
top of the schemas: no property the schema does not define (a misspelt one would pass
unnoticed), `format: url` an absolute http(s) URL, date-times with their offset.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).parent / "schema"
BASE = "https://schema.oparl.org/1.1/"


def _with_refs(node):
    if isinstance(node, list):
        return [_with_refs(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _with_refs(value) for key, value in node.items()}
    target = node.get("schema")
    if node.get("type") == "object" and isinstance(target, str) and target.endswith(".json"):
        node["$ref"] = node.pop("schema")
    return node


def _strict(schema: dict) -> dict:
    schema = copy.deepcopy(schema)
    schema["additionalProperties"] = False
    return schema


FORMATS = FormatChecker(formats=())


@FORMATS.checks("url")
def _is_url(value) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@FORMATS.checks("date-time", raises=ValueError)
def _is_datetime(value) -> bool:
    if not isinstance(value, str):
        return True
    return dt.datetime.fromisoformat(value).tzinfo is not None and "T" in value


@FORMATS.checks("date", raises=ValueError)
def _is_date(value) -> bool:
    if not isinstance(value, str):
        return True
    return dt.date.fromisoformat(value).isoformat() == value


@cache
def _registry() -> Registry:
    resources = []
    for path in sorted(SCHEMA_DIR.glob("*.json")):
        contents = _strict(_with_refs(json.loads(path.read_text(encoding="utf-8"))))
        contents["$id"] = BASE + path.name
        resources.append((BASE + path.name, Resource.from_contents(contents, DRAFT202012)))
    return Registry().with_resources(resources)


def type_name(obj: dict) -> str:
    return obj["type"].removeprefix(BASE)


def schema_errors(obj: dict) -> list[str]:
    """Every way `obj` breaks the schema of its `type` (empty: valid)."""
    if not isinstance(obj.get("type"), str) or not obj["type"].startswith(BASE):
        return [f"unknown type {obj.get('type')!r}"]
    path = SCHEMA_DIR / f"{type_name(obj)}.json"
    if not path.exists():
        return [f"no schema for {obj['type']}"]
    validator = Draft202012Validator(
        {"$ref": BASE + path.name}, registry=_registry(), format_checker=FORMATS
    )
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
        for error in validator.iter_errors(obj)
    ]
