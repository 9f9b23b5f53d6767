"""Doelen: suggested SMART goals with why, proposals, accept / edit / reject, own goals, PDCA per goal.

A goal is accepted only when all five SMART letters pass; each letter says what is missing,
so the werkgroep fills in its own baseline, target and support and owns the result.

Only the round's facilitator decides (accept, reject, edit, withdraw, undo, delete, PDCA);
every participant sees all goals and may propose one. The page shows participants only what
they may use; the service refuses the rest anyway (``scan.doelen``). Every widget is keyed by
the goal's key (and its stored version), never by its place in a list, and the lists keep a
stable order: stored goals by creation, suggestions in the scan's fixed order.
"""

import datetime as dt
import logging
from collections.abc import Callable
from functools import partial
from typing import cast

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from reports.duiding import PDCA_NAAM
from scan import doelen as doelservice
from scan import services
from scan.doelen import DoelConflict, DoelInfo, lees_getal, toon_getal
from scan.rapporten import toon_downloads
from scan.services import InvoerFout
from scan.teksten import t
from scan.ui import bibliotheek_of_stop, md, sessie_of_stop, tijd, vragenlijst_of_stop, zelfde_versie_of_stop
from scoring.smart import SmartUitslag, toets
from scoring.suggesties import plus_maanden
from scoring.uitwissel import Doel, PdcaFase

log = logging.getLogger(__name__)
vl = vragenlijst_of_stop()
db, sessie = sessie_of_stop()
zelfde_versie_of_stop(sessie, vl)
bib = bibliotheek_of_stop(vl)
vandaag = dt.date.today()
namen = {b.id: f"{b.nummer}. {b.naam.nl}" for b in vl.bouwstenen}
kale_namen = {b.id: b.naam.nl for b in vl.bouwstenen}
resultaat = services.resultaat(db, vl, sessie.ronde.id)
resultaat_niveau = {b.bouwsteen: b.niveau for b in resultaat.bouwstenen}
PDCA = PDCA_NAAM
# What this user may do on the page; the service checks it again on the rows when writing.
open_ronde = sessie.ronde.status == "open"
beslist = sessie.is_facilitator and open_ronde
mag_voorstellen = open_ronde

st.title(t("doelen.titel", gemeente=md(sessie.ronde.gemeente)))
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
        kolom.markdown(f"{teken} **{oordeel.letter}** · {oordeel.naam}  \n{stand}")
        if not oordeel.geslaagd:
            kolom.caption(md(oordeel.reden))


def _meting(d: Doel) -> None:
    velden = {
        "indicator": md(d.indicator or "–"),
        "streef": _getal(d.streefwaarde),
        "eenheid": md(d.eenheid or ""),
        "deadline": _datum(d.deadline),
        "eigenaar": md(d.eigenaar or "–"),
    }
    if d.nulmeting is None and d.nulmeting_uiterlijk is not None:
        st.markdown(t("doelen.meting_volgt", datum=_datum(d.nulmeting_uiterlijk), **velden))
    else:
        st.markdown(t("doelen.meting", nul=_getal(d.nulmeting), **velden))


def _doe(actie: Callable[[], object], gelukt: str, icoon: str) -> None:
    """Run one write; a refusal or conflict becomes a Dutch message after the rerun, never a traceback."""
    try:
        actie()
    except DoelConflict as conflict:
        wie = conflict.huidig.gewijzigd_door if conflict.huidig else "?"
        st.session_state["doelen_melding"] = t("doelen.conflict", door=wie or "?")
    except InvoerFout as fout:
        st.session_state["doelen_melding"] = str(fout)
    except SQLAlchemyError:
        log.exception("doel opslaan mislukt (ronde %s)", sessie.ronde.id)
        st.session_state["doelen_melding"] = t("invullen.fout.database")
    else:
        st.toast(gelukt, icon=icoon)
    st.rerun()


