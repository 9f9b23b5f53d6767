"""A round of the real questionnaire in the in-memory unit of work (tests/nep.py), for the
workshop area's fast service tests: Bert leads it, Anna fills it in."""

from __future__ import annotations

from scan.leesmodellen import DeelnemerInfo, RondeInfo, Sessie
from scoring.models import Vragenlijst
from tests.nep import NepDatabase, voorbeeld_ronde

BERT = DeelnemerInfo(id=11, naam="Bert", rol="facilitator", functie=None, token="t-bert")
ANNA = DeelnemerInfo(id=10, naam="Anna", rol="deelnemer", functie="KCC", token="t-anna")


def ronde(vragenlijst: Vragenlijst, status: str = "open", ronde_id: int = 1) -> RondeInfo:
    return voorbeeld_ronde(
        id=ronde_id, vragenlijst_id=vragenlijst.meta.id, vragenlijst_versie=vragenlijst.versie, status=status
    )


def werkplaats(vragenlijst: Vragenlijst, status: str = "open") -> tuple[NepDatabase, Sessie, Sessie]:
    """The fake database with one round; the sessions of Bert (facilitator) and Anna."""
    db = NepDatabase()
    bert = db.stand.nieuwe_ronde(ronde(vragenlijst, status), BERT, ANNA)
    return db, bert, Sessie(ronde=bert.ronde, deelnemer=ANNA)
