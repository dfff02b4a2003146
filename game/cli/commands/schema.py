"""`silo schema`: print the JSON Schema of scenario files (or saves), for editors and tools.

Descriptions come from the schema's attribute docstrings, so an editor with a
TOML language server can autocomplete and explain every key.
"""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of scenario files",
        description="Print the JSON Schema of scenario files (for editor completion and "
        "checks), e.g. `silo schema > scenario.schema.json`.",
    )
    parser.add_argument(
        "--save", action="store_true", help="the schema of saved games instead of scenarios"
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    import json

    if args.save:
        from game.present.save_schema import json_schema

        print(json.dumps(json_schema(), indent=2))
        return 0
    from sim.scenario import Scenario

    print(json.dumps(Scenario.model_json_schema(), indent=2))
    return 0
