# ruff: noqa: E501  (one description per line: the catalogue comments are data)
"""Every fixed string presskit prints, in English: the source of the message catalogues.

:data:`LABELS` maps ``(key, house style or None)`` to the English text. The English text
is a catalogue entry's ``msgid``; the key (``key`` or ``key|style``) is its ``msgctxt``,
so two labels with the same English words (``document.subject`` and
``document.category``) stay two entries, and a house style's wording is its own entry.

Placeholders in braces (``{when}``, ``{issuers}``) are filled by :func:`presskit.i18n.label`
with :meth:`str.format`; a translation must keep every placeholder of its ``msgid`` and
may move it (``禁止发布，直至{when}``).
"""

from __future__ import annotations

__all__ = ["DESCRIPTIONS", "LABELS"]

#: What each key is for: the catalogue's extracted comment (``#.``) for translators.
DESCRIPTIONS: dict[str, str] = {
    "status.immediate": "The status line of a release free to publish (printed in capitals in English).",
    "status.embargoed": "The status line while the embargo holds; {when} is a local time and date, e.g. '10:00 SGT, 17 JAN 2025'.",
    "subject.embargoed": "An e-mail's subject while the embargo holds; {when} as in status.embargoed, {headline} the release's headline (with the language's own colon between them).",
    "last_updated": "Before the date of a release's last update; {date} is a date in the house style.",
    "jointly_issued": "Under a joint release: the issuers' short names joined by list.comma/list.and, e.g. 'MDDI and IMDA'.",
    "issued_by": "A release's issuers (one or more), e.g. in the wire formats' byline and the kit README.",
    "notes_to_editors": "The heading of the notes to editors (not for publication).",
    "media_contacts": "The heading of the media contacts; a trailing colon is dropped where it is a heading.",
    "media_contacts.table": "The caption of the table of media contacts (Word; read by screen readers).",
    "correction": "Before a correction's text; {when} is the local time and date it was made.",
    "end_mark": "The end mark after the last paragraph of the release's body.",
    "contact.phone": "Before a media contact's phone number (keep the trailing space where the language has one).",
    "contact.email": "Before a media contact's e-mail address (keep the trailing space where the language has one).",
    "list.and": "Between the last two names of a list, with its spaces: 'MDDI and IMDA'.",
    "list.comma": "Between the other names of a list, with its space: 'MDDI, IMDA and CSA'.",
    "about": "The heading of an agency's boilerplate when its agency does not give one; {name} is the agency's full name.",
    "downloads": "The heading of a release's downloads (attachments) on its web page and in its e-mail.",
    "translations": "Before the links to the release in other languages (its web page); each link is the language's own name.",
    "document.subject": "A document's subject (PDF and Word metadata) when the release has no subheadline.",
    "document.category": "A document's category (Word metadata).",
    "page": "A page number in a footer; {page} is the number.",
    "page_of": "A page number with the page count in a footer; {page} and {pages} are numbers.",
    "newsroom.all": "The link to every release (a site without a name).",
    "newsroom.releases": "A newsroom's title, and its feeds' title, for a site without a name.",
    "feeds": "Before the links to the feeds (Atom, RSS, JSON Feed) on a release's page.",
    "feeds.subscribe": "Before the links to the feeds on the index pages.",
    "newsroom.nav": "The accessible name of a release page's navigation.",
    "index.nav": "The accessible name of the index pages' navigation.",
    "index.agencies": "The heading of the index pages' list of agencies.",
    "index.languages": "The heading of the index pages' list of languages.",
    "index.empty": "An index page without releases.",
    "wire.embargoed": "Editors' note in wire copy (IPTC 7901, ANPA-1312, NITF) while the embargo holds; {when} as in status.embargoed.",
    "wire.not_for_publication": "Wire copy (IPTC 7901): the line that opens the notepad (notes to editors, media contacts).",
    "wire.editors_notes": "Wire copy (ANPA-1312): the editors' line that carries the notes to editors; {notes} is their text.",
    "kit.title": "The first line of a press kit's README.txt.",
    "kit.issued": "A press kit's README: who issued the release and where and when; {issuers} are full names, {dateline} the dateline.",
    "kit.embargo": "A press kit's README, after the embargo line.",
    "kit.files": "A press kit's README: before the list of its files.",
    "kit.not_included": "A press kit's README: before the files the kit could not include (each with the reason).",
    "kit.manifest": "A press kit's README: how to check the files (keep the commands as they are).",
    "kit.reason.remote": "A press kit's README: why a file is not included: it is on the web, not in the kit.",
    "wire.notes_to_editors": "ninjs and NewsML-G2 editors' note (not for publication): the line before the notes to editors.",
    "wire.byline": "ANPA-1312 wire copy (AP style): the byline; {issuers} are the issuers' short names joined by list.comma/list.and.",
    "kit.embargo_line": "A press kit's README while the embargo holds: {status} is the status line (status.embargoed), {embargo} the sentence kit.embargo; keep both, with the language's sentence punctuation between them.",
    "logo": "The title and alt text of an issuer's logo (a press kit's README and manifest, a Word document, an e-mail); {name} is the issuer's full name.",
    "kit.format.docx": "A press kit's README and manifest: what the Word file is.",
    "kit.format.pdf": "A press kit's README and manifest: what the PDF file is.",
    "kit.format.eml": "A press kit's README and manifest: what the e-mail file (.eml) is.",
    "kit.format.json": "A press kit's README and manifest: what the JSON file is.",
    "kit.format.text.sg": "A press kit's README and manifest: what the plain-text file in the Singapore government house style is.",
    "kit.format.text.us": "A press kit's README and manifest: what the plain-text file in the US newswire house style is.",
    "kit.format.text.uk": "A press kit's README and manifest: what the plain-text file in the UK house style is.",
    "kit.format.html": "A press kit's README and manifest: what the HTML page is (keep the format names).",
    "kit.format.nitf": "A press kit's README and manifest: what the NITF file is (keep the format names).",
    "kit.format.ninjs": "A press kit's README and manifest: what the ninjs file is (keep the format names).",
    "kit.format.newsmlg2": "A press kit's README and manifest: what the NewsML-G2 file is (keep the format names).",
    "kit.format.iptc7901": "A press kit's README and manifest: what the IPTC 7901 wire file is (keep the format names).",
    "kit.format.anpa1312": "A press kit's README and manifest: what the ANPA-1312 wire file is (keep the format names).",
    "document.status.final": "A Word document's status (File > Info > Properties) when the release may be published.",
    "document.status.embargoed": "A Word document's status (File > Info > Properties) while the embargo holds.",
}

