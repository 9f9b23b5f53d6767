"""Use cases of privacy (issue 18): the retention period an installation keeps, and inzage, the
participant's own download of everything stored about them in their round.

Layer: ``scan/services`` (no Streamlit, no SQL). The retention period is the clean-up's own reading
(``scan.services.wissen``), so the notice participants see, the privacy page and ``python -m scan
bewaartermijn`` all use one number. Inzage is one read unit of work that finds the participant by
the token of their own session, never by an id a page passes: a participant can only ever get
their own data.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from reports.exports import csv_cel
from scan.db.verbinding import Database
from scan.fouten import InvoerFout
from scan.leesmodellen import MijnGegevens, Sessie
from scan.services import wissen
from scan.services.invullen import keuze_label
from scoring.models import Vragenlijst
from scoring.wissen import STANDAARD_BEWAARTERMIJN_MAANDEN

STANDAARD_BEWAARTERMIJN = STANDAARD_BEWAARTERMIJN_MAANDEN
"""Months after a round closes that its personal data is kept, unless the installation sets another."""

FORMAAT = "zelfscan-inzage/1"
"""The ``formaat`` field of the JSON file, so a program reading it knows which shape it has."""


def bewaartermijn_maanden() -> int:
    """The retention period in months (``SCAN_BEWAARTERMIJN_MAANDEN``, default 24): the one reading the
    clean-up uses (``scan.services.wissen``), so the notice and the Privacy page name the same number;
    a setting that is not 1 to 1200 months raises ``InvoerFout``."""
    return wissen.bewaartermijn_maanden()


def mijn_gegevens(db: Database, sessie: Sessie) -> MijnGegevens:
    """Everything stored about the participant of ``sessie`` in their round (AVG art. 15).

    Found by the session's token, the participant's credential: a removed participant, or a
    token no longer in the database, gets a Dutch refusal, never someone else's data.
    """
    with db.inzage() as werk:
        huidig = werk.deelnemers.sessie(sessie.deelnemer.token)
        gegevens = (
            werk.persoonsgegevens.van_deelnemer(huidig.deelnemer.id)
            if huidig is not None and huidig.ronde.id == sessie.ronde.id
            else None
        )
    if gegevens is None:
        raise InvoerFout(
            f"Er staan geen gegevens (meer) op uw naam in scanronde {sessie.ronde.code_leesbaar} van "
            f"{sessie.ronde.gemeente}: de facilitator heeft ze misschien gewist."
        )
    return gegevens


def _moment(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def _stellingen(vl: Vragenlijst) -> dict[str, tuple[str, str]]:
    """Stelling id -> (bouwsteen name, stelling text), to make the file readable without the app."""
    return {s.id: (b.naam.nl, s.tekst.nl) for b, s in vl.stellingen()}


def als_json(gegevens: MijnGegevens, vl: Vragenlijst) -> bytes:
    """The participant's data as JSON: machine-readable, with the questionnaire's words beside each id."""
    teksten = _stellingen(vl)
    bouwstenen = {b.id: b.naam.nl for b in vl.bouwstenen}
    inhoud = {
        "formaat": FORMAAT,
        "scanronde": {
            "gemeente": gegevens.gemeente,
            "gm_code": gegevens.gm_code,
            "code": gegevens.ronde_code,
            "datum": gegevens.ronde_datum.isoformat(),
        },
        "deelnemer": {
            "naam": gegevens.naam,
            "rol": gegevens.rol,
            "functie": gegevens.functie,
            "vakgebied": gegevens.discipline,
            "email": gegevens.email,
            "aangemeld_op": _moment(gegevens.aangemeld_op),
        },
        "antwoorden": [
            {
                "stelling": a.stelling,
                "bouwsteen": teksten.get(a.stelling, ("", ""))[0],
                "stelling_tekst": teksten.get(a.stelling, ("", ""))[1],
                "antwoord": a.antwoord,
                "antwoord_tekst": keuze_label(vl, a.antwoord) if a.antwoord else None,
                "zekerheid": a.zekerheid,
                "toelichting": a.toelichting,
                "gewijzigd_op": _moment(a.gewijzigd_op),
            }
            for a in gegevens.antwoorden
        ],
        "ambities": [
            {
                "bouwsteen": a.bouwsteen,
                "bouwsteen_naam": bouwstenen.get(a.bouwsteen, ""),
                "niveau": a.niveau,
                "toelichting": a.toelichting,
                "gewijzigd_op": _moment(a.gewijzigd_op),
            }
            for a in gegevens.ambities
        ],
        "herstemmingen": [
            {
                "stelling": h.stelling,
                "stelling_tekst": teksten.get(h.stelling, ("", ""))[1],
                "antwoord": h.antwoord,
                "gewijzigd_op": _moment(h.gewijzigd_op),
            }
            for h in gegevens.herstemmingen
        ],
        "naam_vermeld_bij": [
            {"waar": v.waar, "onderwerp": v.onderwerp, "moment": _moment(v.moment)} for v in gegevens.vermeldingen
        ],
    }
    return json.dumps(inhoud, ensure_ascii=False, indent=2).encode("utf-8")


CSV_KOPPEN = ("soort", "onderwerp", "waarde", "zekerheid", "toelichting", "moment")


def als_csv(gegevens: MijnGegevens, vl: Vragenlijst) -> bytes:
    """The same data as one table for Dutch Excel (``;``, BOM), one row per fact; text that could
    be read as a formula is neutralised as in the round's own CSV files."""
    teksten = _stellingen(vl)
    bouwstenen = {b.id: b.naam.nl for b in vl.bouwstenen}
    rijen: list[tuple[str, str, str | None, str | None, str | None, str | None]] = [
        ("scanronde", "gemeente", gegevens.gemeente, None, None, None),
        ("scanronde", "code", gegevens.ronde_code, None, None, None),
        ("scanronde", "datum", gegevens.ronde_datum.isoformat(), None, None, None),
        ("deelnemer", "naam", gegevens.naam, None, None, _moment(gegevens.aangemeld_op)),
        ("deelnemer", "rol", gegevens.rol, None, None, None),
        ("deelnemer", "functie", gegevens.functie, None, None, None),
        ("deelnemer", "vakgebied", gegevens.discipline, None, None, None),
        ("deelnemer", "email", gegevens.email, None, None, None),
    ]
    rijen += [
        (
            "antwoord",
            f"{a.stelling} · {teksten.get(a.stelling, ('', ''))[1]}",
            keuze_label(vl, a.antwoord) if a.antwoord else None,
            a.zekerheid,
            a.toelichting,
            _moment(a.gewijzigd_op),
        )
        for a in gegevens.antwoorden
    ]
    rijen += [
        (
            "ambitie",
            bouwstenen.get(a.bouwsteen, a.bouwsteen),
            str(a.niveau),
            None,
            a.toelichting,
            _moment(a.gewijzigd_op),
        )
        for a in gegevens.ambities
    ]
    rijen += [
        (
            "herstemming",
            f"{h.stelling} · {teksten.get(h.stelling, ('', ''))[1]}",
            keuze_label(vl, h.antwoord),
            None,
            None,
            _moment(h.gewijzigd_op),
        )
        for h in gegevens.herstemmingen
    ]
    rijen += [
        ("naam vermeld bij", f"{v.waar}: {v.onderwerp}", None, None, None, _moment(v.moment))
        for v in gegevens.vermeldingen
    ]
    buf = io.StringIO()
    schrijver = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(CSV_KOPPEN)
    schrijver.writerows([csv_cel(w) for w in rij] for rij in rijen)
    return buf.getvalue().encode("utf-8-sig", errors="replace")


def bestandsnaam(sessie: Sessie, extensie: str) -> str:
    """'mijn-gegevens-zelfscan-ABCDEFGH.json': names the round, not the person."""
    return f"mijn-gegevens-zelfscan-{sessie.ronde.code}.{extensie}"
