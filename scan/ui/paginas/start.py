"""Start: join a round with its code or link, start a new round, or resume with a personal link."""

import datetime as dt

import streamlit as st

from reports.exports import lees_bestand
from scan.fouten import InvoerFout, OnbekendeCode
from scan.gemeenten import keuzelabel
from scan.services import start, vergelijken
from scan.services.toegang import Gebruiker
from scan.services.uitwisseling import controleer_import, importeer_als
from scan.ui.kern import (
    database,
    ga_naar,
    huidige_gebruiker,
    lees_identiteit,
    letterlijk,
    meld_aan,
    meld_af,
    persoonlijke_link,
    poging_gelukt,
    poging_mislukt,
    poging_wachttijd,
    sessie_van_deze_run,
    te_veel_pogingen,
    vragenlijst_of_stop,
)
from scan.ui.teksten import t
from scoring.tekst import maximum
from scoring.uitwissel import UitwisselFout

vl = vragenlijst_of_stop()
db = database()
sessie = sessie_van_deze_run(db)
gebruiker = huidige_gebruiker(db)

st.title(t("app.titel"))
# Someone who scanned the QR code came to join: on a phone the join form comes first, the
# introduction below it, so the name field is on the first screen.
via_deelnamelink = bool(st.query_params.get("code")) and sessie is None


def _inleiding() -> None:
    st.markdown(t("start.intro"))
    st.caption(vl.meta.disclaimer.nl)
    st.page_link("scan/ui/paginas/over.py", label=t("start.over"), icon=":material/menu_book:")


if not via_deelnamelink:
    _inleiding()

if sessie is not None:
    with st.container(border=True):
        st.subheader(t("start.welkom", naam=letterlijk(sessie.deelnemer.naam)))
        st.markdown(
            t(
                "start.welkom.ronde",
                gemeente=letterlijk(sessie.ronde.gemeente),
                code=sessie.ronde.code_leesbaar,
                datum=sessie.ronde.datum.strftime("%d-%m-%Y"),
                rol=t(f"rol.{sessie.deelnemer.rol}"),
            )
        )
        links: list[tuple[str, str, str]] = []
        if sessie.is_facilitator:
            links.append(("scan/ui/paginas/workshop.py", t("nav.workshop"), ":material/groups:"))
        links.append(("scan/ui/paginas/resultaten.py", t("nav.resultaten"), ":material/radar:"))
        knoppen = st.columns(len(links) + 2)
        if knoppen[0].button(t("start.verder"), icon=":material/edit_note:", type="primary"):
            # Continue where work is left: Invullen opens at the first unfinished bouwsteen.
            st.session_state.pop("invullen_b", None)
            st.switch_page("scan/ui/paginas/invullen.py")
        for kolom, (pagina, label, icoon) in zip(knoppen[1:], links, strict=False):
            kolom.page_link(pagina, label=label, icon=icoon)
        knoppen[-1].button(t("start.afmelden"), on_click=meld_af, icon=":material/logout:")
        st.caption(t("start.persoonlijke_link"))
        st.code(persoonlijke_link(sessie.deelnemer.token), language=None)


def _fout(tekst: str) -> None:
    # ``tekst`` is Markdown: a service's message goes in as ``letterlijk(str(fout))``.
    # Under the form, and a short toast pointing there: on a laptop the form's end is often below
    # the fold, and Streamlit cuts a long toast with an English "view more".
    st.error(tekst, icon=":material/error:")
    st.toast(t("start.fout.toast"), icon=":material/error:")


onbekende_link = st.session_state.pop("onbekende_link", False)
if onbekende_link == "afgeremd":
    st.warning(te_veel_pogingen(st.session_state.pop("afgeremd_seconden", 1)), icon=":material/timer:")
elif onbekende_link:
    st.warning(t("start.link.onbekend"), icon=":material/link_off:")


def _mag_niet_leiden(plek: str) -> bool:
    """Explain why starting or importing is not possible here, if it is not."""
    if gebruiker is None:
        modus = lees_identiteit().modus
        st.info(t("toegang.starten.inloggen" if modus == "login" else "toegang.starten.deze_computer"))
        if modus == "login":
            st.button(t("toegang.inloggen"), on_click=st.login, icon=":material/login:", key=f"login_{plek}")
        return True
    if gebruiker.gemeenten("leiden") == frozenset():
        st.info(t("toegang.starten.geen_gemeente"))
        return True
    return False


