"""Doelen: suggested SMART goals with why, proposals, accept / edit / reject, own goals, PDCA per goal.

A goal is accepted only when all five SMART letters pass; each letter says what is missing,
so the werkgroep fills in its own baseline, target and support and owns the result.

Only the round's facilitator decides (accept, reject, edit, withdraw, undo, delete, PDCA);
every participant sees all goals and may propose one. The page shows participants only what
they may use; the service refuses the rest anyway (``scan.doelen``). Every widget is keyed by
the goal's key (and the version its form was loaded from), never by its place in a list, and
the lists keep a stable order: stored goals by creation, suggestions in the scan's fixed order.

Edits that vanish (issue 13, case 6): each form remembers the version it was loaded from (in
session state, set when the form is first drawn), and a save is checked against that version,
not against whatever a rerun reads at submit time. One-click buttons bind the version shown to
their callback. When someone else saved first, nothing is overwritten: both versions are shown
at the top of the page (``scan.conflictweergave``), the user's input stays in the form, and the
user chooses to save theirs over the new version or to take the stored one.
"""

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from reports.duiding import PDCA_NAAM
from scan.fouten import InvoerFout
from scan.services import doelen as doelservice
from scan.services import resultaten
from scan.services.doelen import DoelConflict, DoelInfo, lees_getal, toon_getal
from scan.ui.conflictweergave import Verschil, keuzeknoppen, toon_versies
from scan.ui.kern import (
    bibliotheek_of_stop,
    letterlijk,
    letterlijke_tabel,
    sessie_of_stop,
    tijd,
    veilig,
    vragenlijst_of_stop,
    zelfde_versie_of_stop,
)
from scan.ui.rapporten import toon_downloads
from scan.ui.teksten import t
from scoring.smart import SmartUitslag, toets
from scoring.suggesties import plus_maanden
from scoring.tekst import maximum
from scoring.uitwissel import Doel, PdcaFase

log = logging.getLogger(__name__)
vl = vragenlijst_of_stop()
db, sessie = sessie_of_stop()
zelfde_versie_of_stop(sessie, vl)
bib = bibliotheek_of_stop(vl)
vandaag = dt.date.today()
namen = {b.id: f"{b.nummer}. {b.naam.nl}" for b in vl.bouwstenen}
kale_namen = {b.id: b.naam.nl for b in vl.bouwstenen}
resultaat = resultaten.resultaat(db, vl, sessie.ronde.id)
resultaat_niveau = {b.bouwsteen: b.niveau for b in resultaat.bouwstenen}
PDCA = PDCA_NAAM
# What this user may do on the page; the service checks it again on the rows when writing.
open_ronde = sessie.ronde.status == "open"
beslist = sessie.is_facilitator and open_ronde
mag_voorstellen = open_ronde

st.title(t("doelen.titel", gemeente=letterlijk(sessie.ronde.gemeente)))
st.markdown(t("doelen.intro"))
if not open_ronde:
    st.info(t("doelen.afgerond"), icon=":material/lock:")
elif not sessie.is_facilitator:
    st.info(t("doelen.rol.deelnemer"), icon=":material/group:")
if melding := st.session_state.pop("doelen_melding", None):
    st.warning(melding, icon=":material/sync_problem:")


def _getal(waarde: float | None) -> str:
    # Exact and without an exponent, as the field shows it ("1e+12" would read as text).
    return "–" if waarde is None else toon_getal(waarde)


def _niveau(waarde: float | None) -> str:
    return "–" if waarde is None else f"{waarde:.1f}".replace(".", ",")


def _datum(datum: dt.date | None) -> str:
    return datum.strftime("%d-%m-%Y") if datum else "–"


def _toets(doel: Doel) -> SmartUitslag:
    sjabloon = next((s for s in bib.voor(doel.bouwsteen) if s.id == doel.sjabloon), None)
    return toets(
        doel,
        vandaag=vandaag,
        niveau=resultaat_niveau.get(doel.bouwsteen),
        stap_van=sjabloon.van if sjabloon else None,
        horizon=sjabloon.horizon_maanden if sjabloon else None,
    )


