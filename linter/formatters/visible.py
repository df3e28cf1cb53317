"""Control characters made visible, so no text from a report or a file name acts on a terminal.

A report is hostile input: an excerpt holding ESC [2J (raw, or as the HTML
entity &#x1b; the loader decodes) would clear the reader's screen, and a file
named with a newline would forge a `file:line: 错误 [rule] …` line that a CI
log parser believes. Every text format passes what it quotes (paths, messages,
sections, excerpts) through `visible`, with or without colour. JSON-based
formats escape C0 characters by construction; `json_safe` adds the ones JSON
leaves raw (DEL, C1, line separators, bidi overrides).
"""

from __future__ import annotations

import re

# C0 and C1 controls and DEL; U+2028/U+2029 (line breaks to some log viewers); the
# bidi embeddings, overrides and isolates that reorder what a reader sees ("Trojan Source");
# and the bytes of a file name that are not UTF-8 (kept by Python as lone surrogates,
# they would reach the terminal raw: a lone 0x9b is a CSI to an 8-bit terminal).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\udc80-\udcff]")
_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _name(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # the undecodable byte it stands for
        return f"\\x{code - 0xDC00:02x}"
    return _SHORT.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def visible(text: str) -> str:
    """`text` with every control character written out: ESC as `\\x1b`, a newline as `\\n`."""
    return _CONTROL.sub(lambda m: _name(m.group()), text)


def json_safe(document: str) -> str:
    """A JSON text with the control characters `json.dumps` leaves raw written as `\\uXXXX`.

    They can only stand inside strings there, where `\\uXXXX` means the same character.
    """
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", document)
