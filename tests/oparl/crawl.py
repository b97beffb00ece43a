"""Walks the endpoint as an OParl client does: from the system through every list page and
every address an object names."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

ROOT = "http://testserver/oparl/v1.1/"
JSON = "application/json; charset=utf-8"


def get_json(client, url: str, *, status: int = 200) -> dict[str, Any]:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.content[:500])
    assert response["Content-Type"] == JSON, url
    assert response["Access-Control-Allow-Origin"] == "*", url
    return response.json()


def nested_objects(value) -> list[dict[str, Any]]:
    """`value` and every object inside it that has a type (embedded objects included)."""
    found = []
    if isinstance(value, dict):
        if "type" in value:
            found.append(value)
        for item in value.values():
            found += nested_objects(item)
    elif isinstance(value, list):
        for item in value:
            found += nested_objects(item)
    return found


def own_addresses(value) -> set[str]:
    """Every address on this server that `value` names."""
    if isinstance(value, str):
        return {value} if value.startswith(ROOT) else set()
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return set().union(*(own_addresses(item) for item in items)) if items else set()


@dataclass
class Crawl:
    # Every answer by address (lists page by page), and every appearance of every object id.
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    appearances: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    raw: list[str] = field(default_factory=list)

    @property
    def objects(self) -> list[dict[str, Any]]:
        return [obj for answer in self.answers.values() for obj in nested_objects(answer)]

    def of_type(self, name: str) -> dict[str, dict[str, Any]]:
        """The objects of one type as served at their own address."""
        suffix = f"/{name}"
        return {
            url: answer
            for url, answer in self.answers.items()
            if "data" not in answer and answer.get("type", "").endswith(suffix)
        }


def crawl(client, start: str = ROOT) -> Crawl:
    result = Crawl()
    queue = [start]
    while queue:
        url = queue.pop()
        if url in result.answers:
            continue
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.content[:500])
        assert response["Content-Type"] == JSON, url
        assert response["Access-Control-Allow-Origin"] == "*", url
        result.raw.append(response.content.decode())
        answer = response.json()
        result.answers[url] = answer
        for obj in nested_objects(answer):
            result.appearances[obj["id"]].append(obj)
        queue += sorted(own_addresses(answer) - set(result.answers))
    return result
