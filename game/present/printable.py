"""Text that is safe to print: no control characters, a bounded length.

Names in files and saves are data from anyone: an escape code in a save's
name would move the cursor or recolour the terminal when the name is listed.
"""

from __future__ import annotations

import unicodedata


def printable(text: str, limit: int = 80, keep: str = "") -> str:
    """`text` with every control character but those in `keep` as '?', cut to `limit`."""
    clean = "".join(
        "?" if unicodedata.category(ch).startswith("C") and ch not in keep else ch for ch in text
    )
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"