code_uit_link = st.query_params.get("code", "")
# Shown as on the projector (ABCD-EFGH), so a participant recognises it; any form is accepted.
if len(code_uit_link) == 8 and "-" not in code_uit_link:
    code_uit_link = f"{code_uit_link[:4]}-{code_uit_link[4:]}"
titels = [t("start.tab.meedoen"), t("start.tab.nieuw"), t("start.tab.terug"), t("start.tab.import")]
if gebruiker is not None:
    titels.append(t("start.tab.rondes"))
tab_mee, tab_nieuw, tab_terug, tab_import, *tab_rondes = st.tabs(titels)

with tab_mee, st.form("meedoen"):
    st.markdown(t("start.meedoen.uitleg"))
    code = st.text_input(t("start.code"), value=code_uit_link, placeholder="ABCD-EFGH", max_chars=200)
    # Autocomplete (WCAG 1.3.5): phones offer the person's own name and job title.
    naam = st.text_input(
        t("start.naam"), max_chars=maximum("naam"), placeholder=t("start.naam.voorbeeld"), autocomplete="name"
    )
    functie = st.text_input(
        t("start.functie"),
        max_chars=maximum("functie"),
        placeholder=t("start.functie.voorbeeld"),
        autocomplete="organization-title",
    )
    if st.form_submit_button(t("start.meedoen.knop"), type="primary"):
        # Codes are guessable by rerunning this form: repeated wrong ones wait (scan.afremmen).
        if wacht := poging_wachttijd():
            _fout(te_veel_pogingen(wacht))
        else:
            try:
                meld_aan(start.neem_deel(db, vl, code=code, naam=naam, functie=functie))
            except OnbekendeCode as fout:
                poging_mislukt()
                _fout(letterlijk(str(fout)))
            except InvoerFout as fout:
                _fout(letterlijk(str(fout)))
            else:
                poging_gelukt()
                ga_naar("invullen")

with tab_nieuw:
    mag_leiden = not _mag_niet_leiden("nieuw")
if mag_leiden and gebruiker is not None:
    leidt = gebruiker.gemeenten("leiden")
    with tab_nieuw, st.form("nieuw"):
        st.markdown(t("start.nieuw.uitleg"))
        keuzes = {g.gm_code: g for g in start.gemeenten(db) if leidt is None or g.gm_code in leidt}
        gm_code = st.selectbox(
            t("start.gemeente"),
            options=list(keuzes),
            index=None,
            format_func=lambda c: keuzelabel(keuzes[c].naam, keuzes[c].provincie, c),
            placeholder=t("start.gemeente.zoek"),
        )
        datum = st.date_input(t("start.datum"), value=dt.date.today(), format="DD-MM-YYYY")
        omschrijving = st.text_input(
            t("start.omschrijving"), max_chars=maximum("omschrijving"), placeholder=t("start.omschrijving.voorbeeld")
        )
        # A signed-in person's own name from their account; at the shared laptop, typed in.
        facilitator = st.text_input(
            t("start.naam"),
            value="" if gebruiker.lokaal else gebruiker.naam,
            max_chars=maximum("naam"),
            key="nieuw_naam",
            autocomplete="name",
        )
        functie_f = st.text_input(
            t("start.functie"), max_chars=maximum("functie"), key="nieuw_functie", autocomplete="organization-title"
        )
        st.caption(t("start.bron"))
        if st.form_submit_button(t("start.nieuw.knop"), type="primary"):
            if gm_code is None:
                _fout(t("start.gemeente.kies"))
            else:
                try:
                    nieuw = start.start_ronde_als(
                        db,
                        vl,
                        gebruiker,
                        gm_code=gm_code,
                        facilitator=facilitator,
                        datum=datum,
                        omschrijving=omschrijving,
                        functie=functie_f,
                    )
                except InvoerFout as fout:
                    _fout(letterlijk(str(fout)))
                else:
                    meld_aan(nieuw)
                    ga_naar("workshop")


