"""Benchmark `journeymap measure` on millions of raw call events against the floor: the same 20
figures written by hand as one DuckDB SQL query over the same file (Parquet, or CSV with
--csv), with the same
memory limit and threads, alternated runs in fresh processes.

Goal (issue: standards measured from the source): within 1.3x of the floor at 10 million
events, peak memory printed; and 100 million events measured within DuckDB's memory limit.

    python bench/events.py [--events 10000000] [--runs 3] [--customers] [--memory 2GB] [--csv]

The workspace has one journey whose five queues each carry four measured standards: answered
within 20 s (`within`), the median wait (`duration`), the mean satisfaction score (`value`)
and the NPS (`nps`). journeymap writes every month, quarter and year of each; the floor
computes the same aggregates in one pass (GROUPING SETS over period and queue). With
--customers the source names its customer column, and journeymap also counts distinct
customers per touchpoint and journey (which the floor does not).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from measure import alternated, median_of, ratio, tool

QUEUES = ("SALES", "SUPPORT", "FAULT", "BILLING", "MOVING")
GENERATE = """
COPY (
  SELECT TIMESTAMP '2025-01-01' + to_seconds(CAST(hash(i) % 31536000 AS BIGINT)) AS offered_at,
         CASE WHEN hash(i * 7) % 10 = 0 THEN NULL
              ELSE TIMESTAMP '2025-01-01' + to_seconds(CAST(hash(i) % 31536000 AS BIGINT))
                   + to_seconds(CAST(hash(i * 3) % 90 AS BIGINT)) END AS answered_at,
         ['SALES', 'SUPPORT', 'FAULT', 'BILLING', 'MOVING'][1 + CAST(hash(i * 5) % 5 AS INTEGER)]
           AS queue,
         'c' || CAST(hash(i * 11) % 1000000 AS VARCHAR) AS customer_id,
         CASE WHEN hash(i * 13) % 4 = 0 THEN CAST(hash(i * 17) % 11 AS INTEGER) END AS score
  FROM range({events}) AS t(i)
) TO '{path}' ({options})
"""
FLOOR = """
import duckdb, sys
con = duckdb.connect(config={{"memory_limit": "{memory}", "threads": 2}})
rows = con.execute('''
  SELECT COALESCE(m, q, y) AS period, queue, COUNT(*) AS n,
         SUM(CASE WHEN answered_at IS NOT NULL
                  AND epoch_ms(answered_at) - epoch_ms(offered_at) <= 20000 THEN 1 ELSE 0 END),
         quantile_cont(epoch_ms(answered_at) - epoch_ms(offered_at), 0.5),
         AVG(score), COUNT(score),
         SUM(CASE WHEN score >= 9 THEN 1 ELSE 0 END), SUM(CASE WHEN score <= 6 THEN 1 ELSE 0 END)
  FROM (SELECT *, strftime(offered_at, '%Y-%m') AS m,
               CAST(YEAR(offered_at) AS VARCHAR) || '-Q' || CAST(QUARTER(offered_at) AS VARCHAR)
                 AS q, CAST(YEAR(offered_at) AS VARCHAR) AS y
        FROM {reader}('{path}'))
  GROUP BY GROUPING SETS ((m, queue), (q, queue), (y, queue))
''').fetchall()
assert len(rows) == {groups}, len(rows)
"""
SOURCE = """\
sources:
  - id: calls
    path: data/calls.{suffix}
    time: offered_at
{customer}"""
LIBRARY = "teams: [{id: care, name: Customer Care}]\n"
STANDARD = """\
          - id: {id}
            statement: {id}
            dimension: responsiveness
            metric: {id}
            target: "{target}"
            source: telephony
            measure:
              source: calls
              where: {{queue: {queue}}}
              {statistic}
