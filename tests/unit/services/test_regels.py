"""Shared rules of the use cases, against the in-memory unit of work (tests/nep.py)."""

from __future__ import annotations

import pytest

from scan.fouten import InvoerFout
from scan.leesmodellen import DeelnemerInfo, RondeInfo
from scan.services import regels
from tests.nep import NepDatabase, voorbeeld_ronde


def _ronde(status: str = "open") -> RondeInfo:
    return voorbeeld_ronde(status=status)


ANNA = DeelnemerInfo(id=10, naam="Anna", rol="deelnemer", functie=None, token="t-anna")
BERT = DeelnemerInfo(id=11, naam="Bert", rol="facilitator", functie=None, token="t-bert")


@pytest.mark.parametrize(
    ("status", "weg", "melding"),
    [
        ("open", None, None),
        ("afgerond", None, "afgerond"),
        ("open", "deelnemer", "niet \\(meer\\) ingeschreven"),
        ("open", "ronde", "bestaat niet meer"),
    ],
)
def test_eis_open__round_open_and_participant_still_in_it(status: str, weg: str | None, melding: str | None) -> None:
    db = NepDatabase()
    sessie = db.stand.nieuwe_ronde(_ronde(status), ANNA, BERT)
    if weg == "deelnemer":
        del db.stand.deelnemers[ANNA.id]
    elif weg == "ronde":
        del db.stand.rondes[1]
    with db.werk() as werk:
        if melding is None:
            regels.eis_open(werk, sessie)
        else:
            with pytest.raises(InvoerFout, match=melding):
                regels.eis_open(werk, sessie)


@pytest.mark.parametrize(
    ("invoer", "code"),
    [("abcd-efgh", "ABCDEFGH"), (" ABCD EFGH ", "ABCDEFGH"), ("https://x.nl/?code=abcd-efgh&y=1", "ABCDEFGH")],
)
def test_normaliseer_code__as_typed_or_pasted(invoer: str, code: str) -> None:
    assert regels.normaliseer_code(invoer) == code
