"""Beheer (beheerders of a gemeente): who has which role, taking part in the benchmark, the retention
period of personal data and deleting a round."""

import streamlit as st

from scan.fouten import InvoerFout
from scan.services import beheer
from scan.services.toegang import ROLLEN
from scan.ui.context import database, gemeente_namen
from scan.ui.foutgrens import veilig
from scan.ui.identiteit import gebruiker_of_stop
from scan.ui.opmaak import tijd_datum
from scan.ui.panelen.bewaartermijn import toon_persoonsgegevens
from scan.ui.panelen.identiteiten import toon_identiteiten
from scan.ui.panelen.logboek import toon_eerdere_rollen, toon_logboek_gemeente
from scan.ui.panelen.start_voorbeeld import toon_voorbeeld_beheer
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk
from scoring.tekst import maximum
from scoring.vergelijking import MIN_GROEP

db = database()
gebruiker = gebruiker_of_stop(db)
namen = gemeente_namen()
keuzes = beheer.te_beheren(gebruiker, namen)

st.title(t("beheer.titel"), anchor=False)
st.markdown(t("beheer.intro"), anchors=False)
if gebruiker.lokaal:
    st.info(t("beheer.enkel"), icon=":material/computer:")
toon_voorbeeld_beheer(db, gebruiker)  # issue 19: removing the example round, for an installation beheerder
if not keuzes:
    st.warning(t("beheer.geen"))
    st.stop()
gm_code = st.selectbox(
    t("beheer.gemeente"),
    keuzes,
    format_func=lambda c: namen.get(c, c),
    index=0 if len(keuzes) == 1 else None,
    placeholder=t("start.gemeente.zoek"),
    key="beheer_gemeente",
)
if gm_code is None:
    st.stop()
gekozen_code: str = gm_code
naam = namen.get(gm_code, gm_code)


@veilig
def _doe(actie: object, gelukt: str) -> None:
    try:
        actie()  # type: ignore[operator]
    except InvoerFout as fout:
        st.session_state["beheer_fout"] = letterlijk(str(fout))
    else:
        st.session_state.pop("beheer_fout", None)
        st.toast(gelukt, icon=":material/check_circle:")


if fout := st.session_state.pop("beheer_fout", None):
    st.error(fout, icon=":material/error:")

with st.container(border=True):
    st.header(t("beheer.benchmark.kop"), anchor=False)
    st.markdown(t("beheer.benchmark.uitleg", minimum=MIN_GROEP), anchors=False)
    deelname = beheer.benchmark_deelname(db, gebruiker, gm_code)
    st.toggle(
        t("beheer.benchmark.toggle", gemeente=letterlijk(naam)),
        value=deelname.neemt_deel,
        key=f"beheer_bm_{gm_code}",
        on_change=lambda: _doe(
            lambda: beheer.zet_benchmark_deelname(
                db, gebruiker, gekozen_code, st.session_state[f"beheer_bm_{gekozen_code}"]
            ),
            t("beheer.benchmark.opgeslagen"),
        ),
    )
    if deelname.neemt_deel and deelname.sinds is not None:
        st.caption(t("beheer.benchmark.sinds", datum=tijd_datum(deelname.sinds), door=letterlijk(deelname.door or "?")))

with st.container(border=True):
    st.header(t("beheer.rollen.kop", gemeente=letterlijk(naam)), anchor=False)
    st.markdown(t("beheer.rollen.uitleg"), anchors=False)
    rollen = beheer.rollen_van(db, gebruiker, gm_code)
    if not rollen:
        st.caption(t("beheer.rollen.geen"))
    for rol in rollen:
        kol_wie, kol_rol, kol_knop = st.columns([4, 2, 2], vertical_alignment="center")
        kol_wie.markdown(
            f"{letterlijk(rol.email)}  \n:gray[{t('beheer.rollen.door', door=letterlijk(rol.toegekend_door or '?'), datum=tijd_datum(rol.toegekend_op))}]",
            anchors=False,
        )
        kol_rol.markdown(t(f"rol.{rol.rol}"), anchors=False)
        kol_knop.button(
            t("beheer.rollen.intrekken"),
            key=f"intrekken_{rol.id}",
            icon=":material/person_remove:",
            on_click=_doe,
            # The grant shown (id and moment) is bound now: a role revoked and granted again
            # meanwhile is not revoked unseen, and one revoked already is said (issue 13, case 6).
            args=(
                lambda r=rol.id, op=rol.toegekend_op: beheer.trek_rol_in(db, gebruiker, r, toegekend_op=op),
                t("beheer.rollen.ingetrokken"),
            ),
        )
    # Issue 18: revoked roles stay visible as history (from the logboek).
    toon_eerdere_rollen(db, gebruiker, gm_code)
    with st.form("rol_toekennen", clear_on_submit=True):
        kol_email, kol_rol = st.columns([3, 2])
        email = kol_email.text_input(
            t("beheer.rollen.email"), max_chars=maximum("email"), placeholder="naam@gemeente.nl"
        )
        nieuwe_rol = kol_rol.selectbox(
            t("beheer.rollen.rol"), ROLLEN, format_func=lambda r: t(f"rol.{r}"), placeholder=t("algemeen.kies")
        )
        st.caption(t("beheer.rollen.betekenis"))
        if st.form_submit_button(t("beheer.rollen.toekennen"), type="primary", icon=":material/person_add:"):
            _doe(lambda: beheer.ken_rol_toe(db, gebruiker, gm_code, email, nieuwe_rol), t("beheer.rollen.toegekend"))
            st.rerun()

# Issue 18: the retention period and deleting a round, in their own panel module.
toon_persoonsgegevens(db, gebruiker, gekozen_code, naam)
toon_identiteiten(db, gebruiker, gekozen_code, naam)
# Issue 18: every decision of this gemeente (scan/ui/panelen/logboek.py).
toon_logboek_gemeente(db, gebruiker, gekozen_code)
