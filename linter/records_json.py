"""The records of `linter.records` as JSON data and back, for the result cache.

Why not pickle: a cache entry is a file anyone who can write the folder can
change, and unpickling a changed file runs whatever code it names. This codec
builds only the record classes of `linter.records` (and Decimal, tuples,
sets), so a corrupt or hostile entry can at worst fail to decode: the cache
then treats it as a miss. Types are tagged (`{"$": "Finding", "v": {...}}`) so
a decoded result is equal to the one encoded, tuples stay tuples; a field a
later version adds or drops makes `from_dict` raise (a miss), never a wrong
record.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from linter import records

TAG, VALUE = "$", "v"

# The classes a cache entry may build: the record dataclasses, found rather
# than listed so a record added to records.py is covered without an edit here.
_RECORDS: dict[str, type] = {
    name: cls
    for name, cls in vars(records).items()
    if isinstance(cls, type)
    and dataclasses.is_dataclass(cls)
    and cls.__module__ == records.__name__
}


class UnknownValue(TypeError):
    """A value this codec cannot write (the result is then not cached)."""


def to_dict(value: Any) -> Any:
    """`value` (a record, or data inside one) as JSON-ready data."""
    if isinstance(value, records.Severity):  # a str too: tagged before plain strings
        return {TAG: "Severity", VALUE: value.value}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return {TAG: "Decimal", VALUE: str(value)}
    if isinstance(value, list):
        return [to_dict(v) for v in value]
    if isinstance(value, tuple):
        return {TAG: "tuple", VALUE: [to_dict(v) for v in value]}
    if isinstance(value, frozenset | set):
        return {TAG: "frozenset", VALUE: [to_dict(v) for v in sorted(value, key=repr)]}
    if isinstance(value, dict):
        return _mapping(value)
    name = type(value).__name__
    if _RECORDS.get(name) is type(value):
        fields = {f.name: to_dict(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {TAG: name, VALUE: fields}
    raise UnknownValue(f"cannot encode {type(value).__qualname__}")


def _mapping(value: dict) -> Any:
    if all(isinstance(k, str) for k in value) and TAG not in value:
        return {k: to_dict(v) for k, v in value.items()}
    return {TAG: "dict", VALUE: [[to_dict(k), to_dict(v)] for k, v in value.items()]}


def from_dict(data: Any) -> Any:
    """The value `to_dict` made `data` from; ValueError when `data` is not such a value."""
    if data is None or isinstance(data, bool | int | float | str):
        return data
    if isinstance(data, list):
        return [from_dict(v) for v in data]
    if not isinstance(data, dict):
        raise ValueError(f"unexpected {type(data).__name__}")
    if TAG not in data:
        return {k: from_dict(v) for k, v in data.items()}
    return _tagged(data.get(TAG), data.get(VALUE))


def _tagged(tag: Any, body: Any) -> Any:
    if tag == "Severity":
        return records.Severity(body)
    if tag == "Decimal" and isinstance(body, str):
        return Decimal(body)
    if tag == "tuple" and isinstance(body, list):
        return tuple(from_dict(v) for v in body)
    if tag == "frozenset" and isinstance(body, list):
        return frozenset(from_dict(v) for v in body)
    if tag == "dict" and isinstance(body, list):
        return {from_dict(k): from_dict(v) for k, v in body}
    cls = _RECORDS.get(tag) if isinstance(tag, str) else None
    if cls is None or not isinstance(body, dict):
        raise ValueError(f"unknown tag {tag!r}")
    try:
        return cls(**{k: from_dict(v) for k, v in body.items()})
    except TypeError as exc:  # a field added or dropped since the entry was written
        raise ValueError(f"{tag}: {exc}") from exc