"""
STATISTICS = (
    ("answered", ">= 80 %", "within: {from: offered_at, to: answered_at, limit: 20 s}"),
    ("wait", "<= 30 s", "duration: {from: offered_at, to: answered_at, stat: median}"),
    ("score", ">= 7", "value: {column: score, stat: mean}"),
    ("nps", ">= 30 pts", "nps: {column: score}"),
)


def workspace(root: Path, events: int, customers: bool, memory: str = "2GB",
              suffix: str = "parquet") -> Path:
    """The benchmark's workspace under `root`; the path of its events."""
    import duckdb

    for folder in ("journeys", "standards", "sources", "data"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    path = root / "data" / f"calls.{suffix}"
    duckdb.sql(GENERATE.format(events=events, path=path, options="FORMAT parquet"
                               if suffix == "parquet" else "FORMAT csv, HEADER"))
    (root / "sources" / "calls.yaml").write_text(SOURCE.format(
        suffix=suffix, customer="    customer: customer_id\n" if customers else ""))
    (root / "standards" / "library.yaml").write_text(LIBRARY)
    (root / "journeymap.toml").write_text(f'[engine]\nmemory_limit = "{memory}"\n')
    touchpoints = []
    for queue in QUEUES:
        standards = "".join(STANDARD.format(id=f"{queue.lower()}-{name}", target=target,
                                            queue=queue, statistic=statistic)
                            for name, target, statistic in STATISTICS)
        touchpoints.append(f"      - id: {queue.lower()}-call\n        title: {queue} call\n"
                           f"        channel: phone\n        standards:\n{standards}")
    (root / "journeys" / "calls.yaml").write_text(
        "id: calls\ntitle: Calls\nowner: care\nstages:\n  - id: call\n    title: Call\n"
        "    touchpoints:\n" + "".join(touchpoints))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--customers", action="store_true")
    parser.add_argument("--alone", action="store_true",
                        help="journeymap alone (at 100 million events the query runs out of "
                        "memory within 4GB)")
    parser.add_argument("--csv", action="store_true", help="the events as CSV, not Parquet")
    parser.add_argument("--memory", default="2GB",
                        help="DuckDB's memory limit for both (4GB for 100 million events)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        suffix = "csv" if args.csv else "parquet"
        path = workspace(root, args.events, args.customers, args.memory, suffix)
        size = path.stat().st_size / 2**20
        kind = "CSV" if args.csv else "Parquet"
        groups = (12 + 4 + 1) * len(QUEUES)
        if args.alone:
            alone = median_of([tool("journeymap"), "measure", "-o", "out.csv", "--customers",
                               "customers.csv"], args.runs, cwd=folder)
            print(f"{args.events:,} call events ({size:.0f} MB of {kind}), memory limit "
                  f"{args.memory}: journeymap measure {alone['seconds']:.2f} s median, peak "
                  f"{alone['peak_mb']:.0f} MB")
            return
        results = alternated({
            "journeymap measure": [tool("journeymap"), "measure", "-o", "out.csv",
                                   "--customers", "customers.csv"],
            "floor (one DuckDB query)": [sys.executable, "-c", FLOOR.format(
                path=path, reader="read_csv" if args.csv else "read_parquet", groups=groups,
                memory=args.memory)],
        }, args.runs, cwd=folder)
        measured = (root / "out.csv").read_text().count("\n") - 1
    ours, floor = results["journeymap measure"], results["floor (one DuckDB query)"]
    print(f"{args.events:,} call events ({size:.0f} MB of {kind}), {len(QUEUES) * 4} measured "
          f"standards, {measured} figures written, memory limit {args.memory}"
          + (", customers counted" if args.customers else ""))
    for name, result in results.items():
        print(f"  {name}: {result['seconds']:.2f} s median (min {result['min']:.2f}), "
              f"peak {result['peak_mb']:.0f} MB")
    print(f"  ratio: {ratio(ours, floor)} (goal <= 1.3x)")


if __name__ == "__main__":
    main()
