"""Excel and CSV export of a scan round: a lossless Excel round trip, safe CSV, Dutch refusals."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import zipfile
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from reports import exports
from reports.exports import csv_tabellen, csv_zip, lees_bestand, lees_excel, naar_excel
from scan.demo.fictief import maak_demo
from scan.gemeenten import zoek_gemeente
from scoring.engine import bereken_scan
from scoring.models import Vragenlijst
from scoring.uitwissel import (
    Ambitie,
    Antwoord,
    Consensus,
    Deelnemer,
    Doel,
    Gemeente,
    Notitie,
    Scan,
    Scanronde,
    UitwisselFout,
    VragenlijstRef,
    canoniek,
    schrijf_scan,
)

FORMULE = "=cmd|' /C calc'!A0"
LASTIG = (
    "<b>vet</b>",
    "A & B",
    "=1+1",
    "+31 6 1234 5678",
    "@x",
    "-",
    "Súdwest-Fryslân",
    "’s-Hertogenbosch",
    "IJsselstein",
    "€ 12,50",
    "≥ 3",
    "regel 1\nregel 2",
    "windows\r\nregel",
    "_x0041_ en _x005F_x0041_",
    "  spaties  ",
    '=HYPERLINK("http://x.invalid")',
)

# Builds PDFs, workbooks or chart images: left out of the quick loop (dev.py test --snel).
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(vragenlijst: Vragenlijst) -> Scan:
    return maak_demo(vragenlijst, zoek_gemeente("Utrecht"), 15, dt.date(2026, 11, 20), seed=11)


@pytest.fixture(scope="module")
def xlsx(vragenlijst: Vragenlijst, demo: Scan) -> bytes:
    return naar_excel(vragenlijst, demo, bereken_scan(vragenlijst, demo))


def _met_formules(demo: Scan) -> Scan:
    """The demo with a formula-looking name and a goal with negative numbers."""
    deelnemers = [demo.deelnemers[0].model_copy(update={"naam": FORMULE}), *demo.deelnemers[1:]]
    doel = Doel(
        id="doel1", bouwsteen="kanaalinzet", titel="@SUM(1+1)", actie="-korting", nulmeting=-5.5, streefwaarde=-2.0
    )
    return demo.model_copy(update={"deelnemers": deelnemers, "doelen": [doel]})


def _fout(data: bytes, lezer: Callable[[bytes, str], Scan] = lees_excel, naam: str = "scan.xlsx") -> str:
    with pytest.raises(UitwisselFout) as info:
        lezer(data, naam)
    return str(info.value)


def _bewerk(xlsx: bytes, bewerking: Callable[[Workbook], None]) -> bytes:
    """The workbook after an edit with openpyxl, as a user's Excel would save it."""
    wb = load_workbook(io.BytesIO(xlsx))
    bewerking(wb)
    uit = io.BytesIO()
    wb.save(uit)
    return uit.getvalue()


def _zip(delen: dict[str, bytes]) -> bytes:
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as z:
        for naam, inhoud in delen.items():
            z.writestr(naam, inhoud)
    return uit.getvalue()