def _letters(uitslag: SmartUitslag) -> None:
    kolommen = st.columns(5)
    for kolom, oordeel in zip(kolommen, uitslag.oordelen, strict=True):
        teken = ":material/check_circle:" if oordeel.geslaagd else ":material/cancel:"
        stand = t("doelen.letter.goed") if oordeel.geslaagd else t("doelen.letter.mist")
        kolom.markdown(f"{teken} **{oordeel.letter}** · {letterlijk(oordeel.naam)}  \n{stand}")
        if not oordeel.geslaagd:
            kolom.caption(letterlijk(oordeel.reden))


def _meting(d: Doel) -> None:
    velden = {
        "indicator": letterlijk(d.indicator or "–"),
        "streef": _getal(d.streefwaarde),
        "eenheid": letterlijk(d.eenheid or ""),
        "deadline": _datum(d.deadline),
        "eigenaar": letterlijk(d.eigenaar or "–"),
    }
    if d.nulmeting is None and d.nulmeting_uiterlijk is not None:
        st.markdown(t("doelen.meting_volgt", datum=_datum(d.nulmeting_uiterlijk), **velden))
    else:
        st.markdown(t("doelen.meting", nul=_getal(d.nulmeting), **velden))


# --- the version each form was loaded from, and conflicts ---------------------------------------

Opnieuw = Callable[[DoelInfo | None, Doel | None], DoelInfo | None]
"""One write of a goal against a given stored version (``None``: it must not exist), with the
content to write (ignored by writes that only change the decision or delete)."""


@dataclass(frozen=True)
class _Conflict:
    """A save refused because someone else saved first: what the user tried, and what is stored."""

    mijn: Doel | None  # what "keep mine" saves: the user's changes on top of ``huidig``; None: delete
    mijn_besluit: str
    huidig: DoelInfo | None
    opnieuw: Opnieuw | None  # None: keeping one's own version is not possible here
    maakt_aan: bool  # the write also works when the goal is gone (it stores the content anew)
    gelukt: str
    icoon: str


def _gezien_alle() -> dict[tuple[str, str], tuple[int | None, Doel]]:
    # Per round: a template key is the same in every round, and one browser may open several.
    gezien: dict[tuple[str, str], tuple[int | None, Doel]] = st.session_state.setdefault(
        f"doelen_gezien_{sessie.ronde.id}", {}
    )
    return gezien


def _conflicten() -> dict[str, _Conflict]:
    conflicten: dict[str, _Conflict] = st.session_state.setdefault(f"doelen_conflicten_{sessie.ronde.id}", {})
    return conflicten


def _v(versie: int | None) -> str:
    return str(versie) if versie is not None else "n"


def _gezien(formulier: str, sleutel: str, versie: int | None, doel: Doel, proef: str) -> tuple[int | None, Doel]:
    """The version (and content) form ``formulier`` of goal ``sleutel`` was loaded from.

    Set when the form is first drawn (or drawn afresh: its widget ``proef`` + version is gone,
    as after visiting another page), and moved on only by the user's own save or their choice
    in a conflict; never because a rerun found a newer stored version. A save is checked
    against it, and the widgets are keyed by it, so what the user typed survives a conflict.
    """
    alle = _gezien_alle()
    vorige = alle.get((formulier, sleutel))
    if vorige is None or f"{proef}_{sleutel}_{_v(vorige[0])}" not in st.session_state:
        vorige = alle[(formulier, sleutel)] = (versie, doel)
    return vorige


def _laad(sleutel: str, info: DoelInfo | None) -> None:
    """Every form of ``sleutel`` shows ``info`` from now on (``None``: what the page offers afresh)."""
    alle = _gezien_alle()
    for formulier in ("inhoud", "pdca"):
        if info is None:
            alle.pop((formulier, sleutel), None)
        else:
            alle[(formulier, sleutel)] = (info.versie, info.doel)


def _op_nieuwe_versie(geladen: Doel, mijn: Doel, huidig: Doel) -> Doel:
    """The user's changes re-applied on top of the stored version: every field the user changed
    (``mijn`` differs from the version their form was loaded from) takes their value, every other
    field keeps the stored one. A phase changed by one and a note by the other both survive."""
    gewijzigd = {v: getattr(mijn, v) for v in type(mijn).model_fields if getattr(mijn, v) != getattr(geladen, v)}
    return huidig.model_copy(update=gewijzigd)


