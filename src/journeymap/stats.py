"""Small, pure statistics with their sources, each tested on the contracts' worked examples
(docs/check.md): nothing here reads a file or knows a workspace.

- Wilson score interval for a share (E. B. Wilson, "Probable inference, the law of
  succession, and statistical inference", JASA 22, 1927).
- Student's t interval for a mean, with the 97.5 % point of t from the Cornish-Fisher
  expansion (Abramowitz and Stegun 26.7.5; exact to 0.001 from 3 degrees of freedom, and the
  exact values for 1 and 2).
- The interval of a Net Promoter Score from the variance of a difference of two shares.
"""

from __future__ import annotations

import math

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