def _delen(xlsx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        return {n: z.read(n) for n in z.namelist()}


# --- Excel round trip ------------------------------------------------------------------------


def test_round_trip__demo_scan_comes_back_equal(xlsx: bytes, demo: Scan) -> None:
    assert canoniek(lees_excel(xlsx)) == canoniek(demo)


@st.composite
def _scans(draw: st.DrawFn, vl: Vragenlijst) -> Scan:
    tekst = st.one_of(st.sampled_from(LASTIG), st.text(min_size=1, max_size=30))
    optie = st.none() | tekst
    rollen = ["facilitator", "deelnemer"]
    zones = st.none() | st.timezones() | st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=5, minutes=30))])
    # From 2 January: the exchange format refuses years outside 2000-2100 in UTC, and 1 January
    # 00:00 in a zone east of UTC is still 1999 there (Hypothesis found 1999-12-31 18:30 UTC).
    moment = st.none() | st.datetimes(dt.datetime(2000, 1, 2), dt.datetime(2100, 12, 30), timezones=zones)
    stellingen = [s.id for _, s in vl.stellingen()[:4]]
    bouwstenen = [b.id for b in vl.bouwstenen[:3]]
    # Built through the constructors (not model_copy) so validation, e.g. stripping names, applies.
    deelnemers = [
        Deelnemer(id=f"d{i}", naam=f"{draw(tekst)} #{i}", rol=draw(st.sampled_from(rollen)), functie=draw(optie))
        for i in range(draw(st.integers(1, 3)))
    ]
    antwoord = st.none() | st.integers(1, 5) | st.sampled_from(["weet_niet", "nvt"])
    antwoorden = [
        Antwoord(deelnemer=d.id, stelling=s, antwoord=draw(antwoord), toelichting=draw(optie), gewijzigd=draw(moment))
        for d in deelnemers
        for s in draw(st.lists(st.sampled_from(stellingen), unique=True, max_size=3))
    ]
    ambities = [
        Ambitie(bouwsteen=b, deelnemer=wie, niveau=draw(st.integers(1, 5)), toelichting=draw(optie))
        for wie in [None, *(d.id for d in deelnemers)]
        for b in draw(st.lists(st.sampled_from(bouwstenen), unique=True, max_size=2))
    ]
    consensus = [
        Consensus(
            stelling=s,
            niveau=draw(st.integers(1, 5)),
            toelichting=draw(optie),
            vastgesteld_op=draw(moment),
            vastgesteld_door=draw(st.none() | tekst.map(lambda t: t + "!")),
        )
        for s in draw(st.lists(st.sampled_from(stellingen), unique=True, max_size=2))
    ]
    notities = [
        Notitie(bouwsteen=draw(st.none() | st.sampled_from(bouwstenen)), tekst=t)
        for t in draw(st.lists(tekst, max_size=2))
    ]
    getal = st.none() | st.floats(-1e12, 1e12) | st.sampled_from([0.1 + 0.2, -3.0, 1e-7, 1e12, -1e12])

    def meting() -> dict[str, object]:
        # A baseline, or the date it follows by (never both), or neither.
        if draw(st.booleans()):
            return {"nulmeting": draw(getal)}
        return {"nulmeting_uiterlijk": draw(st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31)))}

    doelen = [
        Doel(
            id=f"doel{i}",
            bouwsteen=draw(st.sampled_from(bouwstenen)),
            titel=f"{draw(tekst)} ({i})",
            actie=draw(tekst | st.just("")),
            indicator=draw(optie),
            eenheid=draw(st.none() | st.sampled_from(["%", "€", "=x", "dagen"])),
            **meting(),  # type: ignore[arg-type]
            streefwaarde=draw(getal),
            richting=draw(st.sampled_from([None, "hoger", "lager"])),
            bron=draw(optie),
            eigenaar=draw(optie),
            draagvlak=draw(optie),
            deadline=draw(st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31))),
            status=draw(st.sampled_from(["plan", "do", "check", "act"])),
            sjabloon=draw(st.none() | st.just("sjabloon_1")),
            notities=draw(optie),
        )
        for i in range(draw(st.integers(0, 2)))
    ]
    return Scan(
        vragenlijst=VragenlijstRef(id=vl.meta.id, versie=vl.versie),
        gemeente=Gemeente(gm_code="GM0344", naam=draw(st.sampled_from(LASTIG[6:9])) + " (gemeente)"),
        scanronde=Scanronde(
            id="ronde-1", datum=draw(st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31))), omschrijving=draw(optie)
        ),
        fictief=draw(st.booleans()),
        deelnemers=deelnemers,
        antwoorden=antwoorden,
        ambities=ambities,
        consensus=consensus,
        notities=notities,
        doelen=doelen,
    )


