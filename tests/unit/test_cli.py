"""``python -m scan``: exit codes, Dutch output, no tracebacks on user errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scan.cli import main


def test_validate__clean_questionnaire_prints_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    uit = capsys.readouterr().out
    assert "16 bouwstenen: 8 kern, 8 aanvullend" in uit
    assert "stellingen, elk met 5 niveau-ankers" in uit


def test_validate__broken_folder_lists_problems_and_exits_1(
    vragenlijst_kopie: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pad = vragenlijst_kopie / "bouwstenen/01_kanaalinzet.yaml"
    pad.write_text(pad.read_text(encoding="utf-8").replace("type: kern", "type: kernig"), encoding="utf-8")
    assert main(["validate", str(vragenlijst_kopie)]) == 1
    uit = capsys.readouterr().out
    assert "01_kanaalinzet.yaml:" in uit and "ongeldige waarde 'kernig'" in uit
    assert "Traceback" not in uit


def test_demo_then_score__table_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "demo.json"
    assert main(["demo", "--gemeente", "Den Bosch", "--deelnemers", "5", "--out", str(out), "--seed", "3"]) == 0
    assert "'s-Hertogenbosch" in capsys.readouterr().out
    assert main(["score", str(out)]) == 0
    tabel = capsys.readouterr().out
    assert "Kernbouwstenen:" in tabel and "(FICTIEF)" in tabel and "Kanaalinzet" in tabel
    assert "Alle 16 bouwstenen, gelijk gewogen:" in tabel and "Totaalscore" not in tabel
    assert main(["score", str(out), "--format", "json"]) == 0
    resultaat = json.loads(capsys.readouterr().out)
    assert len(resultaat["bouwstenen"]) == 16
    assert 0 <= resultaat["totaal"]["score"] <= 100


def test_demo__same_seed_same_file(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    for pad in (a, b):
        assert (
            main(["demo", "--gemeente", "Utrecht", "--deelnemers", "4", "--out", str(pad), "--datum", "2026-03-01"])
            == 0
        )
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize(
    ("args", "melding"),
    [
        (["demo", "--gemeente", "Atlantis", "--out", "x.json"], "staat niet in de CBS-lijst"),
        (["demo", "--gemeente", "Bergen", "--out", "x.json"], "meer dan één gemeente"),
        (["demo", "--gemeente", "Utrecht", "--deelnemers", "0", "--out", "x.json"], "tussen 1 en 200"),
        (["demo", "--gemeente", "Utrecht", "--datum", "gisteren", "--out", "x.json"], "geen datum"),
        (["score", "bestaat-niet.json"], "kan niet gelezen worden"),
    ],
)
def test_user_errors__dutch_message_exit_1(
    args: list[str], melding: str, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err.startswith("Fout: ") and melding in err
    assert not (tmp_path / "x.json").exists()


def test_score__truncated_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "demo.json"
    main(["demo", "--gemeente", "Utrecht", "--deelnemers", "2", "--out", str(out)])
    out.write_bytes(out.read_bytes()[:500])
    capsys.readouterr()
    assert main(["score", str(out)]) == 1
    assert "geen geldige JSON" in capsys.readouterr().err


def test_module_entry_point__runs_without_traceback(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "scan", "score", str(tmp_path / "weg.json")],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        check=False,
    )
    assert proc.returncode == 1
    assert "Fout:" in proc.stderr and "Traceback" not in proc.stderr


def test_unknown_option__dutch_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["demo", "--out", "x.json"])
    assert info.value.code == 2
    assert "deze opties zijn verplicht: --gemeente" in capsys.readouterr().err


def test_goals__prints_suggestions_for_the_gemeente_with_their_smart_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "zeist.json"
    assert main(["demo", "--gemeente", "Zeist", "--deelnemers", "6", "--out", str(out), "--seed", "5"]) == 0
    capsys.readouterr()
    assert main(["goals", str(out), "--datum", "2026-11-22", "--aantal", "3"]) == 0
    uit = capsys.readouterr().out
    assert uit.startswith("Voorgestelde doelen voor Zeist (3), peildatum 22-11-2026")
    assert uit.count("S Specifiek") == 3 and "Waarom: Zeist staat op " in uit
    assert main(["goals", str(out), "--format", "json", "--datum", "2026-11-22"]) == 0
    voorstellen = json.loads(capsys.readouterr().out)
    assert len(voorstellen) == 5 and all(v["doel"]["deadline"] > "2027-02" for v in voorstellen)


def test_goals__bad_date_or_file__is_a_dutch_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["goals", str(tmp_path / "bestaat-niet.json")]) == 1
    assert capsys.readouterr().err.startswith("Fout: ")
    (tmp_path / "leeg.json").write_text("{}", encoding="utf-8")
    assert main(["goals", str(tmp_path / "leeg.json"), "--datum", "22-11-2026"]) == 1
    assert "Fout:" in capsys.readouterr().err


@pytest.mark.slow
def test_report_export_import__round_trip_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypdf import PdfReader

    from scoring.uitwissel import canoniek, lees_scan

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    scan = tmp_path / "scan.json"
    assert main(["demo", "--gemeente", "Súdwest-Fryslân", "--deelnemers", "4", "--out", str(scan), "--seed", "2"]) == 0
    for soort in ("handout", "volledig"):
        pdf = tmp_path / f"{soort}.pdf"
        assert main(["report", str(scan), "--out", str(pdf), "--soort", soort, "--datum", "2026-11-22"]) == 0
        assert "Súdwest-Fryslân" in PdfReader(pdf).pages[0].extract_text()
    for vlag in (["--html"], ["--formaat", "html"]):
        html = tmp_path / "rapport.html"
        assert main(["report", str(scan), "--out", str(html), *vlag, "--datum", "2026-11-22"]) == 0
        assert html.read_text(encoding="utf-8").startswith('<!DOCTYPE html>\n<html lang="nl">')
    assert main(["report", str(scan), "--out", str(tmp_path / "x.html"), "--html", "--soort", "handout"]) == 1
    excel = tmp_path / "scan.xlsx"
    capsys.readouterr()
    assert main(["export", str(scan), "--out", str(excel)]) == 0
    assert "bevat namen van deelnemers" in capsys.readouterr().out  # as every download in the app says
    assert main(["report", str(excel), "--out", str(tmp_path / "uit_excel.pdf")]) == 0
    capsys.readouterr()
    assert main(["import", str(excel)]) == 0
    uit = capsys.readouterr().out
    code = uit.split("Deelnamecode: ")[1].split()[0]
    assert "/#d=" in uit
    terug = tmp_path / "terug.json"
    assert main(["export", "--ronde", code, "--out", str(terug)]) == 0
    assert canoniek(lees_scan(terug)) == canoniek(lees_scan(scan))
    assert main(["export", "--ronde", code, "--out", str(tmp_path / "a.csv"), "--tabel", "antwoorden"]) == 0
    assert (tmp_path / "a.csv").read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize(
    ("args", "melding"),
    [
        (["report", "{bestand}", "--out", "{map}/x.pdf"], "afgekapt"),
        (["import", "{bestand}"], "afgekapt"),
        (["export", "{bestand}", "--out", "{map}/x.docx"], "kies een bestandsnaam op .json"),
        (["export", "--ronde", "ZZZZ-ZZZZ", "--out", "{map}/x.json"], "Er is geen scanronde met code"),
        (["export", "--out", "{map}/x.json"], "óf een bestand óf --ronde"),
    ],
)
def test_report_export_import__bad_input_is_a_dutch_message_and_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, args: list[str], melding: str
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    goed = tmp_path / "goed.json"
    assert main(["demo", "--gemeente", "Utrecht", "--deelnemers", "2", "--out", str(goed), "--seed", "1"]) == 0
    kapot = tmp_path / "kapot.json"
    kapot.write_bytes(goed.read_bytes()[:3000])
    bestand = goed if "x.docx" in " ".join(args) else kapot
    capsys.readouterr()
    argv = [a.format(bestand=bestand, map=tmp_path) for a in args]
    assert main(argv) == 1
    fout = capsys.readouterr().err
    assert melding in fout and "Traceback" not in fout
    assert not list(tmp_path.glob("x.*"))


@pytest.mark.parametrize(
    ("args", "melding"),
    [
        (["--alle-gemeenten", "--out", "x.json"], "--out en --alle-gemeenten gaan niet samen"),
        (["--alle-gemeenten", "--gemeente", "Utrecht"], "--gemeente en --alle-gemeenten gaan niet samen"),
        (
            ["--gemeente", "Utrecht", "--out", "x.json", "--rondes", "2"],
            "--rondes werkt alleen samen met --alle-gemeenten",
        ),
        (
            ["--gemeente", "Utrecht", "--out", "x.json", "--benchmark"],
            "--benchmark werkt alleen samen met --alle-gemeenten",
        ),
        (["--alle-gemeenten", "--rondes", "0"], "--rondes moet tussen 1 en 10 liggen"),
        (["--alle-gemeenten", "--max-gemeenten", "0"], "--max-gemeenten moet minstens 1 zijn"),
    ],
)
def test_demo_alle_gemeenten__conflicting_options_are_a_dutch_error_before_the_database_is_touched(
    args: list[str], melding: str, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'demo.db'}")
    assert main(["demo", *args]) == 1
    fout = capsys.readouterr().err
    assert fout.startswith("Fout: ") and melding in fout and "Traceback" not in fout
    assert not (tmp_path / "demo.db").exists() and not (tmp_path / "x.json").exists()


def test_demo_help__documents_the_database_fill_and_the_test_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["demo", "--help"])
    hulp = capsys.readouterr().out
    assert "--alle-gemeenten" in hulp and "--opnieuw" in hulp
    assert "--max-gemeenten N" in hulp and "voor tests en snelle demo's" in hulp


def _link(uit: str) -> str:
    regels = [r.strip() for r in uit.splitlines() if "#beheer=" in r]
    assert len(regels) == 1, uit
    return regels[0]


def test_beheerlink__shows_the_same_link_again_and_vernieuw_replaces_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from scan.db.openen import open_database
    from scan.services import adressen, beheerlink

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    monkeypatch.delenv("SCAN_PUBLIEKE_URL", raising=False)
    monkeypatch.delenv("STREAMLIT_SERVER_PORT", raising=False)
    monkeypatch.setattr(adressen, "lan_adres", lambda: "192.168.1.20")
    assert main(["beheerlink"]) == 0
    uit = capsys.readouterr().out
    eerste = _link(uit)
    assert eerste.startswith("http://192.168.1.20:8501/#beheer=")
    assert "Beheerlink:" in uit and "python -m scan beheerlink --vernieuw" in uit
    assert str(tmp_path / "beheerlink.txt") in uit

    assert main(["beheerlink", "--poort", "8612"]) == 0
    assert _link(capsys.readouterr().out) == eerste.replace(":8501/", ":8612/")

    assert main(["beheerlink", "--vernieuw"]) == 0
    uit = capsys.readouterr().out
    tweede = _link(uit)
    assert "de vorige werkt niet meer" in uit and tweede != eerste
    db = open_database(f"sqlite:///{tmp_path / 'app.db'}")
    try:
        assert not beheerlink.controleer(db, eerste.split("=", 1)[1])
        assert beheerlink.controleer(db, tweede.split("=", 1)[1])
    finally:
        db.sluit()


def test_beheerlink__public_url_and_no_network(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from scan.services import adressen

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    monkeypatch.setattr(adressen, "lan_adres", lambda: None)
    monkeypatch.setenv("SCAN_PUBLIEKE_URL", "https://scan.example.nl/")
    assert main(["beheerlink"]) == 0
    assert _link(capsys.readouterr().out).startswith("https://scan.example.nl/#beheer=")
    monkeypatch.delenv("SCAN_PUBLIEKE_URL")
    assert main(["beheerlink"]) == 0
    uit = capsys.readouterr().out
    assert _link(uit).startswith("http://localhost:8501/#beheer=")
    assert "werkt alleen op deze computer" in uit and "SCAN_PUBLIEKE_URL" in uit


def test_beheerlink__a_lost_file_is_a_dutch_message_not_a_dead_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    assert main(["beheerlink"]) == 0
    capsys.readouterr()
    (tmp_path / "beheerlink.txt").unlink()
    assert main(["beheerlink"]) == 1
    fout = capsys.readouterr()
    assert "#beheer=" not in fout.out
    assert "python -m scan beheerlink --vernieuw" in fout.err and "Traceback" not in fout.err
    assert main(["beheerlink", "--vernieuw"]) == 0
    assert "#beheer=" in capsys.readouterr().out


def test_beheerlink__bad_port_is_a_dutch_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as einde:
        main(["beheerlink", "--poort", "99999"])
    assert einde.value.code == 2
    assert "tussen 1 en 65535" in capsys.readouterr().err


def test_validate__nesting_100000_deep_is_a_located_dutch_message(
    vragenlijst_kopie: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Issue 13 case 8: this was a segmentation fault after 50 s (1,500 levels: a RecursionError).
    pad = vragenlijst_kopie / "schaal.yaml"
    tekst = pad.read_text(encoding="utf-8")
    pad.write_text(tekst + "\ndiep: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    assert main(["validate", str(vragenlijst_kopie)]) == 1
    uit = capsys.readouterr().out
    regel = tekst.count("\n") + 2
    assert f"questionnaires/schaal.yaml:{regel}:26: te diep genest: meer dan 20 niveaus" in uit
    assert "Traceback" not in uit and "1 probleem gevonden" in uit


def test_inlogaccount__lists_and_releases_a_binding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from scan.db.openen import open_database

    url = f"sqlite:///{tmp_path / 'z.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    db = open_database(url)
    with db.werk() as werk:
        werk.rollen.ken_toe("jan@utrecht.nl", "GM0344", "facilitator", "test")
        werk.identiteiten.bind("jan@utrecht.nl", "https://idp.example", "oid-1")
    db.sluit()
    assert main(["inlogaccount"]) == 0
    uit = capsys.readouterr().out
    assert "jan@utrecht.nl\thttps://idp.example\toid-1" in uit and "GM0344" in uit
    assert main(["inlogaccount", "--los", "Jan@Utrecht.nl"]) == 0
    assert "losgemaakt" in capsys.readouterr().out
    assert main(["inlogaccount", "--los", "jan@utrecht.nl"]) == 1
    assert "niet (meer) aan een account gebonden" in capsys.readouterr().err
    assert main(["inlogaccount"]) == 0
    assert "Nog geen e-mailadres" in capsys.readouterr().out
