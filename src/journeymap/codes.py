"""Every problem code journeymap reports: its name, default severity and one-line summary.

The bottom of the package: the loader, the data readers, the rules and the settings all take
their codes from here, so a code is defined once and `journeymap rules`, `--select`,
`[rules]` in the settings and SARIF's rule list always agree. A rule module's docstring says
more about its code (why it matters, what to do).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    severity: Severity
    summary: str
    fix: str = ""  # what to do about it, for help texts (SARIF's `help`)


# Loading a YAML file (JM0xx): always errors by default.
YAML_SYNTAX = Code(
    'JM001', 'yaml-syntax', 'error',
    'The file is not valid YAML (including tabs used for indentation).',
    fix='Read the message: it names the mistake and shows the line as it should be (quote values'
        " that start with > | @ * or hold ': ', indent with spaces).")
DUPLICATE_KEY = Code(
    'JM002', 'duplicate-key', 'error',
    'A mapping has the same key twice; YAML would keep only one.',
    fix='Keep one of the two keys; merge their values if both matter.')
UNSAFE_TAG = Code(
    'JM003', 'unsafe-tag', 'error',
    'An object or custom tag (`!!python/...`, `!foo`): plain data only.',
    fix='Remove the tag: journey files hold plain text, numbers, lists and mappings.')
LIMIT_EXCEEDED = Code(
    'JM004', 'limit-exceeded', 'error',
    'File size, nesting depth or alias expansion is over its limit.',
    fix='Split the file, remove the alias loop, or raise the limit in [limits] in '
        'journeymap.toml if the file is genuine.')
ENCODING = Code(
    'JM005', 'encoding', 'error',
    'The file is not UTF-8 (a BOM is fine).',
    fix='Save the file as UTF-8 (in most editors: Save with encoding > UTF-8).')
INLINE_COMMENT = Code(
    'JM007', 'inline-comment', 'warning',
    'An unquoted value followed by ` #text`: YAML reads a comment there and cuts the value '
    'short.',
    fix="Quote the value if the text after ' #' belongs to it; write comments as '# text'.")
NOT_A_WORKSPACE_FILE = Code(
    'JM006', 'not-a-workspace-file', 'error',
    'Empty, unreadable, or neither a journey nor a library.',
    fix='Give a journey `stages:`, a library file one of teams:, personas:, standards:, '
        'complaints:; or move the file out of the workspace folders.')
SCHEMA = Code(
    'JM010', 'schema', 'error',
    'A key, type or value does not fit the format (see docs/format.md).',
    fix='Fix the key or value the message names; docs/format.md lists every key with its type.')

# Meaning across files (JM1xx): one rule module each, in journeymap.rules.
DUPLICATE_ID = Code(
    'JM101', 'duplicate-id', 'error',
    'Ids are unique where they are looked up.',
    fix='Rename one of the two: ids are how journeys, actuals and links find things.')
UNKNOWN_REFERENCE = Code(
    'JM102', 'unknown-reference', 'error',
    'Every reference resolves: owners name teams, personas name personas, `use:` names a library'
    ' standard, and `depends_on` names a touchpoint of this journey (`touchpoint-id`) or of '
    'another (`journey-id/touchpoint-id`). When one does not, the message names the closest '
    'candidates.',
    fix='Correct the id (the message suggests the closest one) or define what it names.')
DEPENDENCY_CYCLE = Code(
    'JM103', 'dependency-cycle', 'error',
    'No `depends_on` cycles: the internal customer/supplier chain must have a start.',
    fix='Break the loop: one touchpoint in it must not wait on the others.')
MISSING_OWNER = Code(
    'JM104', 'missing-owner', 'error',
    "Every touchpoint has an owner: its own `owner`, else its stage's, else its journey's.",
    fix='Set `owner:` on the touchpoint, its stage or its journey.')
MOMENT_WITHOUT_STANDARD = Code(
    'JM105', 'moment-without-standard', 'error',
    'A moment of truth has at least one standard.',
    fix='Add a measurable standard under `standards:`, or drop `moment_of_truth`.')
UNMEASURABLE_STANDARD = Code(
    'JM106', 'unmeasurable-standard', 'error',
    'A standard is measurable: it has a metric, a target, and a source for the actual figure.',
    fix="Give the standard a metric, a target such as '<= 5 min' and a source.")
STANDARD_CHANNEL_MISMATCH = Code(
    'JM107', 'standard-channel-mismatch', 'warning',
    'A library standard is applied only on the channels it is meant for.',
    fix='Apply a standard meant for this channel, or define a local one.')
EMOTION_RANGE = Code(
    'JM108', 'emotion-range', 'error',
    '`emotion` is the expected feeling from 1 (very unhappy) to 5 (delighted).',
    fix='Use 1 (very unhappy) to 5 (delighted).')
COMPLAINT_CHANNEL_UNCOVERED = Code(
    'JM109', 'complaint-channel-uncovered', 'warning',
    'Complaint touchpoints, across the workspace, cover every channel of the complaint policy.',
    fix='Add a `kind: complaint` touchpoint on that channel to a journey, or take the channel '
        'out of the policy.')
EMPTY_STAGE = Code(
    'JM110', 'empty-stage', 'warning',
    'A stage has touchpoints: an empty stage is a gap in the map (or a leftover).',
    fix="Add the stage's touchpoints, or remove the stage.")
UNKNOWN_UNIT = Code(
    'JM111', 'unknown-unit', 'error',
    'Target units are known: time (ms, s, min, h, d, wk), `%`, `pts`, or declared in settings.',
    fix="Correct the unit, or declare it in journeymap.toml: units = ['calls'].")
UNKNOWN_LIFECYCLE_STATE = Code(
    'JM112', 'unknown-lifecycle-state', 'error',
    "A stage's `lifecycle` is one of its journey's lifecycle states.",
    fix="Use one of the journey's `lifecycle` states, or add the state to it.")
ACTION_PLAN = Code(
    'JM113', 'action-plan', 'error',
    "An improvement action's plan holds together: `due` and `closed` are not before `opened`, "
    "and `expect` is in the unit of each standard it addresses.",
    fix="Correct the date, or give `expect` in the standard's unit (e.g. '>= 80 %').")
MEASURE_DEFINITION = Code(
    'JM114', 'measure-definition', 'error',
    "A standard's `measure:` holds together: its source exists, it names one statistic that "
    "fits the target's unit, and the columns it names are the source's.",
    fix="Name a source from sources/, one of within, share, duration, value, nps or count, and "
        "columns the source declares.")

# Actuals and survey CSV files (JM2xx), read by `journeymap gaps`.
CSV_FORMAT = Code(
    'JM201', 'csv-format', 'error',
    'Not UTF-8, empty, unreadable, or missing required columns.',
    fix='Save the file as CSV UTF-8 with the columns the message names.')
UNKNOWN_STANDARD = Code(
    'JM202', 'unknown-standard', 'error',
    'An unknown or ambiguous standard or touchpoint id.',
    fix='Use the full id journey-id/touchpoint-id/standard-id (the message suggests the '
        'closest).')
BAD_VALUE = Code(
    'JM203', 'bad-value', 'error',
    'A value, period, dimension or count that is not valid.',
    fix='Correct the cell: plain numbers, periods such as 2026-Q3, whole counts.')
UNIT_MISMATCH = Code(
    'JM204', 'unit-mismatch', 'error',
    "A unit that does not convert to the target's unit.",
    fix="Give the value in the target's unit, or in a unit that converts to it.")
DUPLICATE_ROW = Code(
    'JM205', 'duplicate-row', 'error',
    'Two rows for the same standard and period.',
    fix='Keep one row per standard and period.')
SCORE_OUT_OF_SCALE = Code(
    'JM206', 'score-out-of-scale', 'error',
    "A survey score outside the survey's scale.",
    fix="Correct the score, or set the survey's scale (survey_scale, or a scale column).")
EVENT_DATA = Code(
    'JM207', 'event-data', 'error',
    "An event source's files cannot be measured: none found, outside the workspace, "
    "unreadable, or without a column a measure names.",
    fix="Correct the source's `path`, or the column's name in the measure (the message lists "
        "the columns the files have).")

#: the codes of a file that did not load (its content is missing from the workspace)
LOADING = frozenset(c.code for c in (YAML_SYNTAX, DUPLICATE_KEY, UNSAFE_TAG, LIMIT_EXCEEDED,
                                     ENCODING, NOT_A_WORKSPACE_FILE, SCHEMA))

#: every code, in order
ALL: dict[str, Code] = {c.code: c for c in sorted(
    (value for value in list(globals().values()) if isinstance(value, Code)),
    key=lambda c: c.code)}


def reference() -> str:
    """The rules page of the documentation site (docs/rules.md, kept current by a test):
    a section per code, anchored `#jm102`, which SARIF's `helpUri` links to."""
    out = ["# Rules", "",
           "Every problem `journeymap validate` reports, with its default severity and what to "
           "do. Set a code's severity in the settings' `[rules]` (error, warning or off), leave "
           "one finding out with a `# journeymap: ignore[CODE]` comment, or adopt the gate on "
           "a large workspace with a baseline ([validate](commands/validate.md)).", ""]
    for c in ALL.values():
        out += [f"## {c.code} {c.name} {{#{c.code.lower()}}}", "",
                f"Default: **{c.severity}**.", "", c.summary, ""]
        if c.fix:
            out += [f"What to do: {c.fix}", ""]
    return "\n".join(out)


def listing() -> str:
    """`journeymap rules`: every code a line, with its name, default severity and summary."""
    return "".join(f"{c.code}  {c.name:<28} {c.severity:<8} {c.summary}\n" for c in ALL.values())
