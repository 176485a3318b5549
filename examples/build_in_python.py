"""Build a joint press release entirely in Python, with no source file.

Run it from the repository root:

    .venv/bin/python examples/build_in_python.py [OUT_DIR]

It prints the release as US-style press-wire text on standard output, then writes every
registered format into OUT_DIR/<slug>/ (default: a new temporary folder) and lists the
files it wrote on standard error.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from zoneinfo import ZoneInfo

import presskit
from presskit.model import Block

SGT = ZoneInfo("Asia/Singapore")


def make_release() -> presskit.PressRelease:
    """A joint release by two issuers, embargoed until 10:00 Singapore time."""
    imda_contact = presskit.MediaContact(
        "Adeline Lee",
        honorific="Ms",
        title="Assistant Director",
        department="Communications and Marketing",
        organisation="Infocomm Media Development Authority",
        email="media@imda.gov.sg",
    )
    mddi_contact = presskit.MediaContact(
        "Wu Fan",
        honorific="Ms",
        title="Assistant Manager",
        department="Communications and Engagement Division",
        organisation="Ministry of Digital Development and Information",
        email="wu_fan@mddi.gov.sg",
    )
    mddi = presskit.Issuer(
        "mddi",
        "Ministry of Digital Development and Information",
        short_name="MDDI",
        url="https://www.mddi.gov.sg",
        boilerplate=presskit.Boilerplate(
            "About the Ministry of Digital Development and Information (MDDI)",
            [
                presskit.Paragraph(
                    "The Ministry of Digital Development and Information (MDDI) drives "
                    "Singapore’s digital development in four key domains — the economy, "
                    "government, security, and society."
                )
            ],
            issuer_id="mddi",
        ),
        contacts=[mddi_contact],
    )
    imda = presskit.Issuer(
        "imda",
        "Infocomm Media Development Authority",
        short_name="IMDA",
        url="https://www.imda.gov.sg",
        boilerplate=presskit.Boilerplate(
            "About the Infocomm Media Development Authority (IMDA)",
            [
                presskit.Paragraph(
                    "The Infocomm Media Development Authority (IMDA) leads Singapore’s "
                    "digital transformation by developing a vibrant digital economy and an "
                    "inclusive digital society."
                ),
                presskit.Paragraph(
                    [
                        presskit.Run("For more news and information, visit "),
                        presskit.Run("www.imda.gov.sg", href="https://www.imda.gov.sg"),
                        presskit.Run("."),
                    ]
                ),
            ],
            issuer_id="imda",
        ),
        contacts=[imda_contact],
    )

    issued = dt.datetime(2025, 3, 3, 9, 0, tzinfo=SGT)
    body: list[Block] = [
        presskit.Paragraph(
            "Singapore will host a regional workshop on testing generative AI models for "
            "ASEAN Member States in April 2025."
        ),
        presskit.Paragraph(
            [
                presskit.Run("The workshop is open to "),
                presskit.Run("regulators and testing bodies", strong=True),
                presskit.Run(" from all ten Member States."),
            ]
        ),
        presskit.Quote(
            "“Common benchmarks let every Member State test AI systems the same way.”",
            speaker="Josephine Teo",
            speaker_title="Minister for Digital Development and Information",
        ),
        presskit.Heading("What the workshop covers", level=1),
        presskit.BulletList(
            [
                "safety benchmarks for large language models",
                "a shared regional testing framework",
                "reporting test results to the public",
            ]
        ),
    ]
    return presskit.PressRelease(
        "ai-testing-workshop-2025",
        "Singapore to host ASEAN workshop on testing generative AI",
        [mddi, imda],
        presskit.Dateline("SINGAPORE", issued.date()),
        issued,
        body,
        language="en-SG",
        time_zone="Asia/Singapore",
        release=presskit.Embargoed(dt.datetime(2025, 3, 3, 10, 0, tzinfo=SGT)),
        boilerplates=[imda.boilerplate, mddi.boilerplate],
        media_contacts=[imda_contact, mddi_contact],
        tags=["ASEAN", "AI governance"],
    )


def main(argv: list[str]) -> int:
    release = make_release()
    sys.stdout.write(presskit.export(release, "text", profile="us", width=72).decode("utf-8"))

    out_dir = argv[1] if len(argv) > 1 else tempfile.mkdtemp(prefix="presskit-example-")
    # Build as of the moment the embargo lifts: the release is public then, so its files
    # go to <out>/<slug>/ (before the lift they go to <out>/_embargoed/<slug>/), and with
    # a site address the feeds and the newsroom index are written too.
    site = presskit.Site(name="Example newsroom", base_url="https://newsroom.example.org/")
    lift = release.embargoed_until
    files = presskit.build([release], out_dir, now=lift, site=site)
    for file in files:
        print(f"{out_dir}/{file.path}  {file.size} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
