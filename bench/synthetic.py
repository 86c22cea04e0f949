"""A synthetic workspace at any scale, for the benchmarks: realistic shape, valid content.

Each journey has 5 stages of N touchpoints; each touchpoint an inline standard and a library
standard, a depends_on link to the previous touchpoint, needs, wants and a promise.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import yaml

CHANNELS = ["phone", "web", "email", "chat", "app", "in-person", "sms", "mail"]
DIMENSIONS = ["reliability", "assurance", "tangibles", "empathy", "responsiveness"]
TEAMS = [f"team-{i:02d}" for i in range(40)]
LIBRARY_STANDARDS = [
    ("answer-within-20s", "service_level_20s", ">= 80 %", ["phone"]),
    ("first-contact-resolution", "fcr_rate", ">= 75 %", None),
    ("csat-after-contact", "csat_score", ">= 4.3 pts", None),
    ("email-reply-1-day", "email_reply_hours", "<= 24 h", None),
]


def library() -> dict:
    return {
        "teams": [{"id": t, "name": t.replace("-", " ").title()} for t in TEAMS],
        "personas": [
            {"id": f"persona-{i}", "name": f"Persona {i}", "needs": ["Get it done"],
             "wants": ["Feel valued"], "customers": 10_000 * (i + 1), "annual_value": 300 + i}
            for i in range(10)
        ],
        "standards": [
            {"id": sid, "statement": f"{sid} statement", "dimension": "responsiveness",
             "metric": metric, "target": target, "source": "Operations report",
             "review": "monthly", **({"channels": ch} if ch else {})}
            for sid, metric, target, ch in LIBRARY_STANDARDS
        ],
        "complaints": {"channels": ["phone", "email"], "acknowledge": "<= 1 d",
                       "resolve": "<= 14 d"},
    }


def journey(index: int, per_stage: int, rng: random.Random) -> dict:
    stages, previous = [], None
    for s in range(5):
        touchpoints = []
        for t in range(per_stage):
            tp_id = f"tp-{s}-{t}"
            channel = rng.choice(CHANNELS)
            tp = {
                "id": tp_id,
                "title": f"Touchpoint {s}.{t} where the customer does something useful",
                "channel": channel,
                "owner": rng.choice(TEAMS),
                "lane": rng.choice(["customer", "frontstage", "backstage", "support"]),
                "action": "Does the thing this step is for",
                "kind": "complaint" if t == 0 and s == 4 else "interaction",
                "emotion": rng.randint(1, 5),
                "needs": ["Know what happens next"],
                "wants": ["Feel in control"],
                "promise": "We reply within 2 hours",
                "standards": [
                    {"id": f"S{s}{t}", "statement": "Reply within two hours",
                     "dimension": rng.choice(DIMENSIONS), "metric": f"metric_{s}_{t}",
                     "target": "<= 2 h", "source": "Case system", "review": "monthly"},
                    {"use": "answer-within-20s" if channel == "phone"
                     else "first-contact-resolution"},
                ],
            }
            if t % 7 == 3:
                tp["moment_of_truth"] = "Where customers decide whether to stay"
            if previous:
                tp["depends_on"] = [previous]
            previous = tp_id
            touchpoints.append(tp)
        stages.append({"id": f"stage-{s}", "title": f"Stage {s}",
                       "lifecycle": ["prospect", "new", "satisfied", "loyal", "advocate"][s],
                       "touchpoints": touchpoints})
    return {"id": f"journey-{index:04d}", "title": f"Journey {index}", "owner": TEAMS[0],
            "personas": [f"persona-{index % 10}"], "stages": stages}


def generate(root: Path, journeys: int = 500, touchpoints: int = 50_000, seed: int = 7) -> Path:
    """Write the workspace under root (journeys/, standards/); returns root."""
    rng = random.Random(seed)
    per_stage = max(1, touchpoints // journeys // 5)
    (root / "journeys").mkdir(parents=True, exist_ok=True)
    (root / "standards").mkdir(parents=True, exist_ok=True)
    (root / "standards" / "library.yaml").write_text(yaml.safe_dump(library(), sort_keys=False))
    for i in range(journeys):
        (root / "journeys" / f"journey-{i:04d}.yaml").write_text(
            yaml.safe_dump(journey(i, per_stage, rng), sort_keys=False, width=100))
    return root


def actuals(root: Path, periods: list[str], seed: int = 11) -> int:
    """One actuals CSV per period with a row for every applied standard; returns row count."""
    rng = random.Random(seed)
    (root / "actuals").mkdir(exist_ok=True)
    rows = 0
    journeys = sorted((root / "journeys").glob("*.yaml"))
    for period in periods:
        lines = ["standard,period,value,sample"]
        for path in journeys:
            data = yaml.load(path.read_text(), Loader=yaml.CSafeLoader)
            for stage in data["stages"]:
                for tp in stage["touchpoints"]:
                    for std in tp["standards"]:
                        sid = std.get("id") or std["use"]
                        value = rng.uniform(1, 3) if "id" in std else rng.uniform(60, 95)
                        lines.append(f"{data['id']}/{tp['id']}/{sid},{period},{value:.2f},"
                                     f"{rng.randint(50, 5000)}")
        (root / "actuals" / f"{period}.csv").write_text("\n".join(lines) + "\n")
        rows += len(lines) - 1
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", type=Path)
    parser.add_argument("--journeys", type=int, default=500)
    parser.add_argument("--touchpoints", type=int, default=50_000)
    args = parser.parse_args()
    generate(args.root, args.journeys, args.touchpoints)
