"""The one Jinja2 environment: templates shipped with the package, overridable by name.

Autoescape is on and undefined names are errors: journey text is user data, and a typo in a
template should fail loudly rather than print nothing. Every template runs in Jinja's
immutable sandbox: an override in `--templates` lives in the repository, where people who may
only edit content can change it, and must never run code on the machine that builds the
handbook (`{{ cycler.__init__.__globals__.os }}` and the like are refused).
"""

from __future__ import annotations

import os
import re
from importlib import resources
from pathlib import Path
from typing import Any

from journeymap.errors import UsageError
from journeymap.textsafe import html


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
    text = f"{value:,.{digits}f}"
    if "." in text:  # 2.50 -> 2.5, 3.00 -> 3; never 155,000 -> 155,
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def percent(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.0f}%"


#: `{% extends "journeymap/journey.html.j2" %}` always names the shipped template
DEFAULTS_PREFIX = "journeymap"
_USES = re.compile(r"""{%-?\s*(?:extends|include|import|from)\s+["']([^"']+)["']""")
_TEMPLATE_FILES = (".j2", ".css", ".js")


def check_overrides(folder: Path) -> None:
    """Every template in an override folder must replace a shipped one or be used by another
    override (a partial of the user's own): a misspelt `indx.html.j2` would otherwise be
    silently ignored, and the handbook built without the change the user made."""
    shipped = {p.name for p in package_templates().iterdir()}
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in _TEMPLATE_FILES)
    used = {name for path in files
            for name in _USES.findall(path.read_text("utf-8", "replace")[:1_000_000])}
    for path in files:
        if path.name not in shipped and path.name not in used:
            from journeymap.hints import did_you_mean

            hint = did_you_mean(path.name, shipped) or \
                f"; the templates are {', '.join(sorted(shipped))}"
            raise UsageError(f"--templates {folder}: {path.name} replaces no template of "
                             f"journeymap's and no other template uses it{hint}")


def environment(override: Path | None = None) -> Any:
    """Jinja2 environment: `override` first (any template by name), then the defaults.

    An override that extends or includes its own name (`journey.html.j2` extending
    `journey.html.j2`, the natural way to change one block) gets the shipped template of that
    name rather than itself, so it cannot recurse forever.
    """
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class Environment(ImmutableSandboxedEnvironment):
        def join_path(self, template: str, parent: str) -> str:
            return f"{DEFAULTS_PREFIX}/{template}" if template == parent else template

    class RegularFilesLoader(jinja2.FileSystemLoader):
        """Refuses a template that is not a regular file (a pipe would hang the build)."""

        def get_source(self, environment: Any, template: str) -> Any:
            for folder in self.searchpath:
                path = Path(folder, template)
                if os.path.lexists(path) and not path.is_file():
                    raise UsageError(f"template {path}: not a regular file")
            return super().get_source(environment, template)

    folders = [package_templates()]
    if override is not None:
        if not override.is_dir():
            raise UsageError(f"--templates {override}: not a folder")
        check_overrides(override)
        folders.insert(0, override)
    env = Environment(
        loader=jinja2.ChoiceLoader([
            RegularFilesLoader([str(f) for f in folders]),
            jinja2.PrefixLoader({DEFAULTS_PREFIX: RegularFilesLoader(str(package_templates()))}),
        ]),
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_shown,
    )
    env.filters.update(money=money, number=number, percent=percent)
    return env


def _shown(value: Any) -> Any:
    """Every plain text a template prints, with its control characters shown as escapes
    (markup journeymap made itself, such as an inline SVG, is already safe XML)."""
    from markupsafe import Markup

    if isinstance(value, str) and not isinstance(value, Markup):
        return html(value)
    return value


def render(env: Any, name: str, **context: Any) -> str:
    import jinja2

    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateNotFound as exc:
        raise UsageError(f"template {exc.name!r} not found") from None
    except jinja2.TemplateError as exc:
        raise UsageError(f"template {name}: {exc}") from None
    except RecursionError:
        raise UsageError(f"template {name}: templates include or extend each other in a "
                         "circle") from None
