"""`python -m game.cli`: the `silo` command without the console script."""

import os
import sys

try:
    from game.cli.silo import main
except KeyboardInterrupt:
    # Ctrl-C while silo itself loads: nothing has started, so nothing to undo
    # (os._exit: see game.cli.commands.interrupts.exit_interrupted).
    print("interrupted", file=sys.stderr, flush=True)
    os._exit(130)

raise SystemExit(main())