#: Every label in English: ``(key, house style or None) -> text``. A house style's entry
#: wins over the general one (in the same language).
LABELS: dict[tuple[str, str | None], str] = {
    ("status.immediate", None): "FOR IMMEDIATE RELEASE",
    ("status.embargoed", None): "EMBARGOED UNTIL {when}",
    ("subject.embargoed", None): "EMBARGOED until {when}: {headline}",
    ("last_updated", None): "Last updated: {date}",
    ("last_updated", "sg"): "LAST UPDATED: {date}",
    ("jointly_issued", None): "Jointly issued by {issuers}",
    ("issued_by", None): "Issued by {issuers}",
    ("notes_to_editors", None): "Notes to editors",
    ("notes_to_editors", "us"): "Note to editors:",
    ("media_contacts", None): "Media contacts:",
    ("media_contacts", "sg"): "For media clarifications:",
    ("media_contacts", "uk"): "Media enquiries:",
    ("media_contacts.table", None): "Media contacts",
    ("correction", None): "Correction ({when}):",
    ("end_mark", "sg"): "- END -",
    ("end_mark", "us"): "###",
    ("end_mark", "uk"): "ENDS",
    ("contact.phone", None): "Tel: ",
    ("contact.email", None): "Email: ",
    ("list.and", None): " and ",
    ("list.comma", None): ", ",
    ("about", None): "About {name}",
    ("downloads", None): "Downloads",
    ("translations", None): "This release in other languages:",
    ("document.subject", None): "Press release",
    ("document.category", None): "Press release",
    ("page", None): "Page {page}",
    ("page_of", None): "Page {page} of {pages}",
    ("newsroom.all", None): "All press releases",
    ("newsroom.releases", None): "Press releases",
    ("feeds", None): "Feeds:",
    ("feeds.subscribe", None): "Subscribe:",
    ("newsroom.nav", None): "Newsroom",
    ("index.nav", None): "Releases by agency and language",
    ("index.agencies", None): "Agencies",
    ("index.languages", None): "Languages",
    ("index.empty", None): "No releases yet.",
    ("wire.embargoed", None): "EMBARGOED for publication until {when}",
    ("wire.not_for_publication", None): "The following information is not for publication",
    ("wire.editors_notes", None): "Not for publication: {notes}",
    ("kit.title", None): "PRESS KIT",
    ("kit.issued", None): "Issued by {issuers}. {dateline}.",
    ("kit.embargo", None): "Nothing in this kit may be published before then.",
    ("kit.files", None): "Files:",
    ("kit.not_included", None): "Not included:",
    ("kit.manifest", None): (
        "manifest.json lists every file with its media type, its size in bytes and its "
        "SHA-256 checksum, and the title, caption, credit, licence and alt text of each "
        "attachment and logo. To check a file: sha256sum FILE (Linux), shasum -a 256 FILE "
        "(macOS) or Get-FileHash FILE (Windows PowerShell)."
    ),
    ("kit.reason.remote", None): "a remote file: presskit does not download it",
    ("wire.notes_to_editors", None): "Notes to editors:",
    ("wire.byline", None): "By {issuers}",
    ("kit.embargo_line", None): "{status}. {embargo}",
    ("logo", None): "{name} logo",
    ("kit.format.docx", None): "the release as a Word document",
    ("kit.format.pdf", None): "the release as a PDF, ready to print",
    ("kit.format.eml", None): "the release as an e-mail, PDF attached, ready to send",
    ("kit.format.json", None): "the release as data (presskit JSON, readable as a source)",
    ("kit.format.text.sg", None): "the release as plain text, Singapore government style",
    ("kit.format.text.us", None): "the release as plain text, US newswire style",
    ("kit.format.text.uk", None): "the release as plain text, UK house style",
    ("kit.format.html", None): (
        "the release page: accessible HTML5 with JSON-LD, Open Graph and print styles"
    ),
    ("kit.format.nitf", None): "NITF 3.6 XML, valid against the IPTC XSD",
    ("kit.format.ninjs", None): "IPTC ninjs 2.1 (or 3.1) JSON, valid against the schema",
    ("kit.format.newsmlg2", None): "NewsML-G2 2.35 newsItem with the NITF body inline",
    ("kit.format.iptc7901", None): "IPTC 7901 newswire text, 69-character lines",
    ("kit.format.anpa1312", None): "ANPA-1312 newswire text (AP style), 7-bit",
    ("document.status.final", None): "Final",
    ("document.status.embargoed", None): "Embargoed",
}
