"""pandas DataFrames of results, for notebooks, when pandas is installed.

silo does not depend on pandas: results are plain rows (`to_records()`), and
these helpers turn them into a DataFrame only when asked, importing pandas
then, with a one-line hint when it is missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def frame(records: Sequence[dict[str, Any]]) -> Any:
    """A pandas DataFrame of tidy rows.

    Raises:
        ImportError: pandas is not installed (the message says how to get it).
    """
    try:
        import pandas as pd
    except ImportError:
        raise ImportError(
            "DataFrames need pandas: pip install pandas (or use .to_records())"
        ) from None
    return pd.DataFrame.from_records(list(records))
