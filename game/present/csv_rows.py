"""Tidy rows as CSV text, for every command and folder that writes one.

An undefined value (NaN, None) is an empty cell, a boolean is true/false,
and a list or table is its JSON, so pandas and spreadsheets read them back.
"""

from __future__ import annotations

import math
from typing import Any


def records_csv(records: list[dict[str, Any]]) -> str:
    """Rows as CSV text; an undefined value (NaN, None) is an empty cell."""
    import csv
    import io

    buffer = io.StringIO()
    fields = list(dict.fromkeys(k for row in records for k in row))
    writer = csv.DictWriter(buffer, fieldnames=fields or ["run"], lineterminator="\n")
    writer.writeheader()
    for row in records:
        writer.writerow({k: csv_cell(v) for k, v in row.items()})
    return buffer.getvalue()


def csv_cell(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        import json

        return json.dumps(value)
    return value
