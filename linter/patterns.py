"""The regular expressions rules give as parameters, compiled with a time bound for users'.

Python's `re` cannot be interrupted: one backtracking pattern in a user's rule
file (`(?:.*?,){30}P`, `(x+x+)+y`) can hold a run for minutes, and no static
guard catches every such shape. So a rule's pattern parameters are compiled
here. Shipped rules are ours, tested on every example and corpus report, and
use `re` (fastest). A user's rule (`--rules`, or `rules:` in a configuration)
runs inside `time_bound(seconds)`; its patterns are then compiled with the
`regex` package, whose matcher checks a deadline, and a match that outlives the
budget raises `RuleTimeout`. The engine turns that into one `rule-timeout`
finding naming the rule and the file, and goes on with the other rules.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from re import _constants, _parser  # the parse tree `led` reads
from typing import Any

# Seconds one user rule may spend on one file: real rules take milliseconds on a
# 200-page report, so this only ever stops a pattern that backtracks without end.
USER_RULE_BUDGET = 2.0

_DEADLINE: ContextVar[float | None] = ContextVar("ogilint_pattern_deadline", default=None)


class RuleTimeout(Exception):
    """A user rule's pattern ran past its time budget on this file."""


@contextmanager
def time_bound(seconds: float) -> Iterator[None]:
    """Patterns compiled and matched inside this block stop after `seconds` in all."""
    token = _DEADLINE.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


class TimedPattern:
    """A `regex` pattern whose every match call gets the time left before the deadline.

    It offers the methods the check kinds call on a compiled `re` pattern, with
    the same arguments, so a check never knows which one it holds.
    """

    def __init__(self, compiled: Any, deadline: float) -> None:
        self._compiled = compiled
        self._deadline = deadline
        self.pattern: str = compiled.pattern
        # What code reading a compiled `re` pattern looks at (partitions.union joins
        # patterns of equal flags). regex's flags carry its own version bits, so the
        # flags are `re`'s for the same source: a user's patterns stay joinable.
        self.flags: int = re.compile(compiled.pattern).flags
        self.groups: int = compiled.groups
        self.groupindex = compiled.groupindex

    def _left(self) -> float:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise RuleTimeout(self.pattern)
        return left

    def _call(self, method: str, *args: Any) -> Any:
        try:
            return getattr(self._compiled, method)(*args, timeout=self._left())
        except TimeoutError as exc:
            raise RuleTimeout(self.pattern) from exc

    def search(self, string: str, *pos: int) -> Any:
        return self._call("search", string, *pos)

    def match(self, string: str, *pos: int) -> Any:
        return self._call("match", string, *pos)

    def fullmatch(self, string: str, *pos: int) -> Any:
        return self._call("fullmatch", string, *pos)

    def finditer(self, string: str, *pos: int) -> Iterator[Any]:
        # regex bounds a finditer by the time given when it was made; the whole
        # iteration counts against this rule's budget.
        iterator = self._call("finditer", string, *pos)
        while True:
            try:
                yield next(iterator)
            except StopIteration:
                return
            except TimeoutError as exc:
                raise RuleTimeout(self.pattern) from exc

    def findall(self, string: str, *pos: int) -> list[Any]:
        return self._call("findall", string, *pos)

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        return self._call("sub", repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str]:
        return self._call("split", string, maxsplit)


def bounded() -> bool:
    """Whether patterns compiled now are time-bounded (inside `time_bound`)."""
    return _DEADLINE.get() is not None


@lru_cache(maxsize=512)
def _user_compiled(pattern: str) -> Any:
    import regex  # only runs with user rules loaded: keep it off the start-up path

    return regex.compile(pattern, regex.VERSION0)  # VERSION0: the syntax of `re`


def compile(pattern: str | re.Pattern[str]) -> Any:
    """`pattern` compiled: a `re` pattern, or a time-bounded one inside `time_bound`."""
    if isinstance(pattern, (re.Pattern, TimedPattern)):
        return pattern
    deadline = _DEADLINE.get()
    if deadline is None:
        return re.compile(pattern)
    return TimedPattern(_user_compiled(pattern), deadline)


def optional(pattern: str | None) -> Any:
    """`compile(pattern)`, or None for a parameter left out."""
    return compile(pattern) if pattern else None


def search(pattern: str, string: str) -> Any:
    """`re.search` for a rule's pattern parameter."""
    return compile(pattern).search(string)


def finditer(pattern: str, string: str) -> Iterator[Any]:
    """`re.finditer` for a rule's pattern parameter."""
    return compile(pattern).finditer(string)


# What a pattern's matches can begin with, read from its parse tree. `re` skips ahead
# fast only for a pattern that starts with a literal or a class; one that starts with
# an optional group, an anchor or a lookaround, or an alternation of those (a union of
# part patterns), is tried branch by branch at every position. A lookahead of the
# possible first characters rejects most positions in one step.
_ZERO_WIDTH = (_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT)
_REPEATS = (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT)
_Ranges = list[tuple[int, int]]


def _first_of_sequence(items: Any) -> tuple[_Ranges, bool] | None:
    """(code point ranges a match of `items` can begin with, whether it can be empty);
    None when any character could begin it or the tree holds what is not read here."""
    ranges: _Ranges = []
    for op, av in items:
        step = _first_of_item(op, av)
        if step is None:
            return None
        ranges += step[0]
        if not step[1]:
            return ranges, False
    return ranges, True


def _first_of_item(op: Any, av: Any) -> tuple[_Ranges, bool] | None:
    if op is _constants.LITERAL:
        return [(av, av)], False
    if op is _constants.IN:
        ranges = []
        for kind, value in av:  # NEGATE, CATEGORY (\d, \s, …): anything may begin it
            if kind is _constants.LITERAL:
                ranges.append((value, value))
            elif kind is _constants.RANGE:
                ranges.append(value)
            else:
                return None
        return ranges, False
    if op in _ZERO_WIDTH:
        return [], True  # consumes nothing: what follows begins the match
    if op is _constants.SUBPATTERN:
        _, add_flags, del_flags, inner = av
        return None if add_flags or del_flags else _first_of_sequence(inner)
    if op is _constants.ATOMIC_GROUP:
        return _first_of_sequence(av)
    if op is _constants.BRANCH:
        ranges, empty = [], False
        for alternative in av[1]:
            step = _first_of_sequence(alternative)
            if step is None:
                return None
            ranges += step[0]
            empty = empty or step[1]
        return ranges, empty
    if op in _REPEATS:
        low, _, inner = av
        step = _first_of_sequence(inner)
        return None if step is None else (step[0], step[1] or low == 0)
    return None  # ANY, NOT_LITERAL, group references, …


@lru_cache(maxsize=256)
def led(pattern: Any) -> Any:
    """`pattern` preceded by a lookahead of the characters its matches can begin with:
    the same matches, found faster where few positions can start one. `pattern`
    itself when that set is not known (flags, `.`, `\\d`, an empty match, a user's
    time-bounded pattern)."""
    if not isinstance(pattern, re.Pattern) or pattern.flags != re.UNICODE:
        return pattern
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
    except re.error:
        return pattern
    first = None if tree.state.flags != re.UNICODE else _first_of_sequence(tree)
    if first is None or first[1] or not first[0]:
        return pattern
    chars = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in sorted(set(first[0]))
    )
    return re.compile(f"(?=[{chars}])(?:{pattern.pattern})")