def test_round_trip__random_texts_numbers_and_times(vragenlijst: Vragenlijst) -> None:
    @settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(_scans(vragenlijst))
    def eigenschap(scan: Scan) -> None:
        terug = lees_excel(naar_excel(vragenlijst, scan, bereken_scan(vragenlijst, scan)))
        assert canoniek(terug) == canoniek(scan)

    eigenschap()


def test_formula_looking_text__is_a_string_cell(vragenlijst: Vragenlijst, demo: Scan) -> None:
    scan = _met_formules(demo)
    data = naar_excel(vragenlijst, scan, bereken_scan(vragenlijst, scan))
    wb = load_workbook(io.BytesIO(data))
    naam = wb["Deelnemers"]["B2"]
    assert (naam.data_type, naam.value) == ("s", FORMULE)
    titel = wb["Doelen"]["C2"]
    assert (titel.data_type, titel.value) == ("s", "@SUM(1+1)")
    assert b"<f>" not in b"".join(_delen(data).values())  # no formula anywhere in the file
    terug = lees_excel(data)
    assert terug.deelnemers[0].naam == FORMULE
    assert terug.doelen == scan.doelen


def test_workbook__has_readable_sheets(xlsx: bytes, demo: Scan, vragenlijst: Vragenlijst) -> None:
    wb = load_workbook(io.BytesIO(xlsx))
    verwacht = ["Overzicht", "Scores", "Stellingen", "Deelnemers", "Antwoorden", "Ambities", "Consensus", "Notities"]
    naleving = ["Naleving"] if vragenlijst.naleving else []  # from version 2.0: the compliance check
    # A round played Samen (the demo's default since issue 16) adds its second votes and parts.
    samen = ["Herstemmingen", "Bespreking", "Onderdelen"] if demo.herstemmingen or demo.samen_stappen else []
    assert wb.sheetnames == [*verwacht, "Doelen", *naleving, *samen]
    for ws in wb.worksheets:
        assert ws["A1"].font.bold
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref
    overzicht = {r[0]: r[1] for r in wb["Overzicht"].iter_rows(min_row=2, max_row=12, values_only=True)}
    assert overzicht["gemeente"] == "Utrecht"
    assert overzicht["fictief"] == "ja"
    assert overzicht["datum"] == dt.datetime(2026, 11, 20)  # a real date cell
    scores = wb["Scores"]
    assert scores.max_row == 1 + len(vragenlijst.bouwstenen)
    assert isinstance(scores["E2"].value, float)
    assert scores["E2"].number_format == "0.0"
    assert wb["Antwoorden"].max_row == 1 + len(demo.antwoorden)


def test_workbook__answers_and_times_read_well(xlsx: bytes, demo: Scan) -> None:
    ws = load_workbook(io.BytesIO(xlsx))["Antwoorden"]
    waarden = {c.value for c in ws["F"][1:]}
    assert waarden <= {1, 2, 3, 4, 5, "weet niet", "n.v.t."}
    gewijzigd = ws["H2"].value
    assert isinstance(gewijzigd, str)
    assert dt.datetime.fromisoformat(gewijzigd) == demo.antwoorden[0].gewijzigd
    assert gewijzigd.endswith("+01:00")  # Dutch local time in November


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [("weet_niet", "weet_niet"), ("nvt", "nvt"), ("N.v.t.", "nvt"), (3.0, 3), ("4", 4), (2, 2)],
)
def test_answers__accept_spelling_variants(xlsx: bytes, waarde: object, verwacht: object) -> None:
    def zet(wb: Workbook) -> None:
        wb["Antwoorden"]["F2"] = waarde

    assert lees_excel(_bewerk(xlsx, zet)).antwoorden[0].antwoord == verwacht


# --- CSV -------------------------------------------------------------------------------------


