"""Presentatiescherm: the projector's read-only view of a workshop, opened with ``/scherm?scherm=<token>``.

It shows what the room needs, live and readable from the back at 1920×1080: how to join (big
while people come in, one small line once everyone has started), who fills in how much, and
the discussion agenda with the distribution of the point to discuss now. It carries no
credential: no personal link is read or set, there is no widget that writes, and the token
only opens this view (the facilitator can renew it).

Join block rule: it folds to one line with the code as soon as there is at least one
participant and every participant has saved at least one answer; someone who joins later
(and has not answered yet) unfolds it again until they have started.
"""

import html

import streamlit as st

from scan.db.tabellen import nu
from scan.fouten import InvoerFout
from scan.leesmodellen import RondeInfo, Voortgang
from scan.services import bespreken, regels, resultaten
from scan.ui.kern import (
    SCHERM_PARAM,
    TOKEN_PARAM,
    basis_url,
    database,
    letterlijk,
    met_foutgrens,
    poging_mislukt,
    poging_wachttijd,
    qr_png,
    te_veel_pogingen,
    tijd,
    vragenlijst_of_stop,
)
from scan.ui.teksten import t
from scoring import agenda as agenda_regels
from scoring.models import Vragenlijst
from scoring.resultaat import ScanResultaat

VERNIEUW_SECONDEN = 3
MAX_DAARNA = 4

