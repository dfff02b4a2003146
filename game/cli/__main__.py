"""`python -m game.cli`: the `silo` command without the console script."""

import sys

try:
    from game.cli.silo import main
except KeyboardInterrupt:
    # Ctrl-C while silo itself loads: nothing has started, so nothing to undo.
    print("interrupted", file=sys.stderr)
    raise SystemExit(130) from None

raise SystemExit(main())
