"""silo's version, read once from the installed package's metadata.

Saves and output files record the version that wrote them; `silo --version`
prints it. The metadata is the one source (pyproject.toml's `version`), so the
number is never written twice. Reading it costs an import, so it is done on
first use, not at start-up.
"""

from __future__ import annotations

from functools import cache

DISTRIBUTION = "silo-sim"
"""The name silo is installed under."""
NOT_INSTALLED = "unknown (not installed)"
"""What a source checkout that was never `pip install`ed reports."""


@cache
def silo_version() -> str:
    """The installed package's version (NOT_INSTALLED when silo is not installed)."""
    from importlib.metadata import PackageNotFoundError, version

    # silo is installed as "silo-sim" ("silo" on the package index is another project).
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return NOT_INSTALLED
