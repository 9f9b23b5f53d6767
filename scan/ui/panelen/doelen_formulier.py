"""Doelen: the form of a goal (edit a suggestion, a proposal, an accepted goal, or write one's own).

Layer: ``scan/ui`` (Streamlit). Every widget key holds the goal's key and the version the form was
loaded from (``doelen_staat.gezien``): a goal never inherits what was typed for another, what the
user typed survives a save that someone else beat, and the save is checked against that version.
Whether a goal may be accepted (SMART) is the service's rule; the form shows its refusal.
"""

from __future__ import annotations

import streamlit as st

from scan.fouten import InvoerFout
from scan.leesmodellen import Besluit
from scan.services import doelen as doelservice
from scan.services.doelen import lees_getal, toon_getal
from scan.ui.foutgrens import veilig
from scan.ui.panelen.doelen_staat import DoelenScherm, basis, gezien, v, voer_uit
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk
from scoring.suggesties import plus_maanden
from scoring.tekst import maximum
from scoring.uitwissel import Doel


def formulier(scherm: DoelenScherm, sleutel: str, doel: Doel, versie: int | None, knoppen: tuple[str, ...]) -> None:
    """The fields of a goal in a form; the chosen button's action runs with the values entered."""
    versie, doel = gezien(scherm, "inhoud", sleutel, versie, doel, proef="titel")
    k = f"{sleutel}_{v(versie)}"
    namen = scherm.namen
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
        deadline_standaard = doel.deadline or plus_maanden(scherm.vandaag, 12)
        if nog_niet:
            a.date_input(
                t("doelen.veld.nulmeting_uiterlijk"),
                doel.nulmeting_uiterlijk or min(plus_maanden(scherm.vandaag, 3), deadline_standaard),
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
                    args=(scherm, knop, sleutel, k, versie, doel),
                )
    if fout := st.session_state.pop(f"doelen_fout_{sleutel}", None):
        st.error(fout, icon=":material/error:")


def _ingevuld(sleutel: str, k: str, doel: Doel) -> Doel | None:
    """The goal as the form's widgets hold it now; on a refusal the message is kept for the form."""
    waarde = st.session_state
    nog_niet = bool(waarde.get(f"nog_{k}", False))
    try:
        nulmeting = None if nog_niet else lees_getal(waarde.get(f"nul_{k}", ""), t("doelen.veld.nulmeting"))
        streefwaarde = lees_getal(waarde.get(f"streef_{k}", ""), t("doelen.veld.streefwaarde"))
    except InvoerFout as fout:
        waarde[f"doelen_fout_{sleutel}"] = letterlijk(str(fout))
        return None

    def tekst(veld: str) -> str:
        return str(waarde.get(f"{veld}_{k}") or "").strip()

    try:
        return Doel.model_validate(
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
        return None


@veilig
def _verstuur(scherm: DoelenScherm, actie_knop: str, sleutel: str, k: str, versie: int | None, doel: Doel) -> None:
    """The chosen button of a goal's form: its values, saved against ``versie`` (the version the
    form was loaded from); a refusal is kept for the form to show, a conflict for the top panel."""
    nieuw = _ingevuld(sleutel, k, doel)
    if nieuw is None:
        return
    db, vl, sessie = scherm.db, scherm.vl, scherm.sessie
    if actie_knop == "voorstellen":
        # A participant does not overwrite: a goal proposed or decided meanwhile stays as it is.
        voer_uit(
            scherm,
            sleutel,
            lambda _, d: doelservice.stel_doel_voor(db, vl, sessie, d or nieuw),
            basis(sleutel, versie, doel),
            geladen=doel,
            mijn=nieuw,
            mijn_besluit="voorgesteld",
            gelukt=t("doelen.voorgesteld", titel=letterlijk(nieuw.titel)),
            icoon=":material/lightbulb:",
            mag_opnieuw=False,
            uit_formulier=True,
        )
        return
    besluit: Besluit = "afgewezen" if actie_knop == "afwijzen" else "geaccepteerd"
    voer_uit(
        scherm,
        sleutel,
        # Accepting: the service refuses a goal that is not SMART (checked as the page shows it).
        lambda b, d: doelservice.bewaar(
            db,
            vl,
            sessie,
            d or nieuw,
            besluit=besluit,
            verwachte_versie=b.versie if b else None,
            vandaag=scherm.vandaag,
            bibliotheek=scherm.bib,
            resultaat=scherm.resultaat,
        ),
        basis(sleutel, versie, doel),
        geladen=doel,
        mijn=nieuw,
        mijn_besluit=besluit,
        gelukt=t("doelen.afgewezen" if besluit == "afgewezen" else "doelen.opgeslagen", titel=letterlijk(nieuw.titel)),
        icoon=":material/block:" if besluit == "afgewezen" else ":material/check_circle:",
        maakt_aan=True,
        uit_formulier=True,
    )
