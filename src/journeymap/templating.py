"""The one Jinja2 environment: templates shipped with the package, overridable by name.

Autoescape is on and undefined names are errors: journey text is user data, and a typo in a
template should fail loudly rather than print nothing.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from journeymap.errors import UsageError


def package_templates() -> Path:
    """Templates inside the installed package; in a source checkout, the repo's templates/."""
    shipped = Path(str(resources.files("journeymap") / "templates"))
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parents[2] / "templates"


def money(value: float | None, currency: str = "") -> str:
    if value is None:
        return "-"
    return f"{currency} {value:,.0f}".strip()


def number(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "-"
    text = f"{value:,.{digits}f}".rstrip("0").rstrip(".")
    return text or "0"


def percent(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.0f}%"


def environment(override: Path | None = None) -> Any:
    """Jinja2 environment: `override` first (any template by name), then the defaults."""
    import jinja2

    folders = [package_templates()]
    if override is not None:
        if not override.is_dir():
            raise UsageError(f"--templates {override}: not a folder")
        folders.insert(0, override)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(f) for f in folders]),
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(money=money, number=number, percent=percent)
    return env


def render(env: Any, name: str, **context: Any) -> str:
    import jinja2

    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateNotFound as exc:
        raise UsageError(f"template {exc.name!r} not found") from None
    except jinja2.TemplateError as exc:
        raise UsageError(f"template {name}: {exc}") from None
