"""The PDF reports as a reader gets them: text (pypdf), metadata, bookmarks and rendered pages."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader

from reports.duiding import NIET_VERGELIJKBAAR, samenstelling, uitersten
from reports.pdf import HANDOUT_DOELEN, handout, verbeterrapport
from scan.demo.fictief import maak_demo
from scan.gemeenten import zoek_gemeente
from scoring.afronding import heel
from scoring.doelen import DoelenBibliotheek
from scoring.engine import bereken_scan
from scoring.models import Vragenlijst
from scoring.resultaat import ScanResultaat
from scoring.suggesties import stel_voor
from scoring.uitwissel import Consensus, Deelnemer, Doel, Notitie, Scan

# Builds PDFs, workbooks or chart images: left out of the quick loop (dev.py test --snel).
pytestmark = pytest.mark.slow

VANDAAG = dt.date(2026, 11, 22)
LASTIGE_NAAM = "<b>Ånna & 'Co'</b> ’s-Hertogenbosch"
LASTIGE_NOTITIE = "Zie <img src='/etc/passwd'/> en <font size=40>groot</font>: € 12 ≥ 10 in IJsselstein"


def _tekst(pdf: bytes) -> str:
    lezer = PdfReader(io.BytesIO(pdf))
    return "\n".join(p.extract_text() for p in lezer.pages)


def _plat(tekst: str) -> str:
    """Extracted text with line breaks and runs of spaces as one space (reportlab wraps lines)."""
    return re.sub(r"\s+", " ", tekst)


def _heel(score: float | None) -> str:
    assert score is not None
    return str(math.floor(score + 0.5))


@pytest.fixture(scope="module")
def scan_en_resultaat(vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek) -> tuple[Scan, ScanResultaat]:
    basis = maak_demo(vragenlijst, zoek_gemeente("Súdwest-Fryslân"), 12, VANDAAG, seed=11)
    resultaat = bereken_scan(vragenlijst, basis)
    voorstellen = stel_voor(vragenlijst, bibliotheek, resultaat, gemeente=basis.gemeente.naam, vandaag=VANDAAG)
    doelen = [
        v.doel.model_copy(update={"nulmeting": 40.0, "streefwaarde": 60.0, "draagvlak": "MT", "status": "plan"})
        for v in voorstellen
    ]
    stelling = vragenlijst.bouwstenen[0].stellingen[0].id
    scan = Scan.model_validate(
        basis.model_dump()
        | {
            "deelnemers": [
                *[d.model_dump() for d in basis.deelnemers[:-1]],
                Deelnemer(id=basis.deelnemers[-1].id, naam=LASTIGE_NAAM, functie="=HYPERLINK()").model_dump(),
            ],
            "doelen": [d.model_dump() for d in doelen],
            "notities": [Notitie(tekst=LASTIGE_NOTITIE).model_dump()],
            "consensus": [
                Consensus(
                    stelling=stelling, niveau=3, toelichting="Besloten: <KCC> & R&D", vastgesteld_door="Fatima"
                ).model_dump()
            ],
        }
    )
    return scan, bereken_scan(vragenlijst, scan)


@pytest.fixture(scope="module")
def handout_pdf(vragenlijst: Vragenlijst, scan_en_resultaat: tuple[Scan, ScanResultaat]) -> bytes:
    return handout(vragenlijst, *scan_en_resultaat, vandaag=VANDAAG)


@pytest.fixture(scope="module")
def rapport_pdf(vragenlijst: Vragenlijst, scan_en_resultaat: tuple[Scan, ScanResultaat]) -> bytes:
    return verbeterrapport(vragenlijst, *scan_en_resultaat, vandaag=VANDAAG)


def test_handout__has_the_scores_of_the_engine_and_the_goals(
    handout_pdf: bytes, vragenlijst: Vragenlijst, scan_en_resultaat: tuple[Scan, ScanResultaat]
) -> None:
    scan, resultaat = scan_en_resultaat
    lezer = PdfReader(io.BytesIO(handout_pdf))
    assert 2 <= len(lezer.pages) <= 4
    tekst = _plat(_tekst(handout_pdf))
    assert "Súdwest-Fryslân" in tekst
    kern, schil = (next(g for g in resultaat.typen if g.id == t) for t in ("kern", "aanvullend"))
    # The headline is the kern score with the schil score beside it; the total of 16 is no headline.
    assert f"scoort {_heel(kern.score)} van 100 op de kernbouwstenen" in tekst
    assert f"{_heel(kern.score)} / 100" in tekst and f"{_heel(schil.score)} / 100" in tekst
    assert "Organisatie en overheid (aanvullende bouwstenen)" in tekst
    assert _plat(NIET_VERGELIJKBAAR) in tekst
    if heel(resultaat.totaal.score or 0) not in {heel(kern.score or 0), heel(schil.score or 0)}:
        assert f"{_heel(resultaat.totaal.score)} / 100" not in tekst
    namen = {b.id: f"{b.nummer}. {b.naam.nl}" for b in vragenlijst.bouwstenen}
    sterk, zwak = uitersten(resultaat)
    for b in [*sterk, *zwak]:
        assert f"{namen[b.bouwsteen]} {_heel(b.score)}" in tekst
    dimensies = {d.id: d.naam.nl for d in vragenlijst.meta.dimensies}
    for d in resultaat.dimensies:
        assert f"{dimensies[d.id]} {samenstelling(vragenlijst, d.id)} {_heel(d.score)}" in tekst
    # Goals are shown in full as far as four pages allow; the rest is named, never dropped silently.
    getoond = [d for d in scan.doelen if _plat(d.titel) in tekst]
    assert getoond == scan.doelen[: len(getoond)] and len(getoond) >= 3
    if len(getoond) < len(scan.doelen):
        assert f"En nog {len(scan.doelen) - len(getoond)} doel(en)" in tekst
    assert "Fase: van Plan naar Do: uitvoeren." in tekst and "Gevraagd van het MT: stel de 5 doelen" in tekst
    assert "het zwakst" in tekst and "het verst van de ambitie is" in tekst
    assert "niet de officiële omnichannelscan" in tekst
    assert "■" not in tekst and "\ufffd" not in tekst


def test_full_report__has_every_bouwsteen_notes_consensus_and_method(
    rapport_pdf: bytes, vragenlijst: Vragenlijst, scan_en_resultaat: tuple[Scan, ScanResultaat]
) -> None:
    scan, resultaat = scan_en_resultaat
    tekst = _plat(_tekst(rapport_pdf))
    for b in resultaat.bouwstenen:
        naam = vragenlijst.bouwsteen(b.bouwsteen).naam.nl
        assert f"{vragenlijst.bouwsteen(b.bouwsteen).nummer}. {naam}" in tekst
        assert f"Score {_heel(b.score)} (" in tekst
    # User text is printed as it was typed: nothing in it is markup.
    assert LASTIGE_NAAM in tekst
    assert _plat(LASTIGE_NOTITIE) in tekst
    assert "Besloten: <KCC> & R&D" in tekst and "(Fatima)" in tekst
    assert "=HYPERLINK()" in tekst
    toelichting = next(a.toelichting for a in scan.antwoorden if a.toelichting)
    assert _plat(toelichting) in tekst
    for doel in scan.doelen:
        assert _plat(doel.titel) in tekst
    assert "Bijlage: methode" in tekst and "score = (niveau − 1) / 4 × 100" in tekst
    assert "■" not in tekst and "\ufffd" not in tekst


def test_pdf__metadata_language_fonts_and_bookmarks(rapport_pdf: bytes) -> None:
    lezer = PdfReader(io.BytesIO(rapport_pdf))
    assert lezer.trailer["/Root"]["/Lang"] == "nl-NL"
    assert lezer.metadata is not None
    assert "Súdwest-Fryslân" in (lezer.metadata.title or "")
    assert lezer.metadata.author == "Omnichannel zelfscan"
    titels = [o.title for o in lezer.outline if not isinstance(o, list)]
    assert {"Samenvatting", "Per bouwsteen", "Bijlage: methode"} <= set(titels)
    fonts: dict[str, bool] = {}
    for pagina in lezer.pages:
        for font in pagina["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = "/FontFile2" in font["/FontDescriptor"]
    # Only embedded DejaVu subsets (TrueType, /FontFile2): no standard-14 font that would lose "â" or "€".
    assert fonts and all("DejaVuSans" in naam and ingebed for naam, ingebed in fonts.items()), fonts
    laatste = lezer.pages[-1].extract_text()
    assert f"pagina {len(lezer.pages)} van {len(lezer.pages)}" in laatste


def test_handout__stays_within_four_pages_with_many_goals(
    vragenlijst: Vragenlijst, scan_en_resultaat: tuple[Scan, ScanResultaat]
) -> None:
    scan, resultaat = scan_en_resultaat
    lang = "Een heel lange actie met veel woorden die over meerdere regels doorloopt " * 4
    veel = [
        Doel(id=f"doel_{i}", bouwsteen="kanaalinzet", titel=f"Doel {i} " + "x" * 80, actie=lang, indicator="Aandeel")
        for i in range(40)
    ]
    pdf = handout(vragenlijst, scan.model_copy(update={"doelen": veel}), resultaat, vandaag=VANDAAG)
    assert len(PdfReader(io.BytesIO(pdf)).pages) <= 4
    getoond = sum(f"Doel {i} " in _tekst(pdf) for i in range(40))
    assert 1 <= getoond <= HANDOUT_DOELEN
    assert f"En nog {40 - getoond} doel(en)" in _tekst(pdf)


def test_a_round_without_answers__gets_a_short_honest_pdf(vragenlijst: Vragenlijst) -> None:
    leeg = maak_demo(vragenlijst, zoek_gemeente("Utrecht"), 2, VANDAAG, seed=1).model_copy(
        update={
            "antwoorden": [],
            "ambities": [],
            "consensus": [],
            "doelen": [],
            "naleving": [],
            "herstemmingen": [],
            "samen_stappen": [],
        }
    )
    for maak in (handout, verbeterrapport):
        pdf = maak(vragenlijst, leeg, bereken_scan(vragenlijst, leeg), vandaag=VANDAAG)
        tekst = _plat(_tekst(pdf))
        assert "nog geen score" in tekst
        assert len(PdfReader(io.BytesIO(pdf)).pages) == 1


_GEWONE_TEKST = st.text(alphabet=st.sampled_from("abcdeéâĳ ABCZ0129<>&\"'=+-@;/€≥’"), min_size=1, max_size=40).filter(
    lambda s: s.strip() and s == s.strip() and "  " not in s
)


@settings(max_examples=8)
@given(titel=_GEWONE_TEKST, naam=_GEWONE_TEKST)
def test_any_user_text__is_printed_literally(
    vragenlijst: Vragenlijst, scan_en_resultaat: tuple[Scan, ScanResultaat], titel: str, naam: str
) -> None:
    scan, resultaat = scan_en_resultaat
    doel = scan.doelen[0].model_copy(update={"titel": titel})
    gemeente = scan.gemeente.model_copy(update={"naam": naam})
    pdf = handout(vragenlijst, scan.model_copy(update={"doelen": [doel], "gemeente": gemeente}), resultaat)
    # Without whitespace: a long unbroken word is wrapped inside a narrow cell or the title line,
    # which puts a line break in the extracted text; every character must still be there as typed.
    tekst = re.sub(r"\s+", "", _tekst(pdf))
    assert re.sub(r"\s+", "", titel) in tekst
    assert re.sub(r"\s+", "", f"Omnichannel zelfscan {naam}") in tekst


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (Debian: poppler-utils) is niet geïnstalleerd")
@pytest.mark.parametrize("soort", ["handout", "volledig"])
def test_rendered_pages__none_is_blank(soort: str, handout_pdf: bytes, rapport_pdf: bytes, tmp_path: Path) -> None:
    pdf = handout_pdf if soort == "handout" else rapport_pdf
    (tmp_path / "r.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(tmp_path / "r.pdf"), str(tmp_path / "p")], check=True)
    paginas = sorted(tmp_path.glob("p-*.png"))
    assert len(paginas) == len(PdfReader(io.BytesIO(pdf)).pages)
    for pad in paginas:
        grijs = Image.open(pad).convert("L")
        breedte, hoogte = grijs.size
        # Above the footer line: a page with only a footer is blank for a reader.
        inhoud = grijs.crop((0, 0, breedte, int(hoogte * 0.9)))
        donker = sum(inhoud.histogram()[:200])  # pixels darker than light grey
        assert donker > 0.005 * breedte * hoogte, f"{pad.name} is (bijna) leeg"


def test_handout__shows_the_benchmark_position_only_when_given(
    vragenlijst: Vragenlijst, scan_en_resultaat: tuple[Scan, ScanResultaat], handout_pdf: bytes
) -> None:
    from scoring.vergelijking import benchmark, kerncijfers

    scan, resultaat = scan_en_resultaat
    eigen = kerncijfers(resultaat)
    peers = {
        f"GM{i:04d}": kerncijfers(
            bereken_scan(vragenlijst, maak_demo(vragenlijst, zoek_gemeente(n), 5, dt.date(2026, 3, 1), seed=i))
        )
        for i, n in enumerate(
            ["Leeuwarden", "Heerenveen", "Waadhoeke", "Smallingerland", "De Fryske Marren", "Harlingen"]
        )
    }
    bm = benchmark(eigen, "de gemeenten in de provincie Fryslân", peers)
    assert bm.voldoende
    met = _plat(_tekst(handout(vragenlijst, scan, resultaat, vandaag=dt.date(2026, 11, 22), benchmark=bm)))
    assert "Vergelijking met andere gemeenten" in met
    assert "6 deelnemende gemeenten" in met and "middelste helft" in met
    # The benchmark sentence leads with the kern score, as the headline does.
    kern = next(p for p in bm.posities if p.soort == "type" and p.onderdeel == "kern")
    assert kern.groep is not None and "op de kernbouwstenen zit Súdwest-Fryslân" in met
    assert f"mediaan {_heel(kern.groep.mediaan)}" in met
    # Anonymous: no peer is named anywhere.
    assert not any(n in met for n in ["Leeuwarden", "Heerenveen", "Waadhoeke", "Harlingen"])
    assert "Vergelijking met andere gemeenten" not in _plat(_tekst(handout_pdf))
    weinig = benchmark(eigen, "de gemeenten met meer dan 100.000 inwoners", dict(list(peers.items())[:3]))
    kort = _plat(_tekst(handout(vragenlijst, scan, resultaat, vandaag=dt.date(2026, 11, 22), benchmark=weinig)))
    assert "Te weinig gegevens" in kort and "Mediaan" not in kort


def test_both_pdfs__show_a_baseline_still_to_follow_with_its_date(
    vragenlijst: Vragenlijst, scan_en_resultaat: tuple[Scan, ScanResultaat]
) -> None:
    scan, resultaat = scan_en_resultaat
    eerste = scan.doelen[0]
    doel = Doel.model_validate(
        eerste.model_dump() | {"nulmeting": None, "nulmeting_uiterlijk": dt.date(2027, 3, 1), "streefwaarde": None}
    )
    scan = scan.model_copy(update={"doelen": [doel]})
    for maak in (handout, verbeterrapport):
        tekst = _plat(_tekst(maak(vragenlijst, scan, resultaat, vandaag=VANDAAG)))
        assert "nulmeting volgt, uiterlijk 01-03-2027 → streefwaarde volgt" in tekst, maak.__name__


@pytest.mark.parametrize("bouw", [handout, verbeterrapport], ids=["handout", "verbeterrapport"])
def test_pdf__every_bookmark_goes_to_the_page_with_its_heading_and_the_panel_opens(
    vragenlijst: Vragenlijst, scan_en_resultaat: tuple[Scan, ScanResultaat], bouw: object
) -> None:
    """The accessibility audit found every bookmark on page 1 (pages were held for the page
    count); now each one leads to the page that shows its heading."""
    scan, resultaat = scan_en_resultaat
    pdf = PdfReader(io.BytesIO(bouw(vragenlijst, scan, resultaat, vandaag=VANDAAG)))  # type: ignore[operator]
    paginas = [_plat(p.extract_text()) for p in pdf.pages]

    def alle(items: list[object]) -> list[object]:
        return [x for item in items for x in (alle(item) if isinstance(item, list) else [item])]

    bladwijzers = alle(pdf.outline)
    assert len(bladwijzers) >= 6
    for b in bladwijzers:
        pagina = pdf.get_destination_page_number(b)  # type: ignore[arg-type]
        assert _plat(b.title) in paginas[pagina], (b.title, pagina + 1)  # type: ignore[union-attr]
    assert len({pdf.get_destination_page_number(b) for b in bladwijzers}) > 2  # type: ignore[arg-type]
    assert pdf.trailer["/Root"]["/PageMode"] == "/UseOutlines"
    assert bool(pdf.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"])
