"""Whether OpenCC's traditional-to-simplified conversion can change a text.

Converting costs about 16 ns per character and loading OpenCC ~17 ms, yet
most reports are written in simplified characters and come out unchanged.
OpenCC changes a text only where a dictionary key whose value differs from
it matches, and every such key holds a character it changes (the
"changing" characters: those of TSCharacters, and a few that only a phrase
changes, such as 藉 in 藉口). `t2s_changing.txt` lists them for the
dictionaries it was made from, with their SHA-256: a line holding none of
them is left as it is. When the installed dictionaries are not those (another
OpenCC), nothing is skipped.

Rebuild the list after an OpenCC upgrade (needs `pip install marisa-trie`,
which reads OpenCC's dictionaries): `python -m linter.traditional`.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
from functools import lru_cache
from pathlib import Path

_TABLE = Path(__file__).with_name("t2s_changing.txt")
_OCD2_HEADER = b"OPENCC_MARISA_0.2.5"  # then the marisa trie of the keys


def _share() -> Path | None:
    """OpenCC's configuration folder, found without importing OpenCC."""
    spec = importlib.util.find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        return None
    share = Path(next(iter(spec.submodule_search_locations))) / "clib" / "share" / "opencc"
    return share if (share / "t2s.json").is_file() else None


def _dictionaries(share: Path) -> list[Path]:
    """t2s.json and the dictionary files it names, in its order."""
    config = share / "t2s.json"
    names = re.findall(r'"file"\s*:\s*"([^"]+)"', config.read_text("utf-8"))
    return [config, *(share / name for name in names)]


def _fingerprint(share: Path) -> str:
    digest = hashlib.sha256()
    for path in _dictionaries(share):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def changing_characters() -> re.Pattern[str] | None:
    """A pattern of the characters OpenCC may change, or None when unknown."""
    try:
        fingerprint, characters = _TABLE.read_text("utf-8").split("\n")[:2]
        share = _share()
        if share is None or _fingerprint(share) != fingerprint:
            return None
    except (OSError, ValueError):
        return None
    # Astral characters are all taken as changing: with them in the class `re` would
    # test thousands of ranges per character instead of one bitmap look-up.
    basic = "".join(re.escape(c) for c in characters if ord(c) < 0x10000)
    return re.compile(f"[{basic}]|[\U00010000-\U0010ffff]")


def may_change(text: str) -> bool:
    """False when OpenCC's t2s conversion certainly leaves `text` as it is."""
    pattern = changing_characters()
    return pattern is None or pattern.search(text) is not None


def _keys(path: Path) -> list[str]:
    import marisa_trie  # a development tool's dependency, not ogilint's

    trie = marisa_trie.Trie()
    trie.frombytes(path.read_bytes().removeprefix(_OCD2_HEADER))
    return trie.keys()


def _build() -> str:
    """The table's text: the dictionaries' fingerprint, then the changing characters."""
    import opencc

    share = _share()
    if share is None:
        raise SystemExit("OpenCC's t2s configuration was not found")
    converter = opencc.OpenCC("t2s")
    changing: set[str] = set()
    for path in _dictionaries(share)[1:]:
        for key in _keys(path):
            value = converter.convert(key)
            if len(value) != len(key):
                changing.update(key)
            else:
                changing.update(k for k, v in zip(key, value, strict=True) if k != v)
    return f"{_fingerprint(share)}\n{''.join(sorted(changing))}\n"


if __name__ == "__main__":
    _TABLE.write_text(_build(), "utf-8")
    print(f"wrote {_TABLE}")
