"""HTML from a theme's Jinja2 templates: the release page, the newsroom index pages and
the e-mail's HTML part (issue 17).

A theme's ``templates/`` folder may hold any of the default theme's templates
(``presskit/themes/default/templates/``): ``release.html``, ``index.html``,
``email.html`` and the partials under ``partials/`` (``header.html``, ``contacts.html``,
``downloads.html`` ...). Each one it holds replaces the default's of the same name; the
others stay the default's, so a theme may override one partial alone (docs/templates.md).

The environment (https://jinja.palletsprojects.com/en/3.1/api/):

* **autoescape on**, for every template: a value is written escaped unless it is
  :class:`markupsafe.Markup`, and presskit makes Markup only of HTML it wrote and
  sanitised itself (the article's parts, the JSON-LD, a pre-rendered index item).
  Escaping is :func:`html.escape` with ``quote=True`` (``& < > " '``), the spelling
  presskit's pages have always had, applied by the environment's ``finalize``;
* **StrictUndefined**: a name a template uses that presskit does not pass is an error,
  not an empty string;
* ``trim_blocks`` and ``lstrip_blocks`` (a block tag alone on its line leaves no blank
  line), ``keep_trailing_newline``;
* **deterministic**: templates get only what presskit passes them (no clock, no
  randomness, no environment); the same release, options and theme give the same bytes;
* one environment per theme, cached by the theme's folder and :attr:`Theme.stamp`
  (every file's path, size and modification time), so an edited template is read again.

An error in a template (a syntax error, a name presskit does not pass, a template that
does not exist) is a :class:`TemplateError` naming the template file and its line.

The colours a template gets (:func:`colours`) are the theme's, checked: ``#rrggbb``.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from presskit.errors import ExportError
from presskit.theme import FONT_NAME, Theme, default_theme

if TYPE_CHECKING:
    import jinja2
    from markupsafe import Markup

__all__ = ["TemplateError", "colours", "environment", "fonts", "macro", "render"]

#: The CSS generic font families: written without quotes.
_GENERIC = frozenset(
    {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "math", "emoji",
     "ui-serif", "ui-sans-serif", "ui-monospace", "ui-rounded", "fangsong"}
)  # fmt: skip
_HEX = re.compile(r"[0-9A-Fa-f]{6}")
#: What a font family name may hold (letters of any script, digits, space, - _ .).
_FONT = FONT_NAME


class TemplateError(ExportError):
    """A theme's template cannot be rendered.

    Attributes:
        path: the template file (``str``).
        line: the 1-based line in it, or ``None`` when unknown.
        message: what is wrong.

    ``str(error)`` reads ``path:line: message``.
    """

    def __init__(self, path: str, message: str, *, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = path if line is None else f"{path}:{line}"
        super().__init__(f"{where}: {message}")

    def __reduce__(self) -> tuple[Any, ...]:
        # picklable (a process pool sends errors back to its parent)
        return (partial(type(self), line=self.line), (self.path, self.message))


def environment(theme: Theme | None = None) -> jinja2.Environment:
    """The Jinja2 environment of ``theme`` (the default theme when ``None``): its
    templates over the default theme's; cached per theme folder and stamp."""
    theme = theme or default_theme()
    return _environment(theme, theme.folder, theme.stamp)


