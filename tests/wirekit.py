"""Helpers shared by the newswire tests (test_wire, test_nitf, test_ninjs, test_newsmlg2):
the schemas in tests/schemas (the IPTC's own files, see tests/schemas/README.md), an
embargoed Chinese release, and what every release's copy must contain so that a test can
look for it in a parsed output."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

import presskit
from presskit.model import BulletList, Correction, NumberedList, Paragraph, PressRelease, Quote

#: The schemas carried in the repository (tests/schemas), so a fresh clone validates.
SCHEMAS = Path(__file__).resolve().parent / "schemas"
#: The NewsML-G2 2.35 power XSD (with ``xml.xsd`` beside it).
NEWSML_G2_XSD = SCHEMAS / "newsml-g2" / "NewsML-G2_2.35-spec-All-Power.xsd"
#: Environment variable naming another copy of a NewsML-G2 power XSD to validate
#: against instead (with ``xml.xsd`` beside it), for trying a newer schema version.
NEWSML_G2_XSD_ENV = "PRESSKIT_NEWSML_G2_XSD"

ZH_SOURCE = """\
+++
headline = "新加坡圆满结束东盟数字部长会议主席任期，为东盟迈向更光明的数字未来带来具体成果"
subheadline = "泰国接任主席"
issuers = ["mddi", "imda"]
dateline = "新加坡"
issued = 2025-01-17T10:00:00+08:00
embargo = 2025-01-18T00:01:00+08:00
language = "zh-Hans"
tags = ["东盟", "数字经济"]
media_contacts = [{ name = "陈小明", phone = "+65 6211 0888", email = "tan@example.gov.sg" }]
+++

::: notice
禁发时间前请勿发布。
:::

新加坡作为第四届东盟数字部长会议主席，已将主席职位移交给泰国。过去一年，东盟成员国在人工智能治理、网络安全、打击诈骗和跨境数据流动方面加强了合作。

> 杨莉明部长说：“新加坡衷心感谢东盟成员国在我们担任主席期间的大力支持。”
>
> — 杨莉明, 数码发展及新闻部长

# 人工智能治理

新加坡继续引领和塑造东盟的人工智能治理讨论，详见 [资讯通信媒体发展局](https://www.imda.gov.sg/news)。

- 共同安全基准
- 区域测试框架

::: notes-to-editors
附件A列出工作组成员。
:::
"""


def schema_file(*parts: str) -> Path:
    """A schema file under tests/schemas. A missing or empty one fails the test: the
    schemas are part of the repository."""
    path = SCHEMAS.joinpath(*parts)
    if not path.is_file() or path.stat().st_size == 0:
        pytest.fail(f"{path} is missing or empty; it is part of the repository (tests/schemas)")
    return path


def newsml_g2_xsd(*, required: bool = True) -> Path | None:
    """The NewsML-G2 2.35 power XSD: the file ``$PRESSKIT_NEWSML_G2_XSD`` names when it
    is set, else the repository's copy. A variable that names no usable file fails the
    test: whoever set it asked for that validation. ``required`` is kept for callers
    that may do without; the repository's copy is always there."""
    override = os.environ.get(NEWSML_G2_XSD_ENV, "")
    if override:
        path = Path(override).expanduser()
        if not path.is_file() or path.stat().st_size == 0:
            pytest.fail(f"{NEWSML_G2_XSD_ENV}={override!r} is not a non-empty file")
        return path
    return schema_file("newsml-g2", NEWSML_G2_XSD.name)


def chinese_release(write_source: Callable[..., Path]) -> PressRelease:
    """An embargoed, joint, Chinese release with a notice, a quote, a heading, a list, a
    link, notes to editors and a contact."""
    return presskit.load(write_source(raw=ZH_SOURCE, name="zh.md"))


def corrected(release: PressRelease, count: int = 1) -> PressRelease:
    """``release`` with ``count`` corrections (made after it was issued)."""
    corrections = tuple(
        Correction(
            at=release.issued_at + dt.timedelta(days=1, hours=n), text=f"Correction {n + 1}."
        )
        for n in range(count)
    )
    return attrs.evolve(release, corrections=corrections)


def copy_paragraphs(release: PressRelease) -> list[str]:
    """Every paragraph of running text the wire copy carries: body paragraphs, quote
    paragraphs, list items, boilerplate paragraphs (plain text)."""
    out: list[str] = []
    blocks = list(release.body)
    for boilerplate in release.boilerplates:
        blocks += boilerplate.body
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(block.text)
        elif isinstance(block, Quote):
            out += ["".join(r.text for r in p) for p in block.paragraphs]
        elif isinstance(block, BulletList | NumberedList):
            out += ["".join(r.text for r in item) for item in block.items]
    return out


def squash(text: str) -> str:
    """``text`` without any white space (wrapping moves line breaks around)."""
    return re.sub(r"\s+", "", text)
