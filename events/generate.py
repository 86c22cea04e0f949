"""Write the example's call records (events/calls.parquet): the telephony export Northwave's
contact-centre standards are measured from (`journeymap measure`).

Synthetic and seeded, so every run writes the same rows: January 2025 to September 2026, the
support queue at about 4,740 offered calls a month and the fault queue at about 960; the
service level varies from month to month around 78 % (support) and 80 % (fault), and the
support queue's abandon rate runs near 3 % until an outage in July 2026 doubles it. About 2 %
of callers hang up within 5 seconds (a short abandon, left out of both measures).

    python events/generate.py
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

SEED = 20261204
MONTHS = [(year, month) for year in (2025, 2026) for month in range(1, 13)][:21]
#: queue -> (calls a month, service level around, abandon rate around)
QUEUES = {"SUPPORT": (4740, 0.782, 0.030), "FAULT": (963, 0.803, 0.030)}
OUTAGE = {(2026, 7): 0.061, (2026, 8): 0.067, (2026, 9): 0.060}  # support's abandon rate


def calls() -> list[tuple[str, str | None, str, str, str]]:
    rng = random.Random(SEED)
    rows = []
    for year, month in MONTHS:
        start = datetime(year, month, 1)
        days = ((start + timedelta(days=32)).replace(day=1) - start).days
        for queue, (volume, level, abandon) in QUEUES.items():
            level_now = level + rng.gauss(0, 0.016)
            abandon_now = OUTAGE.get((year, month), abandon + rng.gauss(0, 0.0035)) \
                if queue == "SUPPORT" else abandon + rng.gauss(0, 0.003)
            for _ in range(volume + round(rng.gauss(0, volume * 0.02))):
                offered = start + timedelta(seconds=rng.randrange(days * 86400))
                customer = f"C{rng.randrange(60000):05d}"
                draw = rng.random()
                if draw < 0.02:
                    outcome, wait = "short-abandon", None
                elif draw < 0.02 + abandon_now * 0.98:
                    outcome, wait = "abandoned", None
                elif draw < 0.02 + (abandon_now + level_now) * 0.98:
                    outcome, wait = "answered", rng.randint(1, 20)
                else:
                    outcome, wait = "answered", rng.randint(21, 600)
                answered = (offered + timedelta(seconds=wait)).isoformat() if wait else None
                rows.append((offered.isoformat(), answered, queue, outcome, customer))
    rows.sort(key=lambda row: (row[0], row[2], row[4]))
    return rows


def main() -> None:
    import duckdb

    target = Path(__file__).parent / "calls.parquet"
    con = duckdb.connect()
    con.execute("CREATE TABLE calls (offered_at VARCHAR, answered_at VARCHAR, queue VARCHAR, "
                "outcome VARCHAR, customer_id VARCHAR)")
    con.executemany("INSERT INTO calls VALUES (?, ?, ?, ?, ?)", calls())
    con.execute(f"COPY calls TO '{target}' (FORMAT parquet, COMPRESSION zstd)")
    print(f"wrote {target.name}: {con.execute('SELECT COUNT(*) FROM calls').fetchone()[0]:,} "
          "calls")


if __name__ == "__main__":
    main()