# Only our own CSS, no user text. Sizes in px: the projector is 1920×1080 and the back row
# reads the live information (names, progress, the point to discuss) at 28 px or more; the
# page's own labels stay smaller so that the live information is the largest text.
CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1.2rem 2.5rem 1rem 2.5rem; max-width: none; }
.st-key-scherm_kop p { font-size: 22px; color: #4a4a4a; margin: 0; }
.st-key-scherm_kop code { font-size: 22px; }
.st-key-scherm_code_groot p { font-size: 26px; margin: 0 0 .4rem 0; }
.st-key-scherm_code_groot .scherm-code { font-size: 96px; font-weight: 700; letter-spacing: .06em;
  font-family: monospace; line-height: 1.1; white-space: nowrap; }
.st-key-scherm_code_groot code { font-size: 26px; }
.st-key-scherm_voortgang p { font-size: 30px; margin: 0; }
.st-key-scherm_voortgang table { width: 100%; }
.st-key-scherm_voortgang th { font-size: 22px; font-weight: 400; color: #4a4a4a; padding: 2px 8px; }
.st-key-scherm_voortgang td { font-size: 30px; line-height: 1.2; padding: 3px 8px; white-space: nowrap;
  overflow: hidden; text-overflow: ellipsis; max-width: 14em; }
.st-key-scherm_stand p { font-size: 32px; margin: 0 0 .2rem 0; }
.st-key-scherm_stand_klein p { font-size: 22px; color: #4a4a4a; margin: 0 0 .6rem 0; }
.st-key-scherm_nu p { font-size: 22px; color: #4a4a4a; margin: 0; }
.st-key-scherm_titel p { font-size: 38px; font-weight: 600; line-height: 1.25; margin: .2rem 0 .6rem 0; }
.st-key-scherm_verdeling th { font-size: 22px; font-weight: 400; color: #4a4a4a; padding: 2px 10px; }
.st-key-scherm_verdeling td { font-size: 22px; line-height: 1.25; padding: 4px 10px; vertical-align: middle; }
.st-key-scherm_verdeling td:first-child { font-size: 56px; font-weight: 700; text-align: center; }
.st-key-scherm_verdeling td:nth-child(2) { font-size: 30px; font-weight: 600; white-space: nowrap; }
.st-key-scherm_rest p { font-size: 24px; color: #4a4a4a; margin: .3rem 0 .8rem 0; }
.st-key-scherm_daarna p { font-size: 22px; color: #4a4a4a; margin: .4rem 0 0 0; }
.st-key-scherm_daarna li { font-size: 28px; line-height: 1.3; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; }
.st-key-scherm_leeg p { font-size: 30px; }
.st-key-scherm_tijd p { font-size: 18px; color: #4a4a4a; margin: 0; }
</style>
"""


def _getal(waarde: float) -> str:
    return f"{waarde:g}".replace(".", ",")


def _balk(aantal: int, van: int) -> str:
    vol = round(10 * aantal / van) if van else 0
    return f"{'█' * vol}{'░' * (10 - vol)}"


def _markdown(key: str, tekst: str) -> None:
    with st.container(key=key):
        st.markdown(tekst)


def _deelname_link(ronde: RondeInfo) -> str:
    # Our own address and code (no user text); shown in inline code so markdown neither links
    # nor escapes it, and a backtick in a strange Host header cannot end the code span.
    return f"{basis_url()}/?code={ronde.code}".replace("`", "")


def _kop(ronde: RondeInfo, met_code: bool) -> None:
    kop = t("scherm.kop", gemeente=letterlijk(ronde.gemeente))
    if met_code:
        kop += " · " + t("scherm.meedoen.klein", code=ronde.code_leesbaar, link=f"`{_deelname_link(ronde)}`")
    _markdown("scherm_kop", kop)


def _meedoen(ronde: RondeInfo) -> None:
    """The big join block: code, link and QR code, for while people come in."""
    link = _deelname_link(ronde)
    tekst, qr = st.columns([3, 2], vertical_alignment="center")
    with tekst, st.container(key="scherm_code_groot"):
        st.markdown(t("scherm.meedoen"))
        # The code comes from our own alphabet (no user text); the class is our own CSS.
        st.html(f'<div class="scherm-code">{html.escape(ronde.code_leesbaar)}</div>')
        st.code(link, language=None, wrap_lines=True)
    with qr:
        st.image(qr_png(link), width=300, alt=t("workshop.qr.alt", code=ronde.code_leesbaar, link=link))


def _voortgang(rijen: list[Voortgang], totaal: int) -> None:
    invullers = [r for r in rijen if r.rol == "deelnemer" or r.beantwoord > 0]
    klaar = sum(1 for r in invullers if r.beantwoord >= totaal)
    with st.container(key="scherm_voortgang"):
        st.markdown(t("scherm.voortgang.kop", klaar=klaar, aantal=len(invullers)))
        if not invullers:
            st.markdown(t("scherm.voortgang.leeg"))
            return
        lijnen = [
            f"| {t('scherm.kol.naam')} | {t('scherm.kol.voortgang')} | |",
            "|:--|:--|--:|",
            *(
                f"| {letterlijk(r.naam)} | {_balk(r.beantwoord, totaal)} | "
                f"{'✓' if r.beantwoord >= totaal else f'{r.beantwoord}/{totaal}'} |"
                for r in invullers
            ),
        ]
        st.markdown("\n".join(lijnen))


def _stand(a: agenda_regels.Agenda, aantal_punten: int) -> None:
    """How much is left and how long it takes, for the right column."""
    if not aantal_punten:
        return
    _markdown("scherm_stand", t("scherm.agenda.stand", resterend=a.resterend, minuten=_getal(a.minuten)))
    _markdown(
        "scherm_stand_klein",
        t(
            "scherm.agenda.budget",
            budget=_getal(a.budget_minuten),
            past=a.past,
            besproken=len(a.besproken),
            geparkeerd=a.geparkeerd,
        ),
    )


def _nu_bespreken(vl: Vragenlijst, resultaat: ScanResultaat, a: agenda_regels.Agenda, aantal_punten: int) -> None:
    """The point to discuss now with its anonymous distribution, and what comes after it."""
    if not aantal_punten:
        _markdown("scherm_leeg", t("scherm.geen_bespreekpunten"))
        return
    te_doen = [p for p in a.volgorde if p.markering != "geparkeerd"]
    if not te_doen:
        _markdown("scherm_leeg", t("scherm.alles_besproken"))
        return
    bouwsteen_van = {s.id: (b, i, s) for b in vl.bouwstenen for i, s in enumerate(b.stellingen, start=1)}
    eerste = te_doen[0]
    b, nummer, stelling = bouwsteen_van[eerste.stelling]
    _markdown("scherm_nu", t("scherm.nu", nummer=f"{b.nummer}.{nummer}", bouwsteen=letterlijk(b.naam.nl)))
    _markdown("scherm_titel", letterlijk(stelling.tekst.nl))
    r = resultaat.stelling(eerste.stelling)
    niveau_naam = {n.niveau: n.naam.nl for n in vl.schaal.niveaus}
    # Anonymous: how many chose each level, with what that level means for this stelling.
    lijnen = [
        f"| {t('scherm.kol.aantal')} | {t('scherm.kol.niveau')} | {t('scherm.kol.betekenis')} |",
        "|:-:|:--|:--|",
        *(
            f"| {aantal} | {n} · {letterlijk(niveau_naam[n])} | {letterlijk(stelling.niveaus.bij(n).nl)} |"
            for n, aantal in enumerate(r.verdeling, start=1)
            if aantal
        ),
    ]
    _markdown("scherm_verdeling", "\n".join(lijnen))
    _markdown("scherm_rest", t("scherm.verdeling.rest", weet_niet=r.weet_niet, nvt=r.nvt, open=r.open))
    daarna = te_doen[1 : 1 + MAX_DAARNA]
    if daarna:
        lijnen = [f"{t('scherm.daarna')}:", ""]
        for plaats, p in enumerate(daarna, start=2):
            if plaats == a.past + 1:
                lijnen += ["", t("scherm.buiten_budget", budget=_getal(a.budget_minuten)), ""]
            pb, pn, ps = bouwsteen_van[p.stelling]
            later = f" {t('scherm.later')}" if p.markering == "later" else ""
            lijnen.append(f"- **{pb.nummer}.{pn}** {letterlijk(ps.tekst.nl)}{later}")
        if len(te_doen) > 1 + MAX_DAARNA:
            lijnen += ["", t("scherm.meer", aantal=len(te_doen) - 1 - MAX_DAARNA)]
        _markdown("scherm_daarna", "\n".join(lijnen))


@st.fragment(run_every=VERNIEUW_SECONDEN)
@met_foutgrens
def _live(vl: Vragenlijst, token: str) -> None:
    # One cheap rerun of this function every few seconds, not of the page: a few reads and the
    # pure engine over the round's answers. The token is looked up each time, so a projector
    # still showing a renewed (old) link stops showing the room at its next refresh.
    db = database()
    ronde = bespreken.ronde_voor_scherm(db, token)
    if ronde is None:
        st.info(t("scherm.onbekend"), icon=":material/link_off:")
        return
    rijen = bespreken.voortgang(db, ronde.id)
    totaal = sum(len(b.stellingen) for b in vl.bouwstenen)
    deelnemers = [r for r in rijen if r.rol == "deelnemer"]
    iedereen_binnen = bool(deelnemers) and all(r.beantwoord > 0 for r in deelnemers)
    resultaat = resultaten.resultaat(db, vl, ronde.id)
    minuten, budget = bespreken.agenda_instelling(db, ronde.id)
    lijst = agenda_regels.punten(resultaat, bespreken.markeringen(db, ronde.id))
    a = agenda_regels.agenda(lijst, minuten_per_punt=minuten, budget_minuten=budget)
    afgerond = ronde.status == "afgerond"
    # A closed round takes no one new: no join code, and the room sees that it is closed.
    _kop(ronde, met_code=iedereen_binnen and not afgerond)
    if afgerond:
        _markdown("scherm_stand", t("scherm.afgerond"))
    links, rechts = st.columns([3, 2], gap="large")
    with links:
        if not iedereen_binnen and not afgerond:
            _meedoen(ronde)
        _nu_bespreken(vl, resultaat, a, len(lijst))
    with rechts:
        _stand(a, len(lijst))
        _voortgang(rijen, totaal)
        _markdown("scherm_tijd", t("scherm.bijgewerkt", nu=tijd(nu())))


vl = vragenlijst_of_stop()
# Never a personal link in the projected address bar, even when someone pasted one with it.
if TOKEN_PARAM in st.query_params:
    del st.query_params[TOKEN_PARAM]
token = st.query_params.get(SCHERM_PARAM, "")
st.html(CSS)
if not token:
    st.info(t("scherm.geen_link"), icon=":material/co_present:")
    st.stop()
# A presenter link is guessable by reloading this page: repeated wrong ones wait (scan.afremmen).
if wacht := poging_wachttijd():
    st.warning(te_veel_pogingen(wacht), icon=":material/timer:")
    st.stop()
ronde = bespreken.ronde_voor_scherm(database(), token)
if ronde is None:
    poging_mislukt()
    st.info(t("scherm.onbekend"), icon=":material/link_off:")
    st.stop()
try:
    regels.controleer_versie(ronde, vl)
except InvoerFout as fout:
    st.warning(letterlijk(str(fout)), icon=":material/error:")
    st.stop()
_live(vl, token)
