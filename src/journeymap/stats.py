"""Small, pure statistics with their sources, each tested on the contracts' worked examples
(docs/check.md): nothing here reads a file or knows a workspace.

- Wilson score interval for a share (E. B. Wilson, "Probable inference, the law of
  succession, and statistical inference", JASA 22, 1927).
- Student's t interval for a mean, with the 97.5 % point of t from the Cornish-Fisher
  expansion (Abramowitz and Stegun 26.7.5; exact to 0.001 from 3 degrees of freedom, and the
  exact values for 1 and 2).
- The interval of a Net Promoter Score from the variance of a difference of two shares.
- Process behaviour charts (XmR) and Wheeler's three detection rules (Wheeler, "Understanding
  Variation", 1993): the constants 2.66 and 3.268.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise

#: the two-sided 95 % point of the standard normal distribution
Z95 = 1.959964


def wilson(hits: int, n: int, z: float = Z95) -> tuple[float, float] | None:
    """The Wilson score interval of a share `hits / n`, in percent (None for n = 0).

    centre = (p + z^2/2n) / (1 + z^2/n); half-width = z sqrt(p(1-p)/n + z^2/4n^2) / (1 + z^2/n)
    """
    if n <= 0:
        return None
    p = hits / n
    shrink = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / shrink
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / shrink
    return max(0.0, centre - half) * 100, min(1.0, centre + half) * 100


def quantile(counts: list[tuple[float, int]], q: float) -> float | None:
    """The q-quantile of the values in `counts` (value, how many times), interpolated between
    the two values around rank (n − 1)q (Hyndman and Fan's type 7: what DuckDB's
    quantile_cont and Spark's percentile compute); None without values."""
    n = sum(k for _, k in counts)
    if not n:
        return None
    rank = (n - 1) * q
    below = math.floor(rank)
    low, high = _ranked(counts, (below + 1, min(below + 2, n)))
    return low if rank == below else low + (rank - below) * (high - low)


def order_interval(counts: list[tuple[float, int]], q: float, z: float = Z95
                   ) -> tuple[float, float] | None:
    """The distribution-free 95 % interval of the q-quantile of the values in `counts`
    (value, how many times): the r-th and s-th smallest, r = round(nq − z·√(nq(1−q))) and
    s = round(nq + z·√(nq(1−q))) + 1 (the normal approximation to the binomial; Conover,
    Practical Nonparametric Statistics, 3.2). None when those ranks fall outside 1..n: too
    few values for one."""
    n = sum(k for _, k in counts)
    spread = z * math.sqrt(n * q * (1 - q))
    r, s = math.floor(n * q - spread + 0.5), math.floor(n * q + spread + 0.5) + 1
    if r < 1 or s > n:
        return None
    low, high = _ranked(counts, (r, s))
    return low, high


def _ranked(counts: list[tuple[float, int]], ranks: tuple[int, int]) -> list[float]:
    """The r-th and s-th smallest (1-based, r <= s <= n) of the values in `counts`."""
    found: list[float] = []
    seen = 0
    for value, k in sorted(counts):
        seen += k
        while len(found) < len(ranks) and seen >= ranks[len(found)]:
            found.append(value)
        if len(found) == len(ranks):
            break
    return found


def t975(df: int) -> float:
    """The 97.5 % point of Student's t with `df` degrees of freedom."""
    exact = {1: 12.7062, 2: 4.3027}
    if df in exact:
        return exact[df]
    z = Z95
    return (z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)
            + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * df**3))


def mean_interval(n: int, total: float, squares: float) -> tuple[float, float] | None:
    """The 95 % t interval of a mean from the count, sum and sum of squares (None for n < 2)."""
    if n < 2:
        return None
    mean = total / n
    variance = max(0.0, (squares - total * total / n) / (n - 1))
    half = t975(n - 1) * math.sqrt(variance / n)
    return mean - half, mean + half


def nps_interval(promoters: int, detractors: int, n: int,
                 z: float = Z95) -> tuple[float, float] | None:
    """The 95 % interval of an NPS (in points) from its promoters and detractors among n."""
    if n <= 0:
        return None
    p, d = promoters / n, detractors / n
    half = z * math.sqrt(max(0.0, p + d - (p - d) ** 2) / n) * 100
    score = (p - d) * 100
    return max(-100.0, score - half), min(100.0, score + half)


# --- process behaviour charts (XmR): D. J. Wheeler, "Understanding Variation" (1993) ---------

#: the scaling constants of an XmR chart: natural process limits at X̄ ± 2.66 mR̄, the upper
#: range limit at 3.268 mR̄, and rule 2's band halfway to the limits at X̄ ± 1.33 mR̄
NATURAL, RANGE, BAND = 2.66, 3.268, 1.33
#: values a baseline needs for limits at all, and to be more than provisional
MIN_BASELINE, FIRM_BASELINE = 6, 17


@dataclass(frozen=True)
class Limits:
    centre: float
    mr_bar: float
    lower: float
    upper: float
    upper_range: float
    provisional: bool  # from 6 to 16 values


@dataclass(frozen=True)
class Signal:
    rule: int  # Wheeler's detection rule: 1, 2 or 3
    index: int  # of the value where it is first seen
    above: bool  # above the central line


def xmr_limits(values: list[float]) -> Limits | None:
    """The limits of an XmR chart from a baseline (None with fewer than 6 values)."""
    if len(values) < MIN_BASELINE:
        return None
    centre = sum(values) / len(values)
    ranges = [abs(b - a) for a, b in pairwise(values)]
    mr_bar = sum(ranges) / len(ranges)
    return Limits(centre, mr_bar, centre - NATURAL * mr_bar, centre + NATURAL * mr_bar,
                  RANGE * mr_bar, len(values) < FIRM_BASELINE)


def signals(limits: Limits, values: list[float]) -> list[Signal]:
    """Wheeler's three detection rules over `values`, judged against `limits`:
    1. a value outside the natural process limits;
    2. three of four successive values beyond X̄ ± 1.33 mR̄, on the same side;
    3. eight successive values on the same side of the central line."""
    found = []
    band = BAND * limits.mr_bar
    for i, x in enumerate(values):
        if x > limits.upper or x < limits.lower:
            found.append(Signal(1, i, x > limits.centre))
        window = values[max(0, i - 3):i + 1]
        for above in (True, False):
            beyond = [v for v in window if (v > limits.centre + band if above
                                            else v < limits.centre - band)]
            if len(window) == 4 and len(beyond) >= 3 and \
                    (x > limits.centre + band if above else x < limits.centre - band):
                found.append(Signal(2, i, above))
            run = values[max(0, i - 7):i + 1]
            if len(run) == 8 and all((v > limits.centre) if above else (v < limits.centre)
                                     for v in run):
                found.append(Signal(3, i, above))
    return found
