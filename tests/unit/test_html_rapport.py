"""The accessible HTML version of the full report (issue 17, item 9): its structure as assistive
technology reads it, the same content as the PDF, and user text that stays text."""

from __future__ import annotations

import datetime as dt
import io
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from reports.html import html_rapport
from reports.pdf import verbeterrapport
from scan.demo.fictief import maak_demo
from scan.gemeenten import zoek_gemeente
from scoring.afronding import heel
from scoring.engine import bereken_scan
from scoring.models import Vragenlijst
from scoring.uitwissel import Consensus, Deelnemer, Doel, Notitie, Scan
from tests.vijandig import MARKUP

VANDAAG = dt.date(2026, 11, 22)
SCRIPT = "<script>alert('x')</script>"


class _Boom(HTMLParser):
    """What a screen reader gets from the page: elements, headings, images, tables, text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.koppen: list[tuple[int, str]] = []
        self.tekst: list[str] = []
        self._kop: int | None = None
        self._koptekst: list[str] = []
        self.tabellen: list[dict[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._kop, self._koptekst = int(tag[1]), []
        if tag == "table":
            self.tabellen.append({"caption": 0, "th": 0, "th_zonder_scope": 0})
        if tag in ("caption", "th") and self.tabellen:
            self.tabellen[-1][tag] += 1
            if tag == "th" and dict(attrs).get("scope") not in ("col", "row"):
                self.tabellen[-1]["th_zonder_scope"] += 1

    def handle_endtag(self, tag: str) -> None:
        if self._kop is not None and tag == f"h{self._kop}":
            self.koppen.append((self._kop, "".join(self._koptekst).strip()))
            self._kop = None

    def handle_data(self, data: str) -> None:
        self.tekst.append(data)
        if self._kop is not None:
            self._koptekst.append(data)


def _boom(html: str) -> _Boom:
    boom = _Boom()
    boom.feed(html)
    boom.close()
    return boom


@pytest.fixture(scope="module")
def scan(vragenlijst: Vragenlijst) -> Scan:
    basis = maak_demo(vragenlijst, zoek_gemeente("Súdwest-Fryslân"), 8, VANDAAG, seed=4)
    eerste = vragenlijst.bouwstenen[0]
    return Scan.model_validate(
        basis.model_dump()
        | {
            "gemeente": basis.gemeente.model_dump() | {"naam": f"Súdwest {SCRIPT}"},
            "deelnemers": [
                *[d.model_dump() for d in basis.deelnemers[:-1]],
                Deelnemer(id=basis.deelnemers[-1].id, naam=MARKUP[0].tekst, functie=SCRIPT).model_dump(),
            ],
            "notities": [
                Notitie(tekst=f"Algemeen {SCRIPT}").model_dump(),
                Notitie(tekst=MARKUP[2].tekst, bouwsteen=eerste.id).model_dump(),
            ],
            "consensus": [
                Consensus(
                    stelling=eerste.stellingen[0].id, niveau=3, toelichting=SCRIPT, vastgesteld_door="<b>F</b>"
                ).model_dump()
            ],
            "doelen": [
                Doel(
                    id="d1",
                    bouwsteen=eerste.id,
                    eigenaar=SCRIPT,
                    titel=f"Doel {SCRIPT}",
                    actie='Actie "<svg onload=alert(1)>"',
                ).model_dump(exclude_none=True)
            ],
        }
    )


@pytest.fixture(scope="module")
def html(vragenlijst: Vragenlijst, scan: Scan) -> str:
    return html_rapport(vragenlijst, scan, bereken_scan(vragenlijst, scan), vandaag=VANDAAG)


def test_html__speaks_dutch_has_a_title_and_one_h1(html: str) -> None:
    boom = _boom(html)
    assert html.startswith('<!DOCTYPE html>\n<html lang="nl">')
    titels = [t for t, _ in boom.tags if t == "title"]
    assert len(titels) == 1 and "verbeterrapport 22 november 2026" in html.split("<title>")[1].split("</title>")[0]
    assert [n for n, _ in boom.koppen].count(1) == 1
    assert boom.koppen[0][0] == 1
    assert any(t == "meta" and a.get("name") == "viewport" for t, a in boom.tags)


def test_html__headings_never_skip_a_level(html: str) -> None:
    vorige = 0
    for niveau, tekst in _boom(html).koppen:
        assert niveau <= vorige + 1, tekst
        vorige = niveau


def test_html__every_image_has_a_text_alternative_that_says_what_it_shows(html: str) -> None:
    beelden = [a for t, a in _boom(html).tags if t == "img"]
    assert len(beelden) == 4  # kern, aanvullend, dimensies, kenmerken: as in the PDF
    for a in beelden:
        alt = a.get("alt") or ""
        assert alt.startswith("Radarbeeld ") and "score" in alt and "tabel" in alt, alt
        assert (a.get("src") or "").startswith("data:image/png;base64,")  # self-contained


def test_html__every_table_has_a_caption_and_scoped_headers(html: str) -> None:
    tabellen = _boom(html).tabellen
    assert len(tabellen) >= 16 + 4  # one distribution per bouwsteen, one beside each radar, ...
    for t in tabellen:
        assert t["caption"] == 1 and t["th"] >= 2 and t["th_zonder_scope"] == 0, t


def test_html__user_text_stays_text(html: str) -> None:
    boom = _boom(html)
    tags = {t for t, _ in boom.tags}
    assert "script" not in tags and "svg" not in tags and "a" in tags  # only the contents list's links
    assert all((a.get("href") or "").startswith("#") for t, a in boom.tags if t == "a")
    assert all((a.get("src") or "").startswith("data:image/png") for t, a in boom.tags if t == "img")
    assert not any(k.startswith("on") for _, a in boom.tags for k in a)
    tekst = "".join(boom.tekst)
    # Shown literally, as the reader typed it.
    for stuk in (SCRIPT, MARKUP[0].tekst, MARKUP[2].tekst, "<b>F</b>", '"<svg onload=alert(1)>"'):
        assert stuk in tekst, stuk
    assert "&lt;script&gt;" in html


def test_html__has_the_content_of_the_full_pdf(vragenlijst: Vragenlijst, scan: Scan, html: str) -> None:
    resultaat = bereken_scan(vragenlijst, scan)
    pdf = PdfReader(io.BytesIO(verbeterrapport(vragenlijst, scan, resultaat, vandaag=VANDAAG)))

    def bladwijzers(lijst: list, niveau: int = 2) -> list[tuple[int, str]]:  # type: ignore[type-arg]
        uit: list[tuple[int, str]] = []
        for item in lijst:
            uit += bladwijzers(item, niveau + 1) if isinstance(item, list) else [(niveau, item.title)]
        return uit

    # The PDF's bookmarks are the HTML's headings, in the same order and nesting.
    assert bladwijzers(pdf.outline) == _boom(html).koppen[1:]
    tekst = " ".join("".join(_boom(html).tekst).split())
    for b in resultaat.bouwstenen:
        assert b.score is not None
        assert f"Score {heel(b.score)} (" in tekst
    for s in vragenlijst.bouwstenen[0].stellingen:
        assert s.tekst.nl in tekst


def test_html__a_round_without_answers_is_short_and_honest(vragenlijst: Vragenlijst) -> None:
    leeg = maak_demo(vragenlijst, zoek_gemeente("Zwolle"), 2, VANDAAG, seed=1)
    leeg = leeg.model_copy(
        update={k: [] for k in ("antwoorden", "ambities", "consensus", "doelen", "naleving", "herstemmingen")}
        | {"samen_stappen": []}
    )
    html = html_rapport(vragenlijst, leeg, bereken_scan(vragenlijst, leeg), vandaag=VANDAAG)
    koppen = _boom(html).koppen
    assert koppen[0] == (1, "Omnichannel zelfscan Zwolle") and (2, "Samenvatting") in koppen
    assert "nog geen score" in html and "<img" not in html
