"""Doelen: what the page knows (``DoelenScherm``), the version each form was loaded from, and writes.

Layer: ``scan/ui`` (Streamlit). Edits that vanish (issue 13, case 6): each form remembers the
version it was loaded from (in session state, set when the form is first drawn), and a save is
checked against that version, not against whatever a rerun reads at submit time. When someone
else saved first, nothing is overwritten: the refusal is kept (``Geweigerd``) for the panel at
the top (``doelen_conflict``), the user's input stays in the form, and the user chooses.
The rules themselves live in ``scan.services.doelen`` and ``scoring.smart``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import streamlit as st

from scan.fouten import DoelConflict, InvoerFout, NietSmart, OpslagFout
from scan.leesmodellen import DoelInfo, Sessie
from scan.services import doelen as doelservice
from scan.ui.foutgrens import opslag_mislukt
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk
from scoring import tijd
from scoring.doelen import DoelenBibliotheek
from scoring.models import Vragenlijst
from scoring.resultaat import ScanResultaat
from scoring.smart import SmartUitslag, toets_doel
from scoring.uitwissel import Doel

if TYPE_CHECKING:  # only the type: panels reach the database through services
    from scan.db.verbinding import Database


@dataclass(frozen=True)
class DoelenScherm:
    """What the page loaded once per run, handed to every panel and callback."""

    db: Database
    vl: Vragenlijst
    sessie: Sessie
    bib: DoelenBibliotheek
    vandaag: dt.date
    resultaat: ScanResultaat

    @cached_property
    def namen(self) -> dict[str, str]:
        return {b.id: f"{b.nummer}. {b.naam.nl}" for b in self.vl.bouwstenen}

    @property
    def open_ronde(self) -> bool:
        return self.sessie.ronde.status == "open"

    @property
    def beslist(self) -> bool:
        """What this user may do on the page; the service checks it again when writing."""
        return self.sessie.is_facilitator and self.open_ronde

    def toets(self, doel: Doel) -> SmartUitslag:
        niveau = next((b.niveau for b in self.resultaat.bouwstenen if b.bouwsteen == doel.bouwsteen), None)
        return toets_doel(doel, self.bib, vandaag=self.vandaag, niveau=niveau)


Opnieuw = Callable[[DoelInfo | None, Doel | None], DoelInfo | None]
"""One write of a goal against a given stored version (``None``: it must not exist), with the
content to write (ignored by writes that only change the decision or delete)."""


@dataclass(frozen=True)
class Geweigerd:
    """A save refused because someone else saved first: what the user tried, and what is stored."""

    mijn: Doel | None  # what "keep mine" saves: the user's changes on top of ``huidig``; None: delete
    mijn_besluit: str
    huidig: DoelInfo | None
    opnieuw: Opnieuw | None  # None: keeping one's own version is not possible here
    maakt_aan: bool  # the write also works when the goal is gone (it stores the content anew)
    gelukt: str
    icoon: str


def gezien_alle(scherm: DoelenScherm) -> dict[tuple[str, str], tuple[int | None, Doel]]:
    # Per round: a template key is the same in every round, and one browser may open several.
    gezien: dict[tuple[str, str], tuple[int | None, Doel]] = st.session_state.setdefault(
        f"doelen_gezien_{scherm.sessie.ronde.id}", {}
    )
    return gezien


def conflicten(scherm: DoelenScherm) -> dict[str, Geweigerd]:
    alle: dict[str, Geweigerd] = st.session_state.setdefault(f"doelen_conflicten_{scherm.sessie.ronde.id}", {})
    return alle


def v(versie: int | None) -> str:
    return str(versie) if versie is not None else "n"


def gezien(
    scherm: DoelenScherm, formulier: str, sleutel: str, versie: int | None, doel: Doel, proef: str
) -> tuple[int | None, Doel]:
    """The version (and content) form ``formulier`` of goal ``sleutel`` was loaded from.

    Set when the form is first drawn (or drawn afresh: its widget ``proef`` + version is gone,
    as after visiting another page), and moved on only by the user's own save or their choice
    in a conflict; never because a rerun found a newer stored version. A save is checked
    against it, and the widgets are keyed by it, so what the user typed survives a conflict.
    """
    alle = gezien_alle(scherm)
    vorige = alle.get((formulier, sleutel))
    if vorige is None or f"{proef}_{sleutel}_{v(vorige[0])}" not in st.session_state:
        vorige = alle[(formulier, sleutel)] = (versie, doel)
    return vorige


def laad(scherm: DoelenScherm, sleutel: str, info: DoelInfo | None) -> None:
    """Every form of ``sleutel`` shows ``info`` from now on (``None``: what the page offers afresh)."""
    alle = gezien_alle(scherm)
    for formulier in ("inhoud", "pdca"):
        if info is None:
            alle.pop((formulier, sleutel), None)
        else:
            alle[(formulier, sleutel)] = (info.versie, info.doel)


def basis(sleutel: str, versie: int | None, doel: Doel) -> DoelInfo | None:
    """The seen version as the services take it (only its key and version count)."""
    if versie is None:
        return None
    return DoelInfo(
        sleutel=sleutel,
        besluit="voorgesteld",
        doel=doel,
        versie=versie,
        gewijzigd_door=None,
        gewijzigd_op=tijd.nu(),
    )


def niet_smart(fout: NietSmart) -> str:
    """The failing letters as the form shows them, one per paragraph."""
    return (
        t("doelen.niet_smart")
        + "\n\n"
        + "\n\n".join(f"**{letter}** {letterlijk(reden)}" for letter, _, reden in fout.ontbrekend)
    )


def voer_uit(
    scherm: DoelenScherm,
    sleutel: str,
    opnieuw: Opnieuw,
    gezien_als: DoelInfo | None,
    *,
    geladen: Doel | None,
    mijn: Doel | None,
    mijn_besluit: str,
    gelukt: str,
    icoon: str,
    mag_opnieuw: bool = True,
    maakt_aan: bool = False,
    uit_formulier: bool = False,
) -> None:
    """Run one write of ``mijn`` against ``gezien_als`` (the version the user saw; ``geladen`` is
    its content as their form showed it). A conflict is kept for the panel at the top with both
    versions; a refusal becomes a Dutch message (by the form when it came from one); never a
    traceback."""
    try:
        uitkomst = opnieuw(gezien_als, mijn)
    except DoelConflict as conflict:
        huidig = conflict.huidig
        conflicten(scherm)[sleutel] = Geweigerd(
            mijn=doelservice.op_nieuwe_versie(geladen, mijn, huidig.doel) if geladen and mijn and huidig else mijn,
            mijn_besluit=mijn_besluit,
            huidig=huidig,
            opnieuw=opnieuw if mag_opnieuw else None,
            maakt_aan=maakt_aan,
            gelukt=gelukt,
            icoon=icoon,
        )
        st.toast(t("conflict.zie_boven"), icon=":material/sync_problem:")
    except NietSmart as fout:
        st.session_state[f"doelen_fout_{sleutel}" if uit_formulier else "doelen_melding"] = niet_smart(fout)
    except InvoerFout as fout:
        st.session_state["doelen_melding"] = letterlijk(str(fout))
    except OpslagFout as fout:
        opslag_mislukt(fout, "doel opslaan")
        st.session_state["doelen_melding"] = t("invullen.fout.database")
    else:
        conflicten(scherm).pop(sleutel, None)
        laad(scherm, sleutel, uitkomst)
        if sleutel == st.session_state.get("doelen_eigen_sleutel"):
            st.session_state.pop("doelen_eigen_sleutel")  # the next own goal gets a new key
        st.toast(gelukt, icon=icoon)