with tab_terug, st.form("terug"):
    st.markdown(t("start.terug.uitleg"))
    link = st.text_input(t("start.terug.link"), max_chars=300)
    if st.form_submit_button(t("start.terug.knop")):
        token = link.strip().rsplit("d=", 1)[-1].split("&", 1)[0]
        wacht = poging_wachttijd() if token else 0
        terug = start.sessie_voor_token(db, token) if token and not wacht else None
        if not token:
            _fout(t("start.terug.leeg"))
        elif wacht:
            _fout(te_veel_pogingen(wacht))
        elif terug is None:
            poging_mislukt()
            _fout(t("start.terug.onbekend"))
        else:
            poging_gelukt()
            meld_aan(terug)
            ga_naar("invullen")

with tab_import:
    st.markdown(t("start.import.uitleg"))
    # The box says the server's own limit (.streamlit/config.toml), so the two never differ.
    grens_mb = int(st.get_option("server.maxUploadSize"))
    bestand = (
        None
        if _mag_niet_leiden("import")
        else st.file_uploader(
            t("start.import.bestand"),
            key="import_bestand",
            max_upload_size=grens_mb,
            help=t("start.import.grens", mb=grens_mb),
        )
    )
    if bestand is not None:
        try:
            scan = lees_bestand(bestand.getvalue(), bestand.name)
            problemen = controleer_import(db, vl, scan)
        except UitwisselFout as fout:
            problemen = fout.problemen
        if problemen:
            regels = "\n".join(f"- {letterlijk(p)}" for p in problemen)
            st.error(f"{t('start.import.fout', naam=letterlijk(bestand.name))}\n\n{regels}", icon=":material/error:")
        else:
            st.info(
                t(
                    "start.import.samenvatting",
                    gemeente=letterlijk(scan.gemeente.naam),
                    datum=scan.scanronde.datum.strftime("%d-%m-%Y"),
                    deelnemers=len(scan.deelnemers),
                    antwoorden=len(scan.antwoorden),
                    doelen=len(scan.doelen),
                    fictief=t("start.import.fictief") if scan.fictief else "",
                ),
                icon=":material/upload_file:",
            )
            if st.button(t("start.import.knop"), type="primary"):
                try:
                    geimporteerd = importeer_als(db, vl, gebruiker, scan)
                except InvoerFout as fout:
                    _fout(letterlijk(str(fout)))
                else:
                    meld_aan(geimporteerd)
                    ga_naar("resultaten")


def _rondes_openen(gebruiker: Gebruiker) -> None:
    rondes = vergelijken.zichtbare_rondes(db, gebruiker)
    if not rondes:
        st.info(t("start.rondes.geen"))
        return
    aantal = t("start.rondes.een") if len(rondes) == 1 else t("start.rondes.meer", aantal=len(rondes))
    st.markdown(t("start.rondes.uitleg", aantal=aantal))
    per_id = {r.id: r for r in rondes}
    gekozen = st.selectbox(
        t("start.rondes.kies"),
        options=list(per_id),
        index=None,
        # Only what cannot change while the page is open (a selectbox sends its label back).
        format_func=lambda i: t(
            "start.rondes.label",
            label=per_id[i].label,
            fictief=t("start.import.fictief") if per_id[i].fictief else "",
        ),
        placeholder=t("start.rondes.zoek"),
    )
    if gekozen is not None:
        ronde = per_id[gekozen]
        st.caption(t("start.rondes.stand", status=t(f"status.{ronde.status}"), deelnemers=ronde.deelnemers))
        if not gebruiker.mag("leiden", ronde.gm_code):
            st.caption(t("start.rondes.alleen_zien", gemeente=letterlijk(ronde.gemeente)))
        elif st.button(t("start.rondes.openen"), type="primary", icon=":material/open_in_new:"):
            try:
                meld_aan(start.open_als_facilitator(db, gebruiker, gekozen))
            except InvoerFout as fout:
                _fout(letterlijk(str(fout)))
            else:
                ga_naar("workshop" if ronde.status == "open" else "resultaten")
    st.page_link(
        "scan/ui/paginas/vergelijken.py", label=t("start.rondes.vergelijken"), icon=":material/compare_arrows:"
    )


for tab in tab_rondes:
    assert gebruiker is not None
    with tab:
        _rondes_openen(gebruiker)

if via_deelnamelink:
    st.divider()
    _inleiding()
