"""The styled DOCX template is made once per process and every release gets its own
copy (presskit/exporters/_docxtemplate.py): no release sees another's content, an edited
reference document is picked up, and the package is written with fixed dates."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import attrs
import pytest
from docx import Document

import presskit
from presskit.exporters import _docxtemplate
from presskit.exporters.docx import default_reference_doc
from presskit.model import PressRelease

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _texts(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def test_template_styled_once_per_process(
    reference: PressRelease, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[bool] = []
    real = _docxtemplate.apply_styles

    def spy(doc: object, theme: object, *, force: bool) -> None:
        calls.append(force)
        real(doc, theme, force=force)  # type: ignore[arg-type]

    monkeypatch.setattr(_docxtemplate, "apply_styles", spy)
    _docxtemplate._template.cache_clear()
    first = presskit.export(reference, "docx")
    again = presskit.export(reference, "docx")
    other = presskit.export(attrs.evolve(reference, headline="Another headline"), "docx")
    assert calls == [True]  # styled once, for three documents
    assert first == again != other


def test_each_release_gets_its_own_copy(reference: PressRelease) -> None:
    malay = attrs.evolve(reference, headline="Satu tajuk yang lain sama sekali", language="ms")
    before = presskit.export(reference, "docx")
    other = presskit.export(malay, "docx")
    after = presskit.export(reference, "docx")
    assert after == before  # nothing of the Malay release stayed in the template
    assert "Satu tajuk" in _texts(other) and "Satu tajuk" not in _texts(after)
    assert _texts(after).count(reference.headline) == _texts(before).count(reference.headline)
    styles = zipfile.ZipFile(io.BytesIO(after)).read("word/styles.xml")
    assert b'w:val="ms"' not in styles  # the document language is the release's own


def test_edited_reference_document_is_picked_up(reference: PressRelease, tmp_path: Path) -> None:
    path = tmp_path / "reference.docx"
    path.write_bytes(default_reference_doc())
    first = presskit.export(reference, "docx", reference_doc=path)
    doc = Document(str(path))
    doc.styles["Title"].font.name = "Courier New"  # the same file name, other bytes
    doc.save(str(path))
    second = presskit.export(reference, "docx", reference_doc=path)
    assert first != second
    styles = zipfile.ZipFile(io.BytesIO(second)).read("word/styles.xml")
    assert b"Courier New" in styles
    assert b"Courier New" not in zipfile.ZipFile(io.BytesIO(first)).read("word/styles.xml")


def test_package_entries_have_fixed_dates(reference: PressRelease) -> None:
    data = presskit.export(reference, "docx", source_date_epoch=1_700_000_000)
    infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(2023, 11, 14, 22, 13, 20)}
    # (zipfile gives an entry without attributes rw------- when it writes it)
    assert len({(i.create_system, i.external_attr) for i in infos}) == 1
    assert {(i.create_system, i.compress_type) for i in infos} == {(0, zipfile.ZIP_DEFLATED)}
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None


@pytest.mark.parametrize("text", ["plain", " spaced ", "a\tb", "line\nbreak\r", "", "\t"])
def test_run_text_as_python_docx_writes_it(text: str) -> None:
    from docx.oxml import OxmlElement
    from lxml import etree

    from presskit.exporters.docx import _put_text

    ours, theirs = OxmlElement("w:r"), OxmlElement("w:r")
    _put_text(ours, text)
    theirs.text = text  # python-docx's Run.text
    assert etree.tostring(ours) == etree.tostring(theirs)


def test_zip_writer_writes_what_zipfile_writes() -> None:
    import os

    entries = [
        ("[Content_Types].xml", b"<Types/>" * 40),
        ("word/styles.xml", b"<w:style/>" * 5_000),  # kept deflated: written twice below
        ("word/empty.xml", b""),
        ("word/m\u00e9dia/\u56fe.png", os.urandom(3_000)),
        ("word/styles2.xml", b"<w:style/>" * 5_000),
    ]
    when = (2025, 1, 16, 16, 0, 58)
    for _ in range(2):
        ours = _docxtemplate._Zip(when)
        expected = io.BytesIO()
        with zipfile.ZipFile(expected, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, blob in entries:
                ours.add(name, blob)
                info = zipfile.ZipInfo(name, date_time=when)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 0
                info.external_attr = 0
                archive.writestr(info, blob, compresslevel=9)
        assert ours.close() == expected.getvalue()
