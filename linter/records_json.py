"""The records of `linter.records` as JSON data and back, for the result cache.

Why not pickle: a cache entry is a file anyone who can write the folder can
change, and unpickling a changed file runs whatever code it names. This codec
builds only the record classes of `linter.records` (and Decimal, tuples,
sets), so a corrupt or hostile entry can at worst fail to decode: the cache
then treats it as a miss. Types are tagged (`["$Finding", …]`) so
a decoded result is equal to the one encoded, tuples stay tuples; a field a
later version adds or drops makes `from_dict` raise (a miss), never a wrong
record.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from linter import records

# A tagged value is a JSON list whose first item names its type: ["$Finding",
# field, field, …] (fields in declaration order), ["$t", …] a tuple, ["$D", "1.5"]
# a Decimal. Lists are the only place a tag can sit, so plain dicts stay plain;
# a plain list whose first item looks like a tag is escaped as ["$l", …].
_TUPLE, _LIST, _SET, _DICT, _DECIMAL, _SEVERITY = "$t", "$l", "$f", "$d", "$D", "$S"
# An int past 64 bits is written as text, ["$I", "123…"]: orjson, which reads the
# entries (linter/cache.py), would read it as a float.
_BIG_INT = "$I"
_INT_RANGE = range(-(1 << 63), 1 << 64)

# The classes a cache entry may build: the record dataclasses, found rather
# than listed so a record added to records.py is covered without an edit here.
_RECORDS: dict[str, type] = {
    name: cls
    for name, cls in vars(records).items()
    if isinstance(cls, type)
    and dataclasses.is_dataclass(cls)
    and cls.__module__ == records.__name__
}
_FIELDS = {cls: tuple(f.name for f in dataclasses.fields(cls)) for cls in _RECORDS.values()}
_BY_TAG = {f"${name}": cls for name, cls in _RECORDS.items()}
_SCALARS = (str, int, float, bool, type(None))


class UnknownValue(TypeError):
    """A value this codec cannot write (the result is then not cached)."""


def to_dict(value: Any) -> Any:
    """`value` (a record, or data inside one) as JSON-ready data."""
    kind = type(value)
    if kind is int and value not in _INT_RANGE:
        return [_BIG_INT, str(value)]
    if kind in _SCALARS:  # exact types: a Severity is a str, but is tagged below
        return value
    fields = _FIELDS.get(kind)
    if fields is not None:
        return [f"${kind.__name__}", *(to_dict(getattr(value, f)) for f in fields)]
    if isinstance(value, records.Severity):
        return [_SEVERITY, value.value]
    if isinstance(value, Decimal):
        return [_DECIMAL, str(value)]
    if isinstance(value, tuple):
        return [_TUPLE, *(to_dict(v) for v in value)]
    if isinstance(value, list):
        items = [to_dict(v) for v in value]
        return [_LIST, *items] if items and _is_tag(items[0]) else items
    if isinstance(value, frozenset | set):
        return [_SET, *(to_dict(v) for v in sorted(value, key=repr))]
    if isinstance(value, dict):
        if all(type(k) is str for k in value):
            return {k: to_dict(v) for k, v in value.items()}
        return [_DICT, *([to_dict(k), to_dict(v)] for k, v in value.items())]
    raise UnknownValue(f"cannot encode {kind.__qualname__}")


def _is_tag(item: Any) -> bool:
    return type(item) is str and item.startswith("$")


def from_dict(data: Any) -> Any:
    """The value `to_dict` made `data` from; ValueError when `data` is not such a value."""
    kind = type(data)
    if kind is list:
        if data and _is_tag(data[0]):
            return _tagged(data[0], data[1:])
        return _items(data)
    if kind is dict:
        # Scalars are most values: tested inline, a call each would double the time.
        return {k: v if type(v) in _PLAIN else from_dict(v) for k, v in data.items()}
    if kind in _PLAIN:
        return data
    raise ValueError(f"unexpected {kind.__name__}")


_PLAIN = frozenset(_SCALARS)


def _items(items: list) -> list:
    return [v if type(v) in _PLAIN else from_dict(v) for v in items]


def _tagged(tag: str, items: list) -> Any:
    cls = _BY_TAG.get(tag)
    if cls is not None:
        if len(items) != len(_FIELDS[cls]):  # a field added or dropped since it was written
            raise ValueError(f"{tag}: {len(items)} fields")
        return cls(*_items(items))
    if tag == _TUPLE:
        return tuple(_items(items))
    if tag == _LIST:
        return _items(items)
    if tag == _SEVERITY:
        return records.Severity(*items)
    if tag == _DECIMAL and len(items) == 1 and type(items[0]) is str:
        return Decimal(items[0])
    if tag == _BIG_INT and len(items) == 1 and type(items[0]) is str:
        return int(items[0])
    if tag == _SET:
        return frozenset(_items(items))
    if tag == _DICT:
        return {from_dict(k): from_dict(v) for k, v in items}
    raise ValueError(f"unknown tag {tag!r}")
