"""Use cases of the page Resultaten: the result of a round, computed by the pure scoring core.

Layer: ``scan/services`` (use cases: no Streamlit). Every refusal is an ``InvoerFout`` with a Dutch
message that names what is wrong and where, raised before anything is written.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from scan.db.tabellen import (
    AmbitieRij,
    AntwoordRij,
    ConsensusRij,
    VastgesteldeAmbitieRij,
)
from scan.db.verbinding import Database
from scan.fouten import InvoerFout as InvoerFout
from scan.services.invullen import stelling_ids
from scoring.engine import bereken
from scoring.models import Vragenlijst
from scoring.resultaat import ScanResultaat
from scoring.uitwissel import Ambitie, Antwoord, Consensus


def resultaat(db: Database, vragenlijst: Vragenlijst, ronde_id: int) -> ScanResultaat:
    """The scores of a round from everything stored now (answers, ambitions, consensus)."""
    with db.lezen() as s:
        return resultaat_in(s, vragenlijst, ronde_id)


def resultaat_in(s: Session, vragenlijst: Vragenlijst, ronde_id: int) -> ScanResultaat:
    """``resultaat`` inside a transaction the caller holds (closing a round scores what it fixes)."""
    antwoorden = s.execute(
        select(AntwoordRij.deelnemer_id, AntwoordRij.stelling, AntwoordRij.antwoord).where(
            AntwoordRij.ronde_id == ronde_id, AntwoordRij.antwoord.is_not(None)
        )
    ).all()
    ambities = s.execute(
        select(AmbitieRij.deelnemer_id, AmbitieRij.bouwsteen, AmbitieRij.niveau).where(AmbitieRij.ronde_id == ronde_id)
    ).all()
    afspraken = s.execute(
        select(ConsensusRij.stelling, ConsensusRij.niveau).where(ConsensusRij.ronde_id == ronde_id)
    ).all()
    vastgesteld = s.execute(
        select(VastgesteldeAmbitieRij.bouwsteen, VastgesteldeAmbitieRij.niveau).where(
            VastgesteldeAmbitieRij.ronde_id == ronde_id
        )
    ).all()
    bekend = stelling_ids(vragenlijst)
    # Rows are valid by the database's CHECK constraints; model_construct skips re-validating
    # thousands of them on every rerun of the results page.
    return bereken(
        vragenlijst,
        [
            Antwoord.model_construct(deelnemer=f"d{d}", stelling=st, antwoord=int(a) if a.isdigit() else a)  # type: ignore[arg-type]  # CHECK constraint
            for d, st, a in antwoorden
            if a is not None
            if st in bekend
        ],
        [Ambitie.model_construct(bouwsteen=b, niveau=n, deelnemer=f"d{d}") for d, b, n in ambities]
        + [Ambitie.model_construct(bouwsteen=b, niveau=n, deelnemer=None) for b, n in vastgesteld],
        [Consensus.model_construct(stelling=st, niveau=n) for st, n in afspraken if st in bekend],
    )
