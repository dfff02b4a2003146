"""Parts of the economics measuring instrument (see tests/sim/economics_kit.py).

`record` holds what a row measured, `plans` builds the plans to compare,
`runs` runs them (in parallel, cached) and `measures` turns runs into figures.
"""