def _voer_uit(
    sleutel: str,
    opnieuw: Opnieuw,
    basis: DoelInfo | None,
    *,
    geladen: Doel | None,
    mijn: Doel | None,
    mijn_besluit: str,
    gelukt: str,
    icoon: str,
    mag_opnieuw: bool = True,
    maakt_aan: bool = False,
) -> None:
    """Run one write of ``mijn`` against ``basis`` (the version the user saw; ``geladen`` is its
    content as their form showed it). A conflict is kept for the panel at the top with both
    versions; a refusal becomes a Dutch message; never a traceback."""
    try:
        uitkomst = opnieuw(basis, mijn)
    except DoelConflict as conflict:
        huidig = conflict.huidig
        _conflicten()[sleutel] = _Conflict(
            mijn=_op_nieuwe_versie(geladen, mijn, huidig.doel) if geladen and mijn and huidig else mijn,
            mijn_besluit=mijn_besluit,
            huidig=huidig,
            opnieuw=opnieuw if mag_opnieuw else None,
            maakt_aan=maakt_aan,
            gelukt=gelukt,
            icoon=icoon,
        )
        st.toast(t("conflict.zie_boven"), icon=":material/sync_problem:")
    except InvoerFout as fout:
        st.session_state["doelen_melding"] = letterlijk(str(fout))
    except SQLAlchemyError:
        log.exception("doel opslaan mislukt (ronde %s)", sessie.ronde.id)
        st.session_state["doelen_melding"] = t("invullen.fout.database")
    else:
        _conflicten().pop(sleutel, None)
        _laad(sleutel, uitkomst)
        if sleutel == st.session_state.get("doelen_eigen_sleutel"):
            st.session_state.pop("doelen_eigen_sleutel")  # the next own goal gets a new key
        st.toast(gelukt, icon=icoon)


def _als_tekst(doel: Doel | None, besluit: str) -> dict[str, str]:
    """A goal's fields as the conflict panel compares them: label -> plain text."""
    if doel is None:
        return {t("conflict.veld.besluit"): t("conflict.besluit.verwijderd")}
    nulmeting = (
        t("conflict.nulmeting_volgt", datum=_datum(doel.nulmeting_uiterlijk))
        if doel.nulmeting is None and doel.nulmeting_uiterlijk is not None
        else toon_getal(doel.nulmeting)
    )
    return {
        t("doelen.veld.titel"): doel.titel,
        t("conflict.veld.besluit"): t(f"conflict.besluit.{besluit}"),
        t("doelen.veld.status"): PDCA[doel.status],
        t("doelen.veld.notities"): doel.notities or "",
        t("doelen.veld.actie"): doel.actie,
        t("doelen.veld.indicator"): doel.indicator or "",
        t("doelen.veld.eenheid"): doel.eenheid or "",
        t("doelen.veld.richting"): t(f"doelen.richting.{doel.richting or 'hoger'}"),
        t("doelen.veld.nulmeting"): nulmeting,
        t("doelen.veld.streefwaarde"): toon_getal(doel.streefwaarde),
        t("doelen.veld.deadline"): _datum(doel.deadline),
        t("doelen.veld.bron"): doel.bron or "",
        t("doelen.veld.eigenaar"): doel.eigenaar or "",
        t("doelen.veld.draagvlak"): doel.draagvlak or "",
    }


def _verschillen(stand: _Conflict) -> list[Verschil]:
    """The fields where the two versions differ; the title always, so one knows which goal."""
    mijn = _als_tekst(stand.mijn, stand.mijn_besluit)
    huidig = _als_tekst(stand.huidig.doel, stand.huidig.besluit) if stand.huidig else {}
    titel = t("doelen.veld.titel")
    velden = list(mijn) + [v for v in huidig if v not in mijn]
    return [
        (veld, mijn.get(veld, ""), huidig.get(veld, ""))
        for veld in velden
        if veld == titel or mijn.get(veld, "") != huidig.get(veld, "")
    ]