def _lees_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_csv__is_for_dutch_excel(vragenlijst: Vragenlijst, demo: Scan) -> None:
    tabellen = csv_tabellen(vragenlijst, demo, bereken_scan(vragenlijst, demo))
    assert sorted(tabellen) == ["antwoorden", "doelen", "scores", "stellingen"]
    scores = tabellen["scores"]
    assert scores.split(b"\r\n")[0].count(b";") == 11
    assert b"\r\n" in scores
    assert b"\n" not in scores.replace(b"\r\n", b"")
    rijen = _lees_csv(scores)
    assert rijen[0][4] == "Score (0–100)"
    assert "," in rijen[1][4]
    assert "." not in rijen[1][4]
    assert float(rijen[1][4].replace(",", ".")) == pytest.approx(
        bereken_scan(vragenlijst, demo).bouwstenen[0].score, abs=0.05
    )


def test_csv__formula_text_is_neutralised_and_numbers_are_not(vragenlijst: Vragenlijst, demo: Scan) -> None:
    scan = _met_formules(demo)
    tabellen = csv_tabellen(vragenlijst, scan, bereken_scan(vragenlijst, scan))
    antwoorden = _lees_csv(tabellen["antwoorden"])
    assert {r[1] for r in antwoorden[1:] if r[0] == "d01"} == {"'" + FORMULE}
    doel = _lees_csv(tabellen["doelen"])[1]
    assert doel[2:4] == ["'@SUM(1+1)", "'-korting"]
    assert doel[6:9] == ["-5,5", "", "-2,0"]


def test_csv__rows_hold_the_scan(vragenlijst: Vragenlijst, demo: Scan) -> None:
    scan = _met_formules(demo)
    tabellen = {n: _lees_csv(d) for n, d in csv_tabellen(vragenlijst, scan, bereken_scan(vragenlijst, scan)).items()}
    assert len(tabellen["antwoorden"]) - 1 == len(scan.antwoorden)
    assert len(tabellen["scores"]) - 1 == len(vragenlijst.bouwstenen)
    assert len(tabellen["stellingen"]) - 1 == len(vragenlijst.stellingen())
    assert len(tabellen["doelen"]) - 1 == len(scan.doelen)
    woorden = {"weet_niet": "weet niet", "nvt": "n.v.t.", None: ""}
    for rij, a in zip(tabellen["antwoorden"][1:], scan.antwoorden, strict=True):
        assert (rij[0], rij[3], rij[5]) == (a.deelnemer, a.stelling, woorden.get(a.antwoord, str(a.antwoord)))
        assert rij[6] == (a.toelichting or "")
    for rij in tabellen["stellingen"][1:]:
        aantallen = [int(x) for x in rij[3:10]]
        assert sum(aantallen) <= len(scan.deelnemers)


def test_csv_zip__holds_exactly_the_four_tables(vragenlijst: Vragenlijst, demo: Scan) -> None:
    resultaat = bereken_scan(vragenlijst, demo)
    data = csv_zip(vragenlijst, demo, resultaat)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert sorted(z.namelist()) == ["antwoorden.csv", "doelen.csv", "scores.csv", "stellingen.csv"]
        assert z.read("scores.csv") == csv_tabellen(vragenlijst, demo, resultaat)["scores"]
    assert csv_zip(vragenlijst, demo, resultaat) == data  # same scan, same bytes


# --- refusals --------------------------------------------------------------------------------


