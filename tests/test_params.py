"""Each check kind's parameters are a type, and the JSON Schema says the same."""

from __future__ import annotations

import json
from dataclasses import fields

import pytest

from linter.params import PARAMS, Partition, required
from linter.rulebook import rules_dir

SCHEMA = json.loads((rules_dir() / "schema.json").read_text(encoding="utf-8"))
DEFS = SCHEMA["$defs"]


def _schema_params() -> dict[str, dict]:
    """Check kind -> the schema of its params, as the rule schema applies it."""
    out = {}
    for clause in DEFS["rule"]["allOf"]:
        check = clause["if"].get("properties", {}).get("check")
        params = clause["then"].get("properties", {}).get("params")
        if check and params:
            kinds = [check["const"]] if "const" in check else check["enum"]
            for kind in kinds:
                out[kind] = DEFS[params["$ref"].rsplit("/", 1)[1]]
    return out


def test_every_check_kind_has_params_and_a_schema():
    assert set(PARAMS) == set(DEFS["rule"]["properties"]["check"]["enum"]) == set(_schema_params())


@pytest.mark.parametrize("kind", sorted(PARAMS))
def test_the_schema_and_the_params_type_name_the_same_keys(kind):
    schema = _schema_params()[kind]
    cls = PARAMS[kind]
    assert set(schema.get("properties", {})) == {f.name for f in fields(cls)}
    assert set(schema.get("required", [])) == required(cls)
    assert schema.get("additionalProperties") is False or schema.get("maxProperties") == 0
    assert all(f.metadata.get("doc") for f in fields(cls)), "every parameter is described"


def test_the_partition_type_matches_its_schema():
    assert set(DEFS["partition"]["properties"]) == {f.name for f in fields(Partition)}
    assert set(DEFS["partition"]["required"]) == required(Partition)