@veilig
def _houd_mijn(sleutel: str) -> None:
    stand = _conflicten().pop(sleutel, None)
    if stand is None or stand.opnieuw is None:
        return
    _voer_uit(
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
def _neem_opgeslagen(sleutel: str) -> None:
    stand = _conflicten().pop(sleutel, None)
    if stand is not None:
        _laad(sleutel, stand.huidig)


def _toon_conflicten() -> None:
    """Every refused save of this user, with both versions and the two ways on."""
    for sleutel, stand in list(_conflicten().items()):
        huidig = stand.huidig
        toon_versies(
            t("conflict.doel.voorstel")
            if stand.opnieuw is None and huidig is not None
            else t("conflict.doel")
            if huidig is not None
            else t("conflict.doel.weg.opnieuw" if stand.maakt_aan else "conflict.doel.weg"),
            _verschillen(stand),
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
            args=(sleutel,),
            sluiten=huidig is None,
        )


@veilig
def _laad_nieuw(sleutel: str, info: DoelInfo) -> None:
    _laad(sleutel, info)


def _gewijzigd(sleutel: str, info: DoelInfo) -> None:
    """A notice when this goal's form still shows an older version than the one stored."""
    if sleutel in _conflicten():
        return  # the panel at the top says it already, with both versions
    alle = _gezien_alle()
    if any(alle.get((f, sleutel), (info.versie,))[0] != info.versie for f in ("inhoud", "pdca")):
        st.info(t("conflict.doel.gewijzigd"), icon=":material/sync_problem:")
        st.button(
            t("conflict.doel.laden"),
            icon=":material/sync:",
            key=f"laad_{sleutel}_{info.versie}",
            on_click=_laad_nieuw,
            args=(sleutel, info),
        )


def _formulier(sleutel: str, doel: Doel, versie: int | None, knoppen: tuple[str, ...]) -> None:
    """The fields of a goal in a form; the chosen button's action runs with the values entered.

    Every widget key holds the goal's key and the version the form was loaded from (``_gezien``):
    a goal never inherits what was typed for another, what the user typed survives a save that
    someone else beat, and the save is checked against that version.
    """
    versie, doel = _gezien("inhoud", sleutel, versie, doel, proef="titel")
    k = f"{sleutel}_{_v(versie)}"
    # Outside the form, so ticking it swaps the baseline field at once.
    nog_niet = st.checkbox(
        t("doelen.veld.nog_niet_gemeten"),
        value=doel.nulmeting is None and doel.nulmeting_uiterlijk is not None,
        key=f"nog_{k}",
        help=t("doelen.nog_niet_gemeten.hulp"),
    )
    with st.form(f"f_{sleutel}", border=False):
        if doel.sjabloon is None:
            st.selectbox(
                t("doelen.veld.bouwsteen"),
                list(namen),
                index=list(namen).index(doel.bouwsteen),
                format_func=lambda b: namen[b],
                key=f"bouwsteen_{k}",
                placeholder=t("algemeen.kies"),
            )
        st.text_input(t("doelen.veld.titel"), doel.titel, max_chars=maximum("titel"), key=f"titel_{k}")
        st.text_area(t("doelen.veld.actie"), doel.actie, max_chars=maximum("actie"), height=90, key=f"actie_{k}")
        a, b, c = st.columns([3, 1, 1])
        a.text_input(t("doelen.veld.indicator"), doel.indicator or "", max_chars=maximum("indicator"), key=f"ind_{k}")
        b.text_input(t("doelen.veld.eenheid"), doel.eenheid or "", max_chars=maximum("eenheid"), key=f"eenheid_{k}")
        c.selectbox(
            t("doelen.veld.richting"),
            ["hoger", "lager"],
            index=0 if doel.richting != "lager" else 1,
            format_func=lambda r: t(f"doelen.richting.{r}"),
            key=f"richting_{k}",
            placeholder=t("algemeen.kies"),
        )
        a, b, c = st.columns(3)
        # Text fields, not number inputs: the browser's number field shows and wants "7.5"; a Dutch
        # werkgroep types and reads "7,5".
        deadline_standaard = doel.deadline or plus_maanden(vandaag, 12)
        if nog_niet:
            a.date_input(
                t("doelen.veld.nulmeting_uiterlijk"),
                doel.nulmeting_uiterlijk or min(plus_maanden(vandaag, 3), deadline_standaard),
                format="DD-MM-YYYY",
                key=f"uiterlijk_{k}",
            )
        else:
            a.text_input(
                t("doelen.veld.nulmeting"),
                toon_getal(doel.nulmeting),
                max_chars=30,
                placeholder=t("doelen.nog_meten"),
                key=f"nul_{k}",
            )
        b.text_input(
            t("doelen.veld.streefwaarde"),
            toon_getal(doel.streefwaarde),
            max_chars=30,
            placeholder=t("doelen.streef_volgt") if nog_niet else None,
            key=f"streef_{k}",
        )
        c.date_input(t("doelen.veld.deadline"), deadline_standaard, format="DD-MM-YYYY", key=f"dl_{k}")
        st.text_input(t("doelen.veld.bron"), doel.bron or "", max_chars=maximum("bron"), key=f"bron_{k}")
        a, b = st.columns(2)
        a.text_input(t("doelen.veld.eigenaar"), doel.eigenaar or "", max_chars=maximum("eigenaar"), key=f"eig_{k}")
        b.text_input(
            t("doelen.veld.draagvlak"),
            doel.draagvlak or "",
            max_chars=maximum("draagvlak"),
            placeholder=t("doelen.draagvlak.hint"),
            key=f"draag_{k}",
        )
        st.text_input(t("doelen.veld.notities"), doel.notities or "", max_chars=maximum("notities"), key=f"not_{k}")
        with st.container(horizontal=True):
            for i, knop in enumerate(knoppen):
                # A callback, with the version and content the form was loaded from bound now: it
                # runs even when the goal has moved on (decided or proposed by someone else) and
                # this form is not drawn again, so a click never vanishes (issue 13, case 6).
                st.form_submit_button(
                    t(f"doelen.knop.{knop}"),
                    type="primary" if i == 0 else "secondary",
                    key=f"{knop}_{k}",
                    on_click=_verstuur,
                    args=(knop, sleutel, k, versie, doel),
                )
    if fout := st.session_state.pop(f"doelen_fout_{sleutel}", None):
        st.error(fout, icon=":material/error:")


@veilig
def _verstuur(actie_knop: str, sleutel: str, k: str, versie: int | None, doel: Doel) -> None:
    """The chosen button of a goal's form: its values (from the widgets' state), checked, saved
    against ``versie``; a refusal is kept for the form to show, a conflict for the top panel."""
    waarde = st.session_state
    nog_niet = bool(waarde.get(f"nog_{k}", False))
    try:
        nulmeting = None if nog_niet else lees_getal(waarde.get(f"nul_{k}", ""), t("doelen.veld.nulmeting"))
        streefwaarde = lees_getal(waarde.get(f"streef_{k}", ""), t("doelen.veld.streefwaarde"))
    except InvoerFout as fout:
        waarde[f"doelen_fout_{sleutel}"] = letterlijk(str(fout))
        return

    def tekst(veld: str) -> str:
        return str(waarde.get(f"{veld}_{k}") or "").strip()

    try:
        nieuw = Doel.model_validate(
            doel.model_dump()
            | {
                "bouwsteen": waarde.get(f"bouwsteen_{k}", doel.bouwsteen) if doel.sjabloon is None else doel.bouwsteen,
                "titel": tekst("titel") or doel.titel,
                "actie": tekst("actie"),
                "indicator": tekst("ind") or None,
                "eenheid": tekst("eenheid") or None,
                "richting": waarde.get(f"richting_{k}", doel.richting),
                "nulmeting": nulmeting,
                "nulmeting_uiterlijk": waarde.get(f"uiterlijk_{k}") if nog_niet else None,
                "streefwaarde": streefwaarde,
                "deadline": waarde.get(f"dl_{k}", doel.deadline),
                "bron": tekst("bron") or None,
                "eigenaar": tekst("eig") or None,
                "draagvlak": tekst("draag") or None,
                "notities": tekst("not") or None,
            }
        )
    except ValueError as fout:
        waarde[f"doelen_fout_{sleutel}"] = t("doelen.ongeldig", fout=letterlijk(str(fout).splitlines()[0]))
        return
    if actie_knop in ("accepteren", "opslaan"):
        uitslag = _toets(nieuw)
        if not uitslag.geslaagd:
            fouten = [f"**{o.letter}** {letterlijk(o.reden)}" for o in uitslag.oordelen if not o.geslaagd]
            waarde[f"doelen_fout_{sleutel}"] = t("doelen.niet_smart") + "\n\n" + "\n\n".join(fouten)
            return
    # The version the form was loaded from; a conflict keeps ``nieuw`` to show and, if chosen, to save.
    basis = _basis(sleutel, versie, doel)
    if actie_knop == "voorstellen":
        # A participant does not overwrite: a goal proposed or decided meanwhile stays as it is.
        _voer_uit(
            sleutel,
            lambda _, d: doelservice.stel_doel_voor(db, vl, sessie, d or nieuw),
            basis,
            geladen=doel,
            mijn=nieuw,
            mijn_besluit="voorgesteld",
            gelukt=t("doelen.voorgesteld", titel=letterlijk(nieuw.titel)),
            icoon=":material/lightbulb:",
            mag_opnieuw=False,
        )
    else:
        besluit: doelservice.Besluit = "afgewezen" if actie_knop == "afwijzen" else "geaccepteerd"
        _voer_uit(
            sleutel,
            lambda b, d: doelservice.bewaar(
                db, vl, sessie, d or nieuw, besluit=besluit, verwachte_versie=b.versie if b else None
            ),
            basis,
            geladen=doel,
            mijn=nieuw,
            mijn_besluit=besluit,
            gelukt=t(
                "doelen.afgewezen" if besluit == "afgewezen" else "doelen.opgeslagen", titel=letterlijk(nieuw.titel)
            ),
            icoon=":material/block:" if besluit == "afgewezen" else ":material/check_circle:",
            maakt_aan=True,
        )


def _basis(sleutel: str, versie: int | None, doel: Doel) -> DoelInfo | None:
    """The seen version as the services take it (only its key and version count)."""
    if versie is None:
        return None
    return DoelInfo(
        sleutel=sleutel,
        besluit="voorgesteld",
        doel=doel,
        versie=versie,
        gewijzigd_door=None,
        gewijzigd_op=dt.datetime.now(dt.UTC),
    )


def _verwijderen(info: DoelInfo) -> None:
    """Delete, behind a confirmation in a popover (facilitator only)."""
    with st.popover(t("doelen.knop.verwijderen"), icon=":material/delete:", key=f"pop_weg_{info.sleutel}"):
        st.markdown(t("doelen.verwijderen.vraag", titel=letterlijk(info.doel.titel)))
        # The version shown is bound to the click now, not read again when the click arrives.
        st.button(
            t("doelen.knop.verwijderen_zeker"),
            type="primary",
            key=f"weg_{info.sleutel}_{info.versie}",
            on_click=_klik,
            args=("verwijder", info),
        )


@veilig
def _klik(wat: str, info: DoelInfo) -> None:
    """A one-click decision (withdraw, undo a rejection, delete) on the version ``info`` shown."""
    if wat == "verwijder":
        _voer_uit(
            info.sleutel,
            lambda b, _: doelservice.verwijder(db, sessie, b) if b else None,
            info,
            geladen=info.doel,
            mijn=None,
            mijn_besluit="verwijderd",
            gelukt=t("doelen.verwijderd", titel=letterlijk(info.doel.titel)),
            icoon=":material/delete:",
        )
    elif wat == "trek_in":
        _voer_uit(
            info.sleutel,
            lambda b, _: doelservice.trek_in(db, sessie, b) if b else None,
            info,
            geladen=info.doel,
            mijn=info.doel,
            mijn_besluit="voorgesteld",
            gelukt=t("doelen.ingetrokken", titel=letterlijk(info.doel.titel)),
            icoon=":material/undo:",
        )
    else:
        _voer_uit(
            info.sleutel,
            lambda b, _: doelservice.herstel(db, sessie, b) if b else None,
            info,
            geladen=info.doel,
            mijn=info.doel,
            mijn_besluit="voorgesteld",
            gelukt=t("doelen.hersteld", titel=letterlijk(info.doel.titel)),
            icoon=":material/undo:",
        )


def _zet_fase(basis: DoelInfo | None, doel: Doel | None) -> DoelInfo | None:
    """The PDCA phase and note of ``doel``, against ``basis``. A goal deleted meanwhile has no phase
    to set (the conflict panel offers no "keep mine" then)."""
    if basis is None or doel is None:
        return None
    return doelservice.zet_status(db, vl, sessie, basis, doel.status, doel.notities or "")


@veilig
def _verstuur_fase(sleutel: str, pk: str, gezien: int | None, gezien_doel: Doel) -> None:
    """The PDCA form's phase and note, saved against the version the form was loaded from."""
    fase = cast(PdcaFase, st.session_state[f"status_{pk}"])
    notitie = str(st.session_state.get(f"pnot_{pk}") or "").strip()
    _voer_uit(
        sleutel,
        _zet_fase,
        _basis(sleutel, gezien, gezien_doel),
        geladen=gezien_doel,
        mijn=gezien_doel.model_copy(update={"status": fase, "notities": notitie or None}),
        mijn_besluit="geaccepteerd",
        gelukt=t("doelen.status_bijgewerkt", titel=letterlijk(gezien_doel.titel)),
        icoon=":material/check_circle:",
    )


def _kop(d: Doel, info: DoelInfo | None, wat: str) -> None:
    st.markdown(f"#### {letterlijk(d.titel)}")
    delen = [letterlijk(namen.get(d.bouwsteen, d.bouwsteen)), wat]
    if info is not None:
        delen.append(t("doelen.gewijzigd", door=letterlijk(info.gewijzigd_door or "?"), tijd=tijd(info.gewijzigd_op)))
    st.caption(" · ".join(delen))


_toon_conflicten()
opgeslagen = doelservice.doelen(db, sessie)  # ordered by creation
voorstellen = doelservice.suggesties(db, vl, bib, sessie, vandaag=vandaag, resultaat=resultaat)
per_besluit: dict[str, list[DoelInfo]] = {"voorgesteld": [], "geaccepteerd": [], "afgewezen": []}
for _info in opgeslagen.values():
    per_besluit[_info.besluit].append(_info)

terug = doelservice.terugblik(db, vl, sessie)
if terug:
    st.subheader(t("doelen.terugblik.kop"))
    st.table(
        # st.table renders cells as Markdown: a goal title from an earlier round is user text.
        letterlijke_tabel(
            pd.DataFrame(
                {
                    t("doelen.kol.ronde"): [r.ronde_datum.strftime("%d-%m-%Y") for r in terug],
                    t("doelen.kol.doel"): [r.doel.titel for r in terug],
                    t("doelen.kol.bouwsteen"): [kale_namen.get(r.doel.bouwsteen, r.doel.bouwsteen) for r in terug],
                    t("doelen.kol.toen"): [_niveau(r.niveau_toen) for r in terug],
                    t("doelen.kol.nu"): [_niveau(r.niveau_nu) for r in terug],
                }
            )
        ),
        hide_index=True,
        border="horizontal",
    )

# Fixed tab labels: a label that changes with a count can make the browser jump to another tab.
tab_voorstel, tab_vast, tab_eigen = st.tabs(
    [t("doelen.tab.voorstellen"), t("doelen.tab.vastgesteld"), t("doelen.tab.eigen")], key="doelen_tabs"
)
with tab_voorstel:
    st.caption(
        t(
            "doelen.telling",
            scan=len(voorstellen),
            deelnemers=len(per_besluit["voorgesteld"]),
            vast=len(per_besluit["geaccepteerd"]),
            af=len(per_besluit["afgewezen"]),
        )
    )
    if per_besluit["voorgesteld"]:
        st.subheader(t("doelen.kop.voorgesteld"))
        for info in per_besluit["voorgesteld"]:
            with st.container(border=True, key=f"kaart_{info.sleutel}"):
                _kop(info.doel, None, t("doelen.voorgesteld_door", naam=letterlijk(info.gewijzigd_door or "?")))
                st.markdown(letterlijk(info.doel.actie, regels=True))
                _meting(info.doel)
                _letters(_toets(info.doel))
                if beslist:
                    _gewijzigd(info.sleutel, info)
                    with st.expander(t("doelen.bewerken"), key=f"exp_voorgesteld_{info.sleutel}"):
                        _formulier(info.sleutel, info.doel, info.versie, ("accepteren", "afwijzen"))
                    _verwijderen(info)
    st.subheader(t("doelen.kop.scan"))
    if not voorstellen:
        st.info(t("doelen.geen_voorstellen"), icon=":material/info:")
    # No numbers before the titles: a number is a place, and places change when a goal is decided.
    for v in voorstellen:
        with st.container(border=True, key=f"kaart_{v.sjabloon}"):
            st.markdown(f"#### {letterlijk(v.doel.titel)}")
            st.caption(f"{letterlijk(namen[v.bouwsteen])} · " + t("doelen.stap", van=v.stap_van, naar=v.stap_van + 1))
            st.markdown(t("doelen.waarom") + "\n" + "\n".join(f"- {letterlijk(r)}" for r in v.redenen))
            if v.twijfel:
                st.warning(letterlijk(v.twijfel), icon=":material/forum:")
            _letters(v.smart)
            if beslist:
                with st.expander(t("doelen.bewerken"), key=f"exp_scan_{v.sjabloon}"):
                    _formulier(v.sjabloon, v.doel, None, ("accepteren", "afwijzen"))
            elif mag_voorstellen:
                with st.expander(t("doelen.bewerken.deelnemer"), key=f"exp_scan_{v.sjabloon}"):
                    _formulier(v.sjabloon, v.doel, None, ("voorstellen",))
    if per_besluit["afgewezen"]:
        st.subheader(t("doelen.kop.afgewezen"))
        for info in per_besluit["afgewezen"]:
            with st.container(border=True, key=f"kaart_{info.sleutel}"):
                a, b, c = st.columns([4, 3, 2], vertical_alignment="center")
                a.markdown(
                    f"**{letterlijk(info.doel.titel)}**  \n"
                    + t(
                        "doelen.afgewezen_door",
                        door=letterlijk(info.gewijzigd_door or "?"),
                        tijd=tijd(info.gewijzigd_op),
                    )
                )
                if beslist:
                    with b:
                        st.button(
                            t("doelen.knop.herstellen"),
                            icon=":material/undo:",
                            key=f"herstel_{info.sleutel}_{info.versie}",
                            on_click=_klik,
                            args=("herstel", info),
                        )
                    with c:
                        _verwijderen(info)

with tab_vast:
    if not per_besluit["geaccepteerd"]:
        st.info(t("doelen.nog_geen"), icon=":material/info:")
    for info in per_besluit["geaccepteerd"]:
        d = info.doel
        with st.container(border=True, key=f"kaart_{info.sleutel}"):
            _kop(d, info, PDCA[d.status])
            st.markdown(letterlijk(d.actie, regels=True))
            _meting(d)
            _letters(_toets(d))
            if not sessie.is_facilitator:
                continue
            _gewijzigd(info.sleutel, info)
            # The PDCA phase moves on after the workshop too, also when the round is closed. The
            # form shows, and is saved against, the version it was loaded from (``_gezien``).
            gezien, gezien_doel = _gezien("pdca", info.sleutel, info.versie, d, proef="status")
            pk = f"{info.sleutel}_{_v(gezien)}"
            with st.form(f"pdca_{info.sleutel}", border=False):
                a, b, c = st.columns([3, 5, 2], vertical_alignment="bottom")
                a.selectbox(
                    t("doelen.veld.status"),
                    list(PDCA),
                    index=list(PDCA).index(gezien_doel.status),
                    format_func=lambda f: PDCA[f],
                    key=f"status_{pk}",
                    placeholder=t("algemeen.kies"),
                )
                b.text_input(
                    t("doelen.veld.notities"),
                    gezien_doel.notities or "",
                    max_chars=maximum("notities"),
                    key=f"pnot_{pk}",
                )
                # A callback with the loaded version bound now: it runs even if the goal was
                # withdrawn meanwhile and this form is not drawn again.
                c.form_submit_button(
                    t("doelen.knop.status"),
                    key=f"pdca_knop_{pk}",
                    on_click=_verstuur_fase,
                    args=(info.sleutel, pk, gezien, gezien_doel),
                )
            if not beslist:
                continue
            with st.expander(t("doelen.aanpassen"), key=f"exp_vast_{info.sleutel}"):
                _formulier(info.sleutel, d, info.versie, ("opslaan",))
            with st.container(horizontal=True):
                st.button(
                    t("doelen.knop.intrekken"),
                    icon=":material/undo:",
                    key=f"intrek_{info.sleutel}_{info.versie}",
                    on_click=_klik,
                    args=("trek_in", info),
                )
                _verwijderen(info)

with tab_eigen:
    if not mag_voorstellen:
        st.info(t("doelen.afgerond"), icon=":material/lock:")
    else:
        st.markdown(t("doelen.eigen.uitleg" if beslist else "doelen.eigen.uitleg.deelnemer"))
        sleutel = st.session_state.setdefault("doelen_eigen_sleutel", doelservice.nieuwe_sleutel())
        leeg = Doel(id=sleutel, bouwsteen=vl.bouwstenen[0].id, titel=t("doelen.eigen.titel"), actie="")
        _formulier(sleutel, leeg, None, ("accepteren",) if beslist else ("voorstellen",))

st.divider()
toon_downloads(db, vl, sessie)
