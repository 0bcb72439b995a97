"""Text the app shows back to a person: cut to a readable length, and safe on a terminal.

A label is shown in the window, printed by the headless commands and written to exports.
Control characters (ESC starts a terminal escape sequence, BEL rings, a line break splits
a row) and the Unicode bidirectional controls (U+202E turns "exe.txt" into "txt.exe" on
screen) are refused in a label, and stripped from anything printed to a terminal, where a
value stored before this rule could still hold them.
"""

from __future__ import annotations

import unicodedata

LABEL_MAX = 200  # characters: a case's name, not a note
ECHO_MAX = 60  # characters of a typed value repeated in a message

# the bidirectional formatting characters (Unicode TR9): embeddings, overrides, isolates
# and the marks; U+061C is the Arabic letter mark
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def is_unsafe(ch: str) -> bool:
    """A C0 or C1 control, DEL, or a bidirectional control."""
    return unicodedata.category(ch) == "Cc" or ch in BIDI_CONTROLS


def unsafe_characters(text: str) -> list[str]:
    """The unsafe characters in text, named once each in order, e.g. ['ESC (U+001B)']."""
    seen: list[str] = []
    for ch in text:
        if is_unsafe(ch):
            name = _NAMES.get(ch) or unicodedata.name(ch, "control")
            label = f"{name} (U+{ord(ch):04X})"
            if label not in seen:
                seen.append(label)
    return seen


_NAMES = {
    "\t": "tab",
    "\n": "line break",
    "\r": "carriage return",
    "\x07": "BEL",
    "\x1b": "ESC",
    "\x00": "NUL",
    "\x7f": "DEL",
}


def for_terminal(text: str) -> str:
    """text without control or bidirectional characters (for a terminal, never stored)."""
    return "".join(ch for ch in text if not is_unsafe(ch))


def shown(value: object, limit: int = ECHO_MAX) -> str:
    """A value as a message repeats it: one line, unsafe characters removed, and cut to
    limit characters with its full length said ("abc… (100000 characters)")."""
    text = for_terminal(" ".join(str(value).splitlines()))
    if len(text) <= limit:
        return text
    return f"{text[: limit - 1]}… ({len(text)} characters)"
