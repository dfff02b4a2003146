"""A scenario's story text, reflowed for the width it is shown at, its lists kept.

A briefing is written in a TOML string with line breaks that fit the editor,
not the screen, so its paragraphs are joined into one line each; but a list
("- Set goals (g): ...") is the writer's structure: each item stays its own
line, as a bullet, its wrapped continuation joined to it.
"""

from __future__ import annotations

import re

_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs, each on one line; a list's items on lines of their own,
    each starting "• "."""
    out = []
    for block in re.split(r"\n\s*\n", text):
        lines: list[str] = []
        for raw in block.splitlines():
            if not raw.strip():
                continue
            if _ITEM.match(raw):
                lines.append("• " + " ".join(_ITEM.sub("", raw).split()))
            elif lines:
                lines[-1] += " " + " ".join(raw.split())
            else:
                lines.append(" ".join(raw.split()))
        if lines:
            out.append("\n".join(lines))
    return out