def test_refusals__bad_bytes(xlsx: bytes) -> None:
    assert "bestand is leeg" in _fout(b"")
    assert "afgekapt" in _fout(xlsx[: len(xlsx) // 2])
    assert "geen Excel-bestand (.xlsx)" in _fout(random.Random(1).randbytes(5000).replace(b"PK", b"pk"))
    assert "geen Excel-bestand (.xlsx)" in _fout(b'{"formaat": "omnichannel-zelfscan"}')
    assert "geen Excel-werkmap" in _fout(_zip({"readme.txt": b"hallo"}))


def test_refusals__random_bytes_after_a_zip_header() -> None:
    toeval = random.Random(2)
    for _ in range(20):
        assert _fout(b"PK\x03\x04" + toeval.randbytes(2000))


def test_refusals__macros(xlsx: bytes) -> None:
    assert "macro's" in _fout(_zip({**_delen(xlsx), "xl/vbaProject.bin": b"\x00" * 100}))
    delen = _delen(xlsx)
    delen["[Content_Types].xml"] = delen["[Content_Types].xml"].replace(
        b"sheet.main+xml", b"sheet.macroEnabled.main+xml", 1
    )
    assert "macro's" in _fout(_zip(delen))


def test_refusals__zip_bomb_and_size(xlsx: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "zip-bom" in _fout(_zip({**_delen(xlsx), "xl/media/leeg.bin": b"\x00" * (8 * 2**20)}))
    monkeypatch.setattr(exports, "MAX_UITGEPAKT", 100_000)
    assert "zip-bom" in _fout(xlsx)
    monkeypatch.setattr(exports, "MAX_UITWISSEL_BYTES", 1000)
    assert "te groot" in _fout(xlsx)


def test_refusals__broken_xml_inside_the_zip(xlsx: bytes) -> None:
    delen = _delen(xlsx)
    delen["xl/worksheets/sheet5.xml"] = delen["xl/worksheets/sheet5.xml"][:5000]
    assert "kan niet gelezen worden" in _fout(_zip(delen))
    entiteit = b'<!DOCTYPE x [<!ENTITY a "aaaa">]>'  # defusedxml refuses entities (billion laughs)
    delen["xl/worksheets/sheet5.xml"] = entiteit + _delen(xlsx)["xl/worksheets/sheet5.xml"]
    assert "kan niet gelezen worden" in _fout(_zip(delen))


def test_refusals__missing_sheet_and_header(xlsx: bytes) -> None:
    def zonder_doelen(wb: Workbook) -> None:
        del wb["Doelen"]

    assert "blad 'Doelen' ontbreekt" in _fout(_bewerk(xlsx, zonder_doelen))

    def andere_kop(wb: Workbook) -> None:
        wb["Antwoorden"]["F1"] = "Score"

    assert "Antwoorden, rij 1: kolom Antwoord ontbreekt in de kopregel" in _fout(_bewerk(xlsx, andere_kop))


@pytest.mark.parametrize(
    ("blad", "cel", "waarde", "melding"),
    [
        (
            "Antwoorden",
            "F14",
            "7",
            "scan.xlsx: Antwoorden, rij 14, kolom Antwoord: '7' is geen niveau 1–5, 'weet niet' of 'n.v.t.'",
        ),
        ("Antwoorden", "F9", 3.5, "Antwoorden, rij 9, kolom Antwoord: '3.5' is geen niveau 1–5"),
        ("Antwoorden", "H3", "gisteren", "Antwoorden, rij 3, kolom Gewijzigd: 'gisteren' is geen datum en tijd"),
        ("Ambities", "E4", 0, "Ambities, rij 4, kolom Niveau: '0' is geen niveau 1–5"),
        ("Deelnemers", "B3", None, "Deelnemers, rij 3, kolom Naam: is leeg, maar verplicht"),
        ("Deelnemers", "C2", "baas", "Deelnemers, rij 2, kolom Rol: ongeldige waarde 'baas'"),
        ("Antwoorden", "A5", "d99", "Antwoorden, rij 5: onbekende deelnemer 'd99'"),
        ("Overzicht", "B6", "GM12", "Overzicht, sleutel gm_code"),
        ("Overzicht", "B9", "morgen", "Overzicht, rij 9, kolom Waarde: 'morgen' is geen datum"),
        ("Overzicht", "B2", "iets-anders", "geen scanbestand van de omnichannel zelfscan"),
        ("Overzicht", "B3", 3, "formaatversie 3 wordt niet ondersteund"),
    ],
)
def test_refusals__bad_cells_name_sheet_row_and_column(
    xlsx: bytes, blad: str, cel: str, waarde: object, melding: str
) -> None:
    def zet(wb: Workbook) -> None:
        wb[blad][cel] = waarde

    assert melding in _fout(_bewerk(xlsx, zet))


def test_refusals__duplicate_answer_names_the_row(xlsx: bytes) -> None:
    def dubbel(wb: Workbook) -> None:
        ws = wb["Antwoorden"]
        ws.append([c.value for c in ws[2]])

    melding = _fout(_bewerk(xlsx, dubbel))
    assert "Antwoorden, rij" in melding
    assert "twee keer" in melding


# --- upload ----------------------------------------------------------------------------------


def test_upload__json_and_excel_are_read_by_content(xlsx: bytes, demo: Scan) -> None:
    assert lees_bestand(schrijf_scan(demo).encode(), "scan.json") == demo
    assert canoniek(lees_bestand(xlsx, "scan.xlsx")) == canoniek(demo)
    assert canoniek(lees_bestand(xlsx, "zonder-extensie")) == canoniek(demo)


@pytest.mark.parametrize(
    ("naam", "data", "melding"),
    [
        ("scan.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "sla het op als .xlsx"),
        ("scan.xlsx", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "sla het op als .xlsx"),
        ("scan.csv", b"a;b\r\n", "CSV is alleen een export; importeer het JSON- of Excel-bestand"),
        ("scan.xlsm", b"PK\x03\x04", "bestanden met macro's (.xlsm) worden niet geaccepteerd"),
        ("scan.pdf", b"%PDF-1.7", "bestandstype '.pdf' wordt niet ondersteund"),
        ("scan.json", b"", "bestand is leeg"),
        ("scan.json", b"{niet af", "geen geldige JSON"),
    ],
)
def test_upload__refusals_in_dutch(naam: str, data: bytes, melding: str) -> None:
    assert melding in _fout(data, lees_bestand, naam)


# --- "nulmeting volgt, uiterlijk <datum>" ------------------------------------------------------


def _met_nulmeting_volgt(demo: Scan) -> Scan:
    doel = Doel(
        id="tevredenheid",
        bouwsteen="datagestuurde_interactie",
        titel="Een eerste meting van de klanttevredenheid",
        actie="Doe mee aan de Burgerpeiling.",
        indicator="Rapportcijfer",
        eenheid="rapportcijfer (1-10)",
        nulmeting_uiterlijk=dt.date(2027, 3, 1),
    )
    return demo.model_copy(update={"doelen": [doel]})


def test_baseline_to_follow__round_trips_through_excel_and_shows_in_csv(vragenlijst: Vragenlijst, demo: Scan) -> None:
    scan = _met_nulmeting_volgt(demo)
    res = bereken_scan(vragenlijst, scan)
    xlsx = naar_excel(vragenlijst, scan, res)
    assert canoniek(lees_excel(xlsx)) == canoniek(scan)
    ws = load_workbook(io.BytesIO(xlsx))["Doelen"]
    kop = [c.value for c in ws[1]]
    rij = dict(zip(kop, [c.value for c in ws[2]], strict=True))
    assert rij["Nulmeting"] is None
    assert rij["Nulmeting volgt uiterlijk"].date() == dt.date(2027, 3, 1)
    assert ws.cell(row=2, column=kop.index("Nulmeting volgt uiterlijk") + 1).number_format == "dd-mm-yyyy"
    doelen_csv = csv_tabellen(vragenlijst, scan, res)["doelen"].decode("utf-8-sig").splitlines()
    assert "Nulmeting volgt uiterlijk" in doelen_csv[0].split(";")
    assert "2027-03-01" in doelen_csv[1].split(";")


def test_baseline_to_follow__a_workbook_exported_before_the_column_existed_still_reads(xlsx: bytes, demo: Scan) -> None:
    def zonder_kolom(wb: Workbook) -> None:
        ws = wb["Doelen"]
        kop = [c.value for c in ws[1]]
        ws.delete_cols(kop.index("Nulmeting volgt uiterlijk") + 1)

    assert canoniek(lees_excel(_bewerk(xlsx, zonder_kolom))) == canoniek(demo)
