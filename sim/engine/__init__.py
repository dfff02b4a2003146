"""The engine: a thin coordinator (`Simulation`) that owns the clock and its parts.

Each part owns its state behind a narrow interface and never imports the
coordinator: `orgchart` (teams, people, routing), `floor` (the work floor:
queues, workers' processes, duplication, handoffs), `demand` (campaigns and
initiatives reaching the org), `messages` (message versions, rework, go-live),
`news` (news in flight when the org changes), `staff` (joining, leaving,
hiring, engagement and attrition between weeks), `upkeep` (weekly hour debts
of links and rituals) and the ledger in `sim.metrics`. Parts call each other
through the few bound methods they are given at construction.
"""

from sim.engine.simulation import VERSION, Simulation, run

__all__ = ["VERSION", "Simulation", "run"]
