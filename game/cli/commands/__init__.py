"""The `silo` subcommands, one module each.

Every module here defines `add_parser(subparsers)` and `handle(args) -> int`
and imports nothing heavy at module level (sim, numpy, textual, matplotlib go
inside `handle`), so `silo --help` and `silo run --help` start fast.
"""
