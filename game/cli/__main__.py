"""`python -m game.cli`: the `silo` command without the console script."""

from game.cli.silo import main

raise SystemExit(main())
