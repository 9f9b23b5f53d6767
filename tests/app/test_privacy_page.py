"""AppTest of privacy in the product (issue 18): the notice before a participant gives their name,
the Privacy page, the captions at files with names, the line on Workshop, and inzage on Invullen."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from scan.db.verbinding import Database
from scan.leesmodellen import Sessie
from scan.services import invullen, start
from scan.ui.panelen import invullen_inzage
from scoring.models import Vragenlijst

pytestmark = pytest.mark.apptest
VERKLARING = Path(__file__).resolve().parents[2] / "docs" / "privacyverklaring.md"
PRIVACY = "scan/ui/paginas/privacy.py"
INVULLEN = "scan/ui/paginas/invullen.py"


def _tekst(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


def test_join_form__says_what_is_kept_why_how_long_and_who_sees_it_before_the_name(
    open_app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCAN_BEWAARTERMIJN_MAANDEN", "18")
    monkeypatch.setenv("SCAN_PRIVACY_CONTACT", "Privacyteam *Zeist*, privacy@zeist.nl")
    at = open_app(code="ABCD-EFGH")  # as the QR code opens it
    assert not at.exception
    formulier = at.get("form")[0]
    kort = next(m for m in formulier.markdown if "Wat we van u bewaren:" in m.value)
    for stuk in ("naam", "functie", "toelichtingen", "roepnaam of initialen", "zonder naam", "tot 18 maanden"):
        assert stuk in kort.value, stuk
    # Before the name: in the form, the notice comes before the name field.
    kinderen = list(formulier)
    plek = {id(k): i for i, k in enumerate(kinderen)}
    naamveld = next(k for k in kinderen if getattr(k, "label", None) == "Uw naam")
    assert plek[id(kort)] < plek[id(naamveld)]
    meer = next(e for e in formulier.expander if e.label == "Meer over uw gegevens")
    details = "\n".join(m.value for m in meer.markdown)
    for stuk in ("**Wie ziet het:**", "**Hoe lang:** tot 18 maanden", "Mijn gegevens downloaden", "gewist"):
        assert stuk in details, stuk
    # The contact as typed, never as Markdown.
    assert "Privacyteam \\*Zeist\\*" in details
    assert [p.proto.label for p in meer.get("page_link")] == ["Privacyverklaring"]


def test_privacy_page__draws_the_statement_from_docs_with_this_installations_facts(
    open_app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCAN_BEWAARTERMIJN_MAANDEN", "36")
    monkeypatch.setenv("SCAN_PRIVACY_CONTACT", "FG <a href=x>mail</a> fg@zeist.nl")
    at = open_app(PRIVACY)
    assert not at.exception
    assert [t.value for t in at.title] == ["Privacyverklaring"]
    tekst = _tekst(at)
    for regel in VERKLARING.read_text(encoding="utf-8").splitlines()[1:]:
        if regel.strip() and not regel.startswith("<!--"):
            assert regel in tekst, regel
    assert "<!--" not in tekst
    assert "bewaartermijn **36 maanden**" in tekst
    assert "FG \\<a href" in tekst


def test_privacy_page__without_a_contact_or_with_a_broken_period__says_whom_to_ask_and_keeps_24(
    open_app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SCAN_PRIVACY_CONTACT", raising=False)
    monkeypatch.setenv("SCAN_BEWAARTERMIJN_MAANDEN", "twee jaar")
    at = open_app(PRIVACY)
    assert not at.exception
    tekst = _tekst(at)
    assert "bewaartermijn **24 maanden**" in tekst
    assert "Vraag de facilitator" in tekst


def test_privacy_page__is_in_the_menu_of_someone_without_a_round() -> None:
    from scan.ui.navigatie import zichtbaar

    assert zichtbaar("privacy", None, None)


def test_workshop__tells_the_facilitator_that_participants_see_the_notice(
    open_app: Callable[..., AppTest], ronde: Sessie
) -> None:
    at = open_app("scan/ui/paginas/workshop.py", d=ronde.deelnemer.token)
    assert not at.exception
    assert any("Deelnemers zien bij het meedoen wat de app van hen bewaart" in c.value for c in at.caption)


def test_downloads__each_file_says_whether_it_holds_names(
    open_app: Callable[..., AppTest], app_db: Database, ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    for _, s in vragenlijst.stellingen():
        invullen.sla_antwoord_op(app_db, vragenlijst, ronde, s.id, "3")
    at = open_app("scan/ui/paginas/resultaten.py", d=ronde.deelnemer.token)
    assert not at.exception
    bijschriften = [c.value for c in at.caption]
    met = [c for c in bijschriften if "**Bevat namen van deelnemers:**" in c]
    zonder = [c for c in bijschriften if "Zonder namen van deelnemers" in c]
    # Verbeterrapport (PDF and HTML), Excel, CSV and exchange file name people; the handout does not.
    assert (len(met), len(zonder)) == (5, 1)
    assert "zoals uw gemeente dat met persoonsgegevens doet" in met[0]


def test_inzage__the_participant_downloads_their_own_data(
    open_app: Callable[..., AppTest], app_db: Database, ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    karel = start.neem_deel(app_db, vragenlijst, code=ronde.ronde.code, naam="Karel Inzage", functie="KCC")
    stelling = vragenlijst.bouwstenen[0].stellingen[0].id
    invullen.sla_antwoord_op(app_db, vragenlijst, karel, stelling, "4")
    invullen.sla_toelichting_op(app_db, vragenlijst, karel, stelling, "Karels notitie")
    invullen.sla_toelichting_op(app_db, vragenlijst, ronde, stelling, "Notitie van de facilitator")
    at = open_app(INVULLEN, d=karel.deelnemer.token)
    assert not at.exception
    blok = next(e for e in at.expander if e.label == "Mijn gegevens downloaden")
    assert [k.proto.label for k in blok.get("download_button")] == ["Mijn gegevens (JSON)", "Mijn gegevens (CSV)"]
    assert "vraag het de facilitator" in blok.markdown[0].value
    # The files, as the buttons' callables build them at the click.
    inhoud = json.loads(invullen_inzage._bestand(app_db, vragenlijst, karel, "json"))
    assert inhoud["deelnemer"]["naam"] == "Karel Inzage"
    assert [(a["stelling"], a["antwoord"], a["toelichting"]) for a in inhoud["antwoorden"]] == [
        (stelling, "4", "Karels notitie")
    ]
    tabel = invullen_inzage._bestand(app_db, vragenlijst, karel, "csv").decode("utf-8-sig")
    rijen = list(csv.reader(io.StringIO(tabel), delimiter=";"))
    assert ["deelnemer", "naam", "Karel Inzage"] == rijen[4][:3]
    assert "Fatima" not in tabel and "Notitie van de facilitator" not in tabel