@functools.lru_cache(maxsize=8)
def _environment(theme: Theme, folder: Path, stamp: str) -> jinja2.Environment:
    """(``theme`` is hashed by its folder and stamp, the cache's key.)"""
    import jinja2

    dirs = [str(d) for d in theme.template_dirs()]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(dirs, encoding="utf-8"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["font_stack"] = font_stack
    env.filters["safe"] = _safe
    return env


def _finalize(value: Any) -> Any:
    """Every value a template writes: Markup as it is, anything else escaped, even
    inside ``{% autoescape false %}`` (release text is never written raw)."""
    from markupsafe import Markup

    if hasattr(value, "__html__"):
        return value
    return Markup(html.escape(str(value), quote=True))


def _safe(value: Any) -> Any:
    """The ``safe`` filter: passes what presskit marked safe (Markup); refuses any
    other text, since it may be the release's (hostile text stays inert)."""
    import jinja2

    if hasattr(value, "__html__"):
        return value
    raise jinja2.TemplateRuntimeError(
        f"|safe refused on {type(value).__name__} {str(value)[:40]!r}: only HTML presskit "
        "made is written unescaped (docs/templates.md)"
    )


def render(theme: Theme | None, name: str, /, **values: Any) -> str:
    """The template ``name`` (``"release.html"``) of ``theme`` rendered with ``values``.

    Raises:
        TemplateError: the template (or one it includes) has a syntax error, uses a
            name not in ``values``, fails, or does not exist; the error names the
            template file and line.
    """
    env = environment(theme)
    try:
        return env.get_template(name).render(**values)
    except Exception as exc:
        raise _template_error(exc, env, name) from None


def _template_error(exc: Exception, env: jinja2.Environment, name: str) -> Exception:
    """``exc``, raised while rendering ``name``, as a :class:`TemplateError` naming the
    template file and line; ``exc`` itself when it is one already or when no template
    frame is found (a bug in presskit's own code, not in a template)."""
    import jinja2

    if isinstance(exc, TemplateError):
        return exc
    if isinstance(exc, jinja2.TemplateSyntaxError):
        path = exc.filename or exc.name or name
        return TemplateError(path, f"template syntax error: {exc.message}", line=exc.lineno)
    found = _template_frame(exc.__traceback__, env)
    if isinstance(exc, jinja2.TemplateNotFound):
        path, line = found or (name, None)
        return TemplateError(path, f"no template {exc.name!r} in the theme", line=line)
    if found is None:
        return exc
    known = isinstance(exc, jinja2.TemplateError)
    message = str(exc) if known else f"{type(exc).__name__}: {exc}"
    return TemplateError(found[0], message, line=found[1])


def macro(theme: Theme | None, name: str, macro_name: str, /) -> Callable[..., str]:
    """The macro ``macro_name`` of the template ``name`` of ``theme``, as a function
    returning its text: cheaper than :func:`render` per call, for a partial rendered
    many times (an index page's list items).

    Raises:
        TemplateError: the template cannot be loaded, has no such macro, or a call of it
            fails (the error names the template file and line).
    """
    import jinja2

    env = environment(theme)
    try:
        template = env.get_template(name)
        function = getattr(template.module, macro_name)
    except jinja2.TemplateError as exc:
        raise _template_error(exc, env, name) from None
    except AttributeError:
        raise TemplateError(
            env.get_template(name).filename or name, f"no macro {macro_name!r}"
        ) from None

    def call(*args: Any, **kwargs: Any) -> str:
        try:
            try:
                return str(function(*args, **kwargs))
            except Exception:
                env.handle_exception()  # maps the frames to the template's lines
        except Exception as exc:
            raise _template_error(exc, env, name) from None

    return call


def _template_frame(tb: TracebackType | None, env: jinja2.Environment) -> tuple[str, int] | None:
    """The innermost traceback frame in a template file: ``(file, line)``. Jinja2 maps
    a template's frames to the template's file and line."""
    loader = env.loader
    roots = [str(Path(p)) for p in getattr(loader, "searchpath", [])]
    found = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if any(filename.startswith(root) for root in roots):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def colours(theme: Theme | None, section: str) -> dict[str, str]:
    """The colours of the theme's format table ``section`` (``"html"``, ``"email"``):
    role (``accent``, ``muted``, ``link``, ``rule``, ``text``, ``background``) ->
    ``"#rrggbb"`` (lower case).

    Precedence (:meth:`presskit.theme.Theme.colours`): the theme's
    ``[<section>.colours]``, then the theme's shared ``[colours]``, then the default
    theme's ``[<section>.colours]`` (today's look of the page or e-mail), then the
    default's ``[colours]``. So a theme that changes only
    ``[colours]`` changes every format, and the default theme keeps presskit's look.

    Raises:
        TemplateError: a colour is not ``RRGGBB`` hex (names the theme.toml).
    """
    theme = theme or default_theme()
    merged = theme.colours(section)  # (file by file: a theme's [colours] win)
    out = {}
    for role, value in merged.items():
        text = str(value).removeprefix("#")
        if not _HEX.fullmatch(text):
            where = str(theme.folder / "theme.toml")
            raise TemplateError(where, f"{section} colour {role} = {value!r} is not RRGGBB hex")
        out[role] = "#" + text.lower()
    return out


def fonts(theme: Theme | None, section: str) -> list[str]:
    """The font families of the theme's ``[<section>] fonts`` list, in order (a CSS
    font stack: the last should be a generic family such as ``sans-serif``); a theme
    that names its Latin family (``[fonts.Latn] name``) and no stack of its own for
    this format gets that family first.

    Raises:
        TemplateError: a name holds a character a CSS font family name cannot carry
            unescaped (a quote, ``;``, ``{``).
    """
    theme = theme or default_theme()
    names = list(theme.section(section).get("fonts", []))
    own = theme.layers[-1] if len(theme.layers) > 1 else {}
    latin = _table(_table(own.get("fonts")).get("Latn")).get("name")
    changed = latin != default_theme().font_name("Latn")
    if isinstance(latin, str) and changed and not _table(own.get(section)).get("fonts"):
        # a theme that names its own Latin family once ([fonts.Latn] name) and no font
        # stack of this format's own: the family leads the stack, as in the PDF and DOCX
        # (a copy of the default's Arial, as `presskit theme new` writes, changes nothing)
        names = [latin, *(n for n in names if n != latin)]
    for name in names:
        if not isinstance(name, str) or not _FONT.fullmatch(name):
            where = str(theme.folder / "theme.toml")
            raise TemplateError(where, f"{section} font {name!r} is not a font family name")
    return list(names)


def font_stack(names: Sequence[str], quote: str = '"', separator: str = ", ") -> Markup:
    """A CSS ``font-family`` value (the template filter ``font_stack``):
    ``["system-ui", "Noto Sans", "sans-serif"]`` -> ``system-ui, "Noto Sans",
    sans-serif``. A name that is not one CSS identifier is quoted with ``quote`` (``"``
    or ``'``); generic families never are.

    Raises:
        TemplateError: a name holds a character other than letters, digits, space,
            ``-``, ``_`` and ``.``, or ``quote`` or ``separator`` is not one of those
            above (the value is written unescaped, into a style sheet or attribute).
    """
    from markupsafe import Markup

    if quote not in ('"', "'") or separator not in (", ", ","):
        raise TemplateError("font_stack", f"quote {quote!r} or separator {separator!r} refused")
    out = []
    for name in names:
        if not isinstance(name, str) or not _FONT.fullmatch(name):
            raise TemplateError("font_stack", f"{name!r} is not a font family name")
        plain = name in _GENERIC or re.fullmatch(r"[A-Za-z][A-Za-z0-9-]*", name)
        out.append(name if plain else f"{quote}{name}{quote}")
    return Markup(separator.join(out))


def _table(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}