def _formulier(sleutel: str, doel: Doel, versie: int | None, knoppen: tuple[str, ...]) -> None:
    """The fields of a goal in a form; the chosen button's action runs with the values entered.

    Every widget key holds the goal's key and stored version: a goal never inherits what was
    typed for another, and a new version (someone saved) shows the stored values afresh.
    """
    k = f"{sleutel}_{versie if versie is not None else 'n'}"
    # Outside the form, so ticking it swaps the baseline field at once.
    nog_niet = st.checkbox(
        t("doelen.veld.nog_niet_gemeten"),
        value=doel.nulmeting is None and doel.nulmeting_uiterlijk is not None,
        key=f"nog_{k}",
        help=t("doelen.nog_niet_gemeten.hulp"),
    )
    with st.form(f"f_{sleutel}", border=False):
        if doel.sjabloon is None:
            bouwsteen = st.selectbox(
                t("doelen.veld.bouwsteen"),
                list(namen),
                index=list(namen).index(doel.bouwsteen),
                format_func=lambda b: namen[b],
                key=f"bouwsteen_{k}",
                placeholder=t("algemeen.kies"),
            )
        else:
            bouwsteen = doel.bouwsteen
        titel = st.text_input(t("doelen.veld.titel"), doel.titel, max_chars=120, key=f"titel_{k}")
        actie = st.text_area(t("doelen.veld.actie"), doel.actie, max_chars=4000, height=90, key=f"actie_{k}")
        a, b, c = st.columns([3, 1, 1])
        indicator = a.text_input(t("doelen.veld.indicator"), doel.indicator or "", max_chars=400, key=f"ind_{k}")
        eenheid = b.text_input(t("doelen.veld.eenheid"), doel.eenheid or "", max_chars=40, key=f"eenheid_{k}")
        richting = c.selectbox(
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
        nul_tekst = ""
        uiterlijk: dt.date | None = None
        deadline_standaard = doel.deadline or plus_maanden(vandaag, 12)
        if nog_niet:
            uiterlijk = a.date_input(
                t("doelen.veld.nulmeting_uiterlijk"),
                doel.nulmeting_uiterlijk or min(plus_maanden(vandaag, 3), deadline_standaard),
                format="DD-MM-YYYY",
                key=f"uiterlijk_{k}",
            )
        else:
            nul_tekst = a.text_input(
                t("doelen.veld.nulmeting"),
                toon_getal(doel.nulmeting),
                max_chars=30,
                placeholder=t("doelen.nog_meten"),
                key=f"nul_{k}",
            )
        streef_tekst = b.text_input(
            t("doelen.veld.streefwaarde"),
            toon_getal(doel.streefwaarde),
            max_chars=30,
            placeholder=t("doelen.streef_volgt") if nog_niet else None,
            key=f"streef_{k}",
        )
        deadline = c.date_input(t("doelen.veld.deadline"), deadline_standaard, format="DD-MM-YYYY", key=f"dl_{k}")
        bron = st.text_input(t("doelen.veld.bron"), doel.bron or "", max_chars=400, key=f"bron_{k}")
        a, b = st.columns(2)
        eigenaar = a.text_input(t("doelen.veld.eigenaar"), doel.eigenaar or "", max_chars=200, key=f"eig_{k}")
        draagvlak = b.text_input(
            t("doelen.veld.draagvlak"),
            doel.draagvlak or "",
            max_chars=200,
            placeholder=t("doelen.draagvlak.hint"),
            key=f"draag_{k}",
        )
        notities = st.text_input(t("doelen.veld.notities"), doel.notities or "", max_chars=1000, key=f"not_{k}")
        with st.container(horizontal=True):
            gekozen = [
                (
                    knop,
                    st.form_submit_button(
                        t(f"doelen.knop.{knop}"), type="primary" if i == 0 else "secondary", key=f"{knop}_{k}"
                    ),
                )
                for i, knop in enumerate(knoppen)
            ]
    actie_knop = next((knop for knop, geklikt in gekozen if geklikt), None)
    if actie_knop is None:
        return
    try:
        nulmeting = lees_getal(nul_tekst, t("doelen.veld.nulmeting"))
        streefwaarde = lees_getal(streef_tekst, t("doelen.veld.streefwaarde"))
    except InvoerFout as fout:
        st.error(str(fout), icon=":material/error:")
        return
    try:
        nieuw = Doel.model_validate(
            doel.model_dump()
            | {
                "bouwsteen": bouwsteen,
                "titel": titel.strip() or doel.titel,
                "actie": actie.strip(),
                "indicator": indicator.strip() or None,
                "eenheid": eenheid.strip() or None,
                "richting": richting,
                "nulmeting": nulmeting,
                "nulmeting_uiterlijk": uiterlijk,
                "streefwaarde": streefwaarde,
                "deadline": deadline,
                "bron": bron.strip() or None,
                "eigenaar": eigenaar.strip() or None,
                "draagvlak": draagvlak.strip() or None,
                "notities": notities.strip() or None,
            }
        )
    except ValueError as fout:
        st.error(t("doelen.ongeldig", fout=str(fout).splitlines()[0]), icon=":material/error:")
        return
    if actie_knop in ("accepteren", "opslaan"):
        uitslag = _toets(nieuw)
        if not uitslag.geslaagd:
            fouten = [f"**{o.letter}** {md(o.reden)}" for o in uitslag.oordelen if not o.geslaagd]
            st.error(t("doelen.niet_smart") + "\n\n" + "\n\n".join(fouten), icon=":material/error:")
            return
    if sleutel == st.session_state.get("doelen_eigen_sleutel"):
        st.session_state.pop("doelen_eigen_sleutel")  # the next own goal gets a new key
    if actie_knop == "voorstellen":
        _doe(
            partial(doelservice.stel_doel_voor, db, vl, sessie, nieuw),
            t("doelen.voorgesteld", titel=nieuw.titel),
            ":material/lightbulb:",
        )
    elif actie_knop == "afwijzen":
        _doe(
            partial(doelservice.bewaar, db, vl, sessie, nieuw, besluit="afgewezen", verwachte_versie=versie),
            t("doelen.afgewezen", titel=nieuw.titel),
            ":material/block:",
        )
    else:
        _doe(
            partial(doelservice.bewaar, db, vl, sessie, nieuw, besluit="geaccepteerd", verwachte_versie=versie),
            t("doelen.opgeslagen", titel=nieuw.titel),
            ":material/check_circle:",
        )


def _verwijderen(info: DoelInfo) -> None:
    """Delete, behind a confirmation in a popover (facilitator only)."""
    with st.popover(t("doelen.knop.verwijderen"), icon=":material/delete:", key=f"pop_weg_{info.sleutel}"):
        st.markdown(t("doelen.verwijderen.vraag", titel=md(info.doel.titel)))
        if st.button(t("doelen.knop.verwijderen_zeker"), type="primary", key=f"weg_{info.sleutel}_{info.versie}"):
            _doe(
                partial(doelservice.verwijder, db, sessie, info),
                t("doelen.verwijderd", titel=info.doel.titel),
                ":material/delete:",
            )


def _kop(d: Doel, info: DoelInfo | None, wat: str) -> None:
    st.markdown(f"#### {md(d.titel)}")
    delen = [md(namen.get(d.bouwsteen, d.bouwsteen)), wat]
    if info is not None:
        delen.append(t("doelen.gewijzigd", door=md(info.gewijzigd_door or "?"), tijd=tijd(info.gewijzigd_op)))
    st.caption(" · ".join(delen))


opgeslagen = doelservice.doelen(db, sessie)  # ordered by creation
voorstellen = doelservice.suggesties(db, vl, bib, sessie, vandaag=vandaag, resultaat=resultaat)
per_besluit: dict[str, list[DoelInfo]] = {"voorgesteld": [], "geaccepteerd": [], "afgewezen": []}
for _info in opgeslagen.values():
    per_besluit[_info.besluit].append(_info)

terug = doelservice.terugblik(db, vl, sessie)
if terug:
    st.subheader(t("doelen.terugblik.kop"))
    st.table(
        pd.DataFrame(
            {
                t("doelen.kol.ronde"): [r.ronde_datum.strftime("%d-%m-%Y") for r in terug],
                t("doelen.kol.doel"): [r.doel.titel for r in terug],
                # The name without its number: a table cell is markdown, and "3. Kanaalregie" became a list.
                t("doelen.kol.bouwsteen"): [kale_namen.get(r.doel.bouwsteen, r.doel.bouwsteen) for r in terug],
                t("doelen.kol.toen"): [_niveau(r.niveau_toen) for r in terug],
                t("doelen.kol.nu"): [_niveau(r.niveau_nu) for r in terug],
            }
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
                _kop(info.doel, None, t("doelen.voorgesteld_door", naam=md(info.gewijzigd_door or "?")))
                st.markdown(md(info.doel.actie))
                _meting(info.doel)
                _letters(_toets(info.doel))
                if beslist:
                    with st.expander(t("doelen.bewerken"), key=f"exp_voorgesteld_{info.sleutel}"):
                        _formulier(info.sleutel, info.doel, info.versie, ("accepteren", "afwijzen"))
                    _verwijderen(info)
    st.subheader(t("doelen.kop.scan"))
    if not voorstellen:
        st.info(t("doelen.geen_voorstellen"), icon=":material/info:")
    # No numbers before the titles: a number is a place, and places change when a goal is decided.
    for v in voorstellen:
        with st.container(border=True, key=f"kaart_{v.sjabloon}"):
            st.markdown(f"#### {md(v.doel.titel)}")
            st.caption(f"{md(namen[v.bouwsteen])} · " + t("doelen.stap", van=v.stap_van, naar=v.stap_van + 1))
            st.markdown(t("doelen.waarom") + "\n" + "\n".join(f"- {md(r)}" for r in v.redenen))
            if v.twijfel:
                st.warning(md(v.twijfel), icon=":material/forum:")
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
                    f"**{md(info.doel.titel)}**  \n"
                    + t("doelen.afgewezen_door", door=md(info.gewijzigd_door or "?"), tijd=tijd(info.gewijzigd_op))
                )
                if beslist:
                    with b:
                        if st.button(
                            t("doelen.knop.herstellen"),
                            icon=":material/undo:",
                            key=f"herstel_{info.sleutel}_{info.versie}",
                        ):
                            _doe(
                                partial(doelservice.herstel, db, sessie, info),
                                t("doelen.hersteld", titel=info.doel.titel),
                                ":material/undo:",
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
            st.markdown(md(d.actie))
            _meting(d)
            _letters(_toets(d))
            if not sessie.is_facilitator:
                continue
            # The PDCA phase moves on after the workshop too, also when the round is closed.
            with st.form(f"pdca_{info.sleutel}", border=False):
                a, b, c = st.columns([3, 5, 2], vertical_alignment="bottom")
                status = a.selectbox(
                    t("doelen.veld.status"),
                    list(PDCA),
                    index=list(PDCA).index(d.status),
                    format_func=lambda f: PDCA[f],
                    key=f"status_{info.sleutel}_{info.versie}",
                    placeholder=t("algemeen.kies"),
                )
                notitie = b.text_input(
                    t("doelen.veld.notities"),
                    d.notities or "",
                    max_chars=1000,
                    key=f"pnot_{info.sleutel}_{info.versie}",
                )
                if c.form_submit_button(t("doelen.knop.status"), key=f"pdca_knop_{info.sleutel}_{info.versie}"):
                    _doe(
                        partial(doelservice.zet_status, db, vl, sessie, info, cast(PdcaFase, status), notitie),
                        t("doelen.status_bijgewerkt", titel=d.titel),
                        ":material/check_circle:",
                    )
            if not beslist:
                continue
            with st.expander(t("doelen.aanpassen"), key=f"exp_vast_{info.sleutel}"):
                _formulier(info.sleutel, d, info.versie, ("opslaan",))
            with st.container(horizontal=True):
                if st.button(
                    t("doelen.knop.intrekken"), icon=":material/undo:", key=f"intrek_{info.sleutel}_{info.versie}"
                ):
                    _doe(
                        partial(doelservice.trek_in, db, sessie, info),
                        t("doelen.ingetrokken", titel=d.titel),
                        ":material/undo:",
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
