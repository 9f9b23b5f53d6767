"""Doelen: refused saves at the top of the page, both versions side by side, and the two ways on.

Layer: ``scan/ui`` (Streamlit). What "keep mine" saves is the user's changes re-applied on top
of the stored version (``scan.services.doelen.op_nieuwe_versie``), computed when the save was
refused; the texts compared are plain (``scan.ui.conflictweergave`` shows them with ``st.text``).
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from reports.duiding import PDCA_NAAM
from scan.leesmodellen import DoelInfo
from scan.services.doelen import toon_getal
from scan.ui.conflictweergave import Verschil, keuzeknoppen, toon_versies
from scan.ui.foutgrens import veilig
from scan.ui.panelen.doelen_staat import DoelenScherm, Geweigerd, conflicten, gezien_alle, laad, voer_uit
from scan.ui.teksten import t
from scoring.uitwissel import Doel


def datum(waarde: dt.date | None) -> str:
    """A date as the page writes it, "–" when there is none."""
    return waarde.strftime("%d-%m-%Y") if waarde else "–"


def als_tekst(doel: Doel | None, besluit: str) -> dict[str, str]:
    """A goal's fields as the conflict panel compares them: label -> plain text."""
    if doel is None:
        return {t("conflict.veld.besluit"): t("conflict.besluit.verwijderd")}
    nulmeting = (
        t("conflict.nulmeting_volgt", datum=datum(doel.nulmeting_uiterlijk))
        if doel.nulmeting is None and doel.nulmeting_uiterlijk is not None
        else toon_getal(doel.nulmeting)
    )
    return {
        t("doelen.veld.titel"): doel.titel,
        t("conflict.veld.besluit"): t(f"conflict.besluit.{besluit}"),
        t("doelen.veld.status"): PDCA_NAAM[doel.status],
        t("doelen.veld.notities"): doel.notities or "",
        t("doelen.veld.actie"): doel.actie,
        t("doelen.veld.indicator"): doel.indicator or "",
        t("doelen.veld.eenheid"): doel.eenheid or "",
        t("doelen.veld.richting"): t(f"doelen.richting.{doel.richting or 'hoger'}"),
        t("doelen.veld.nulmeting"): nulmeting,
        t("doelen.veld.streefwaarde"): toon_getal(doel.streefwaarde),
        t("doelen.veld.deadline"): datum(doel.deadline),
        t("doelen.veld.bron"): doel.bron or "",
        t("doelen.veld.eigenaar"): doel.eigenaar or "",
        t("doelen.veld.draagvlak"): doel.draagvlak or "",
    }


def verschillen(stand: Geweigerd) -> list[Verschil]:
    """The fields where the two versions differ; the title always, so one knows which goal."""
    mijn = als_tekst(stand.mijn, stand.mijn_besluit)
    huidig = als_tekst(stand.huidig.doel, stand.huidig.besluit) if stand.huidig else {}
    titel = t("doelen.veld.titel")
    velden = list(mijn) + [v for v in huidig if v not in mijn]
    return [
        (veld, mijn.get(veld, ""), huidig.get(veld, ""))
        for veld in velden
        if veld == titel or mijn.get(veld, "") != huidig.get(veld, "")
    ]


@veilig
def _houd_mijn(scherm: DoelenScherm, sleutel: str) -> None:
    stand = conflicten(scherm).pop(sleutel, None)
    if stand is None or stand.opnieuw is None:
        return
    voer_uit(
        scherm,
        sleutel,
        stand.opnieuw,
        stand.huidig,
        geladen=stand.huidig.doel if stand.huidig else None,
        mijn=stand.mijn,
        mijn_besluit=stand.mijn_besluit,
        gelukt=stand.gelukt,
        icoon=stand.icoon,
        maakt_aan=stand.maakt_aan,
    )


@veilig
def _neem_opgeslagen(scherm: DoelenScherm, sleutel: str) -> None:
    stand = conflicten(scherm).pop(sleutel, None)
    if stand is not None:
        laad(scherm, sleutel, stand.huidig)


def toon_conflicten(scherm: DoelenScherm) -> None:
    """Every refused save of this user, with both versions and the two ways on."""
    for sleutel, stand in list(conflicten(scherm).items()):
        huidig = stand.huidig
        toon_versies(
            t("conflict.doel.voorstel")
            if stand.opnieuw is None and huidig is not None
            else t("conflict.doel")
            if huidig is not None
            else t("conflict.doel.weg.opnieuw" if stand.maakt_aan else "conflict.doel.weg"),
            verschillen(stand),
            door=huidig.gewijzigd_door if huidig else None,
            op=huidig.gewijzigd_op if huidig else None,
            weg=huidig is None,
            sleutel=f"doel_{sleutel}",
        )
        # Keeping one's own version: over the stored one, or anew when it was deleted and the
        # user's was content (a deletion or a phase of a deleted goal has nothing to apply to).
        kan_mijn = stand.opnieuw is not None and (huidig is not None or stand.maakt_aan)
        keuzeknoppen(
            f"conflict_mijn_{sleutel}",
            f"conflict_opgeslagen_{sleutel}",
            houd_mijn=_houd_mijn if kan_mijn else None,
            neem_opgeslagen=_neem_opgeslagen,
            args=(scherm, sleutel),
            sluiten=huidig is None,
        )


@veilig
def _laad_nieuw(scherm: DoelenScherm, sleutel: str, info: DoelInfo) -> None:
    laad(scherm, sleutel, info)


def gewijzigd(scherm: DoelenScherm, sleutel: str, info: DoelInfo) -> None:
    """A notice when this goal's form still shows an older version than the one stored."""
    if sleutel in conflicten(scherm):
        return  # the panel at the top says it already, with both versions
    alle = gezien_alle(scherm)
    if any(alle.get((f, sleutel), (info.versie,))[0] != info.versie for f in ("inhoud", "pdca")):
        st.info(t("conflict.doel.gewijzigd"), icon=":material/sync_problem:")
        st.button(
            t("conflict.doel.laden"),
            icon=":material/sync:",
            key=f"laad_{sleutel}_{info.versie}",
            on_click=_laad_nieuw,
            args=(scherm, sleutel, info),
        )
