"""Streamlit helpers shared by the pages: cached loading, the database, who the user is, links.

Layer: application (``scan/``), the only place besides the pages that imports streamlit.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import itertools
import json
import logging
import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal, ParamSpec, TypeVar
from urllib.parse import urlsplit

import pandas as pd
import qrcode
import qrcode.constants
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from scan.db.openen import open_database
from scan.db.verbinding import Database, database_url
from scan.fouten import DatabaseVervangen, InvoerFout, OpslagFout
from scan.leesmodellen import Sessie
from scan.services import beheerlink, regels, start
from scan.services.adressen import (
    PUBLIEKE_URL_VARIABELE,
    STANDAARD_POORT,
    BasisAdres,
    is_loopback_host,
    kies_basis_url,
    lan_adres,
)
from scan.services.toegang import Gebruiker, beheerders_uit_omgeving, gebruiker_voor, lokale_gebruiker
from scan.ui import afremmen, hostnamen
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk as letterlijk  # re-exported: pages import it with the rest
from scoring.doelen import DoelenBibliotheek, controleer_doelen
from scoring.loader import VragenlijstFout, laad_vragenlijst
from scoring.models import Vragenlijst
from scoring.tijd import lokaal

log = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")


# --- the error boundary ----------------------------------------------------------------------
# Nobody sees a traceback (DESIGN.md): whatever a page, a fragment or a callback raises is
# logged with its context (page and ids, never tokens or texts) and the person sees a calm
# Dutch message with a way on. Streamlit's own control flow (st.stop, st.rerun) derives from
# BaseException and passes through untouched.


def _context() -> dict[str, object]:
    sessie = st.session_state.get("sessie_ids")
    pagina = st.context.url.rsplit("/", 1)[-1].split("?", 1)[0] if st.context.url else "?"
    return {"pagina": pagina or "start", "sessie": sessie}


_STORINGEN = itertools.count()


def toon_storing(fout: BaseException | None = None, *, paginas: bool = True) -> None:
    """The calm message after an unexpected error, with the ways on: reload, or back to work.

    A database that disappeared or was replaced under the app (``DatabaseVervangen``) is said in
    so many words: nothing is being saved, and only the beheerder can fix it (issue 13, case 9).
    ``paginas=False`` before the navigation exists (app.py), when a page link cannot be drawn.
    """
    with st.container(border=True):
        if isinstance(fout, DatabaseVervangen):
            st.error(letterlijk(str(fout)), icon=":material/database:")
        else:
            st.error(t("fout.onverwacht"), icon=":material/sentiment_dissatisfied:")
        kolommen = st.columns(2)
        kolommen[0].button(t("fout.opnieuw_laden"), icon=":material/refresh:", key=f"storing_{next(_STORINGEN)}")
        if not paginas:
            return
        if st.session_state.get("token"):
            kolommen[1].page_link(
                "scan/ui/paginas/invullen.py", label=t("fout.naar_invullen"), icon=":material/edit_note:"
            )
        else:
            kolommen[1].page_link("scan/ui/paginas/start.py", label=t("fout.naar_start"), icon=":material/home:")


@contextmanager
def foutgrens() -> Iterator[None]:
    """Around a page: an exception becomes the Dutch message and a log line with context."""
    try:
        yield
    except DatabaseVervangen as fout:
        log.error("database verdwenen of vervangen %s", _context())  # the cause is logged where found
        toon_storing(fout)
    except Exception:
        log.exception("onverwachte fout op een pagina %s", _context())
        toon_storing()


def met_foutgrens(functie: Callable[P, R]) -> Callable[P, R | None]:
    """For a fragment: its timed reruns run outside the page, so it needs a boundary of its own,
    drawn where the fragment is."""

    @functools.wraps(functie)
    def _begrensd(*args: P.args, **kwargs: P.kwargs) -> R | None:
        with foutgrens():
            return functie(*args, **kwargs)
        return None

    return _begrensd


def veilig(functie: Callable[P, R]) -> Callable[P, R | None]:
    """For callbacks and fragments, which run outside the page's boundary."""

    @functools.wraps(functie)
    def _veilig(*args: P.args, **kwargs: P.kwargs) -> R | None:
        try:
            return functie(*args, **kwargs)
        except KeyError as fout:
            if "st.session_state has no key" not in str(fout):  # eigen tekst: compared, not shown
                log.exception("onverwachte fout in %s %s", functie.__qualname__, _context())
                st.session_state["storing"] = True
                return None
            # A browser always sends every widget's value with a click; a crafted message that
            # sends the click without the value this callback reads is ignored, not an error
            # (issue 13, case 10).
            log.warning("onvolledig widgetbericht genegeerd in %s: %s", functie.__qualname__, fout)
            return None
        except Exception:
            log.exception("onverwachte fout in %s %s", functie.__qualname__, _context())
            # A callback cannot draw where the page will be; the router shows it at the top.
            st.session_state["storing"] = True
            return None

    return _veilig


@st.cache_resource(show_spinner=False)
def _vragenlijst() -> Vragenlijst:
    # Frozen models are safe to share between sessions and threads; cache_resource avoids the
    # copy cache_data would make on every rerun.
    return laad_vragenlijst()


@st.cache_resource(show_spinner=False)
def _bibliotheek(vingerafdruk: str) -> DoelenBibliotheek:
    bibliotheek, problemen = controleer_doelen(_vragenlijst())
    if bibliotheek is None:
        raise VragenlijstFout(problemen)
    return bibliotheek


def bibliotheek_of_stop(vragenlijst: Vragenlijst) -> DoelenBibliotheek:
    """The goal library checked against ``vragenlijst``; on problems a Dutch error and ``st.stop()``."""
    try:
        return _bibliotheek(vragenlijst.vingerafdruk)
    except VragenlijstFout as exc:
        st.error(t("fout.doelen"))
        st.code("\n".join(str(p) for p in exc.problemen), language=None)
        st.stop()


# The former name of ``letterlijk`` (scan.weergave), kept so code written against it still
# renders user text safely; new code calls ``letterlijk``.
md = letterlijk


def letterlijke_tabel(tabel: pd.DataFrame, *, kolomnamen: bool = False) -> pd.DataFrame:
    """A table for ``st.table``, which renders every body cell and column name as Markdown: each
    text cell through ``letterlijk`` (keeping its line breaks), numbers as they are.

    Column names are our own catalogue texts (Markdown like every ``t(...)``) unless
    ``kolomnamen=True``: then they hold user text (round labels with a gemeente name) and are
    escaped too. Build the table from the raw texts and pass it through this once; st.dataframe
    never interprets text and takes the raw table.
    """
    uit = tabel.map(lambda waarde: letterlijk(waarde, regels=True) if isinstance(waarde, str) else waarde)
    if kolomnamen:
        uit = uit.rename(columns=lambda naam: letterlijk(naam) if isinstance(naam, str) else naam)
    return uit


def vragenlijst_of_stop() -> Vragenlijst:
    """The questionnaire; on a broken installation a Dutch error and ``st.stop()``."""
    try:
        return _vragenlijst()
    except VragenlijstFout as exc:
        st.error(t("fout.vragenlijst"))
        st.code("\n".join(str(p) for p in exc.problemen), language=None)
        st.stop()


# --- the house style ----------------------------------------------------------------------------

# Streamlit writes a few instructions in English that no setting changes. Under a field with a
# maximum length it shows the instruction first, then the character count; the first of two is
# therefore always the instruction, and it is shown in Dutch instead (every field of the app has
# a maximum length). The chart toolbar's "Copy Vega-Lite spec" (shown on localhost only) is a
# developer tool, hidden. Only our own CSS here, never user text.
_HUISSTIJL = (
    "<style>"
    '[data-testid="InputInstructions"] > span:first-child:not(:only-child) { font-size: 0; }'
    '[data-testid="InputInstructions"] > span:first-child:not(:only-child)::after { font-size: 0.75rem; }'
    '[data-testid="stTextInput"] [data-testid="InputInstructions"] > span:first-child:not(:only-child)::after'
    ' { content: "Enter om te bevestigen"; }'
    '[data-testid="stTextArea"] [data-testid="InputInstructions"] > span:first-child:not(:only-child)::after'
    ' { content: "Ctrl+Enter of buiten het veld klikken om te bevestigen"; }'
    'button[aria-label="Copy Vega-Lite spec"], button[aria-label="Copied!"] { display: none; }'
    # Captions (also every level anchor under a radio option) are text at 60% opacity, 3.9:1 in the light
    # theme; #595959 is 7:1 on white and 6.2:1 on the sidebar (WCAG 1.4.3, accessibility audit).
    '[data-testid="stCaptionContainer"] { color: #595959; opacity: 1; }'
    "</style>"
)


def huisstijl() -> None:
    """The app-wide CSS (one place), drawn by the router on every page."""
    st.html(_HUISSTIJL)


# --- unknown hosts and guessed links (issue 13, cases 3 and 4) --------------------------------


_HOST_GOED = "_host_gecontroleerd"


def lees_host() -> str | None:
    """The Host header this browser's connection was opened with (tests replace this)."""
    waarde = st.context.headers.get("Host")
    return waarde if isinstance(waarde, str) else None


def host_of_stop() -> None:
    """Before anything else (app.py): refuse a page asked for under a name that is not this
    app's (DNS rebinding, ``scan.hostnamen``), so such a browser gets no session, no beheer
    rights and no cookie."""
    # A session's connection keeps the Host it was opened with: checked once per session (reading
    # the headers costs a few milliseconds a rerun), refused on every run until it passes.
    if st.session_state.get(_HOST_GOED):
        return
    host = lees_host()
    if not hostnamen.toegestaan(host, hostnamen.toegestane_namen()):
        log.warning("pagina onder onbekende hostnaam geweigerd: %r", (host or "")[:100])
        st.error(t("toegang.host.onbekend", variabele=hostnamen.TOEGESTANE_HOSTS_VARIABELE), icon=":material/dns:")
        st.stop()
    st.session_state[_HOST_GOED] = True


@st.cache_resource(show_spinner=False)
def _rem() -> afremmen.Rem:
    # One per process: failures of every session count against their address (afremmen.py says
    # why this is per process and what that means behind several processes).
    return afremmen.Rem()


def _sessie_id() -> str:
    # Streamlit's own session id, plus a random part kept in the session: AppTest gives every
    # test the same session id, and a throttle key must never be shared by two browsers.
    ctx = get_script_run_ctx()
    eigen = st.session_state.setdefault("_rem_sessie", secrets.token_hex(8))
    return f"{ctx.session_id if ctx is not None else '-'}:{eigen}"


def _rem_sleutels() -> list[tuple[str, afremmen.Regel]]:
    adres = afremmen.client_adres(st.context.ip_address, st.context.headers.get("X-Forwarded-For"))
    return afremmen.sleutels(_sessie_id(), adres)


def poging_wachttijd() -> int:
    """Seconds this browser must wait before its next code or link is even checked (0: go ahead)."""
    return _rem().wacht(_rem_sleutels())


def poging_mislukt() -> None:
    """A code or link of this browser did not exist: counts against its session and address."""
    _rem().mislukt(_rem_sleutels())


def poging_gelukt() -> None:
    """This browser got in: its session's failures are forgotten (its address's are not)."""
    _rem().gelukt(_rem_sleutels()[0][0])


def te_veel_pogingen(seconden: int) -> str:
    return t("afremmen.te_veel", wachttijd="1 seconde" if seconden == 1 else f"{seconden} seconden")


# --- database and identity ----------------------------------------------------------------

TOKEN_PARAM = "d"  # noqa: S105  (a parameter name, not a secret)
"""Query parameter of the personal link: the participant's token, so a refresh keeps them in."""


@st.cache_resource(show_spinner=False, on_release=lambda db: db.sluit())
def _database(url: str) -> Database:
    # One Database (engines and pools, no Session) per URL and process, shared by all sessions.
    return open_database(url)


def database() -> Database:
    """The app's database, migrated; on failure a Dutch error and ``st.stop()``."""
    try:
        return _database(database_url())
    except Exception:
        log.exception("database niet bereikbaar")
        st.error(t("fout.database"))
        st.stop()


_DEZE_RUN = "_sessie_van_deze_run"


def huidige_sessie(db: Database) -> Sessie | None:
    """Who this browser is, from the session or, after a refresh, from the personal link.

    The router looks this up once per run and hands it to the page (``sessie_van_deze_run``):
    the participant's row is read once per click, not twice.
    """
    sessie = _zoek_sessie(db)
    st.session_state[_DEZE_RUN] = sessie
    return sessie


def sessie_van_deze_run(db: Database) -> Sessie | None:
    """The session the router found in this run, or a fresh lookup (a page run on its own)."""
    if _DEZE_RUN in st.session_state:
        return st.session_state.pop(_DEZE_RUN)  # type: ignore[no-any-return]
    return _zoek_sessie(db)


def _zoek_sessie(db: Database) -> Sessie | None:
    token = st.session_state.get("token") or st.query_params.get(TOKEN_PARAM)
    if not token:
        return None
    geraden = st.session_state.get("token") is None  # from the address: possibly a guess
    if geraden and (wacht := poging_wachttijd()):
        st.query_params.pop(TOKEN_PARAM, None)
        st.session_state["onbekende_link"] = "afgeremd"
        st.session_state["afgeremd_seconden"] = wacht
        return None
    sessie = start.sessie_voor_token(db, token)
    if sessie is None:
        # A token this browser already used is gone: the facilitator removed this participant
        # (or the round went). Said once, by the page shown next, in plain Dutch.
        was_binnen = st.session_state.pop("token", None) is not None
        if not was_binnen:
            poging_mislukt()
        st.query_params.pop(TOKEN_PARAM, None)
        st.session_state.pop("niet_opgeslagen", None)  # saves of the removed participant, not to retry
        st.session_state["onbekende_link"] = "verwijderd" if was_binnen else "onbekend"
        return None
    if geraden:
        poging_gelukt()
    st.session_state["token"] = token
    st.session_state["sessie_ids"] = {"ronde": sessie.ronde.id, "deelnemer": sessie.deelnemer.id}
    # Streamlit drops query parameters on a page switch; putting the token back keeps the
    # address bar a working personal link on every page, so a refresh anywhere resumes.
    if st.query_params.get(TOKEN_PARAM) != token:
        st.query_params[TOKEN_PARAM] = token
    return sessie


@dataclass(frozen=True)
class Identiteit:
    """Who the browser says it is, before any roles are looked up."""

    modus: Literal["login", "enkel"]
    """``login``: sign-in (OIDC) is configured; ``enkel``: single-machine mode, no sign-in."""
    email: str | None = None
    naam: str | None = None
    lokaal: bool = False
    """Single-machine mode: this browser session opened the current beheer link, so it is the
    installation's beheerder. Never derived from an address: loopback alone grants nothing."""


def login_ingesteld() -> bool:
    """Whether ``st.login`` can work: an ``[auth]`` section in ``.streamlit/secrets.toml``."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: Streamlit raises instead of answering False
        return False


def lees_identiteit() -> Identiteit:
    """The one place the app reads identity; tests replace this function to sign someone in.

    With sign-in configured, the verified address of the provider's ID token is the identity
    (``st.user``; ``.get`` because AppTest has no ``is_logged_in`` attribute). Without it, the
    beheerder is the browser session that opened the beheer link (``verwerk_beheerlink`` has
    checked it against the database in this run); everyone else, on whatever address, is a
    participant at most.
    """
    if login_ingesteld():
        if not st.user.get("is_logged_in", False):
            return Identiteit("login")
        email = st.user.get("email")
        # A provider that says the address is unverified is not trusted with roles granted to it.
        if not isinstance(email, str) or st.user.get("email_verified", True) is False:
            return Identiteit("login")
        naam = st.user.get("name")
        return Identiteit("login", email=email, naam=naam if isinstance(naam, str) else None)
    return Identiteit("enkel", lokaal=st.session_state.get(_BEHEER_GELDIG, False) is True)


# --- the beheer link (single-machine mode) --------------------------------------------------

BEHEER_COOKIE = "zelfscan_beheer"
"""Cookie in which a browser keeps the beheer secret, so a reload keeps its rights."""
BEHEER_COOKIE_DAGEN = 30
_BEHEER_GEHEIM = "beheer_geheim"  # session_state: the secret this browser holds
_BEHEER_GELDIG = "beheer_geldig"  # session_state: the secret was checked valid in this run
_BEHEER_MELDING = "beheer_melding"  # session_state: "onbekend" or "vervangen", said once
_BEHEER_GESTOPT = "beheer_gestopt"  # session_state: this browser stopped; ignore its cookie
_BEHEER_COOKIE_WEG = "beheer_cookie_weg"  # session_state: the cookie holds no valid secret; remove it


def lees_beheer_cookie() -> str | None:
    """The beheer secret this browser sent as a cookie with the page request (tests replace this)."""
    waarde = st.context.cookies.get(BEHEER_COOKIE)
    return waarde if isinstance(waarde, str) and waarde else None


def verwerk_beheerlink(db: Database) -> None:
    """Once per run, before identity is read (app.py): take the beheer secret out of the address
    bar and check what this browser holds against the database.

    The secret leaves the address at once, so a projected or photographed screen does not show
    it. A valid one is kept in the session (and a cookie, for a reload); each run checks it
    again, so a rotation (``python -m scan beheerlink --vernieuw``, from any process) ends it.
    With sign-in configured the beheer link means nothing. When the check itself fails (the
    database is away) this run has no rights, and the session keeps its secret for the next.
    """
    st.session_state[_BEHEER_GELDIG] = False
    aangeboden = st.query_params.get(beheerlink.PARAM)
    if aangeboden is not None:
        del st.query_params[beheerlink.PARAM]
    if login_ingesteld():
        st.session_state.pop(_BEHEER_GEHEIM, None)
        return
    _meld_beheerlink_eenmaal(db)
    try:
        if aangeboden is not None:
            # A guess is refused unchecked while this browser or address must wait.
            if wacht := poging_wachttijd():
                st.session_state[_BEHEER_MELDING] = "afgeremd"
                st.session_state["afgeremd_seconden"] = wacht
                return
            if beheerlink.controleer(db, aangeboden):
                poging_gelukt()
                st.session_state[_BEHEER_GEHEIM] = aangeboden
                st.session_state[_BEHEER_GELDIG] = True
                st.session_state.pop(_BEHEER_GESTOPT, None)
                st.session_state.pop(_BEHEER_COOKIE_WEG, None)
                return
            poging_mislukt()
            st.session_state[_BEHEER_MELDING] = "onbekend"
        geheim = st.session_state.get(_BEHEER_GEHEIM)
        uit_cookie = geheim is None and not st.session_state.get(_BEHEER_GESTOPT)
        if uit_cookie:
            geheim = lees_beheer_cookie()
            # A cookie is as good a guess as a link: a crafted one waits its turn too.
            if geheim is not None and (wacht := poging_wachttijd()):
                st.session_state[_BEHEER_MELDING] = "afgeremd"
                st.session_state["afgeremd_seconden"] = wacht
                return
        if geheim is None:
            return
        if beheerlink.controleer(db, geheim):
            st.session_state[_BEHEER_GEHEIM] = geheim
            st.session_state[_BEHEER_GELDIG] = True
        else:
            if uit_cookie:
                poging_mislukt()
            st.session_state.pop(_BEHEER_GEHEIM, None)
            st.session_state.setdefault(_BEHEER_MELDING, "vervangen")
            st.session_state[_BEHEER_COOKIE_WEG] = True
    except OpslagFout:
        log.exception("beheerlink niet te controleren")


def stop_beheer() -> None:
    """This browser gives up its beheer rights (the cookie is removed on the next run)."""
    st.session_state.pop(_BEHEER_GEHEIM, None)
    st.session_state[_BEHEER_GELDIG] = False
    st.session_state[_BEHEER_GESTOPT] = True
    st.session_state[_BEHEER_COOKIE_WEG] = True


def _cookie_script(geheim: str | None) -> str:
    # Run in the app's own document (st.html with JavaScript), so the cookie is the app's.
    # The value is the checked secret (URL-safe alphabet), JSON-quoted all the same.
    if geheim is None:
        waarde, leeftijd = "", 0
    else:
        waarde, leeftijd = geheim, BEHEER_COOKIE_DAGEN * 24 * 3600
    cookie = f"{BEHEER_COOKIE}={waarde}; Max-Age={leeftijd}; Path=/; SameSite=Strict"
    return f"<script>document.cookie = {json.dumps(cookie)};</script>"


def _bewaar_beheer_in_browser() -> None:
    """Set the cookie to this session's checked secret, or remove one that is void or given up.

    A cookie that could not be checked (database away) is left alone.
    """
    geheim = st.session_state.get(_BEHEER_GEHEIM)
    cookie = lees_beheer_cookie()
    if st.session_state.get(_BEHEER_GELDIG) and geheim is not None and cookie != geheim:
        st.html(_cookie_script(geheim), unsafe_allow_javascript=True)
    elif st.session_state.get(_BEHEER_COOKIE_WEG) and cookie is not None and cookie != geheim:
        st.html(_cookie_script(None), unsafe_allow_javascript=True)


@st.cache_data(ttl=60, show_spinner=False)
def _lan_adres() -> str | None:
    return lan_adres()


def basis_adres() -> BasisAdres:
    """The app's root address for links other devices open, and whether they can reach it."""
    publiek = os.environ.get(PUBLIEKE_URL_VARIABELE)
    browser = st.context.url
    # The LAN lookup only when the answer needs it (a browser on loopback, nothing configured).
    nodig = not publiek and (browser is None or is_loopback_host(urlsplit(browser).hostname))
    poort = st.get_option("server.port")
    return kies_basis_url(publiek, browser, _lan_adres() if nodig else None, int(poort or STANDAARD_POORT))


@st.cache_resource(show_spinner=False)
def _beheerlink_gemeld(url: str) -> bool:
    # Once per process and database, at the first page view: the port and the address the
    # browser used are known only now. To stdout, so ``streamlit run app.py`` shows it too.
    db = _database(url)
    geheim = beheerlink.zorg_voor_geheim(db, beheerlink.bestand_voor(url))
    if geheim is None:
        print(
            "Beheerlink: er is er al een, maar niet op deze computer. Toon of vernieuw hem met "
            "'python -m scan beheerlink' (op de computer die hem maakte) of 'python -m scan beheerlink --vernieuw'.",
            flush=True,
        )
    else:
        print(
            f"\n  Beheerlink (alleen voor de facilitator): {beheerlink.link(basis_adres().url, geheim)}\n", flush=True
        )
    return True


def _meld_beheerlink_eenmaal(db: Database) -> None:
    try:
        _beheerlink_gemeld(db.url)
    except Exception:  # the link is a convenience; a failing print must not stop a page
        log.exception("beheerlink niet gemeld")


def huidige_gebruiker(db: Database) -> Gebruiker | None:
    """The signed-in person with their roles, the beheer link's holder in single-machine mode, or None."""
    identiteit = lees_identiteit()
    if identiteit.modus == "enkel":
        return lokale_gebruiker() if identiteit.lokaal else None
    if identiteit.email is None:
        return None
    return gebruiker_voor(db, identiteit.email, identiteit.naam, beheerders())


def beheerders() -> frozenset[str]:
    """Installation-wide beheerders: ``SCAN_BEHEERDERS`` and ``[toegang] beheerders`` in secrets."""
    uit_secrets: list[str] = []
    try:
        waarde = st.secrets.get("toegang", {}).get("beheerders", [])
        uit_secrets = [str(a) for a in waarde] if isinstance(waarde, list) else []
    except Exception:  # no secrets file
        uit_secrets = []
    return beheerders_uit_omgeving() | {a.strip().lower() for a in uit_secrets if a.strip()}


def gebruiker_of_stop(db: Database) -> Gebruiker:
    """For pages of advisers and beheerders: the person, or a Dutch explanation and stop."""
    gebruiker = huidige_gebruiker(db)
    if gebruiker is None:
        if lees_identiteit().modus == "login":
            st.warning(t("toegang.inloggen_nodig"), icon=":material/login:")
            st.button(t("toegang.inloggen"), on_click=st.login, type="primary", icon=":material/login:")
        else:
            st.warning(t("toegang.alleen_op_deze_computer"), icon=":material/computer:")
        st.stop()
    return gebruiker


def toon_account(gebruiker: Gebruiker | None) -> None:
    """In the sidebar: the mode, who is signed in with which roles, and sign in or out."""
    identiteit = lees_identiteit()
    melding = st.session_state.pop(_BEHEER_MELDING, None)
    if melding == "afgeremd":
        st.warning(te_veel_pogingen(st.session_state.pop("afgeremd_seconden", 1)), icon=":material/timer:")
    elif melding is not None and identiteit.modus == "enkel":
        # Calm and in the main area, where it is seen; the page itself still opens.
        st.warning(t(f"toegang.beheerlink.{melding}"), icon=":material/key_off:")
    with st.sidebar:
        if identiteit.modus == "enkel":
            if identiteit.lokaal:
                st.caption(t("toegang.modus.enkel"))
                st.button(
                    t("toegang.beheer.stoppen"), on_click=stop_beheer, icon=":material/logout:", key="beheer_stop"
                )
            else:
                st.caption(t("toegang.modus.enkel.gast"))
            _bewaar_beheer_in_browser()
            return
        if gebruiker is None:
            st.caption(t("toegang.inloggen.uitleg"))
            st.button(t("toegang.inloggen"), on_click=st.login, icon=":material/login:", key="inloggen_zijbalk")
            return
        st.markdown(t("toegang.ingelogd", naam=letterlijk(gebruiker.naam)))
        if gebruiker.overal_beheerder:
            st.caption(t("toegang.overal_beheerder"))
        elif gebruiker.rollen:
            lijnen = [
                f"{', '.join(t(f'rol.{r}') for r in sorted(rollen))}: {letterlijk(gemeente_namen().get(gm, gm))}"
                for gm, rollen in sorted(gebruiker.rollen.items(), key=lambda i: gemeente_namen().get(i[0], i[0]))
            ]
            st.caption("  \n".join(lijnen))
        else:
            st.caption(t("toegang.geen_rollen"))
        st.button(t("toegang.uitloggen"), on_click=st.logout, icon=":material/logout:", key="uitloggen_zijbalk")


@st.cache_resource(show_spinner=False)
def _gemeente_namen(url: str) -> dict[str, str]:
    return {g.gm_code: g.naam for g in start.gemeenten(_database(url))}


def gemeente_namen() -> dict[str, str]:
    """CBS code to name, loaded once per process (reference data)."""
    return _gemeente_namen(database_url())


def meld_aan(sessie: Sessie) -> None:
    st.session_state["token"] = sessie.deelnemer.token
    st.query_params[TOKEN_PARAM] = sessie.deelnemer.token


def ga_naar(url_path: str) -> None:
    """Rerun and open page ``url_path``; app.py switches there once the navigation has it."""
    st.session_state["ga_naar"] = url_path
    st.rerun()


def meld_af() -> None:
    st.session_state.clear()
    st.query_params.clear()


def sessie_of_stop() -> tuple[Database, Sessie]:
    """For pages that need a participant: the database and the session, or a hint and stop."""
    db = database()
    sessie = sessie_van_deze_run(db)
    if sessie is None:
        onbekend = st.session_state.pop("onbekende_link", None)
        sleutel = {"verwijderd": "werkgroep.verwijderd.melding", "onbekend": "start.link.onbekend"}
        if onbekend == "afgeremd":
            st.warning(te_veel_pogingen(st.session_state.pop("afgeremd_seconden", 1)), icon=":material/timer:")
        else:
            st.warning(t(sleutel.get(str(onbekend), "fout.geen_sessie")), icon=":material/login:")
        st.page_link("scan/ui/paginas/start.py", label=t("nav.start"), icon=":material/home:")
        st.stop()
    return db, sessie


def zelfde_versie_of_stop(sessie: Sessie, vragenlijst: Vragenlijst) -> None:
    """Stop with the Dutch explanation when the round was started with another questionnaire version."""
    try:
        regels.controleer_versie(sessie.ronde, vragenlijst)
    except InvoerFout as fout:
        st.error(letterlijk(str(fout)), icon=":material/error:")
        st.stop()


def basis_url() -> str:
    """The address people type or scan to reach this app (see ``scan.adressen.kies_basis_url``)."""
    return basis_adres().url


def _code(tekst: str) -> str:
    """An address shown literally as inline code (markdown does not act inside a code span)."""
    return "`" + tekst.replace("`", "") + "`"


def toon_adres_hint() -> None:
    """On the Workshop page: when the links point at this machine itself, say so and how to fix it.

    That happens only when neither ``SCAN_PUBLIEKE_URL`` nor a network address is known: a
    browser on loopback otherwise gets links with the machine's LAN address.
    """
    adres = basis_adres()
    if adres.bereikbaar:
        return
    poort = int(st.get_option("server.port") or STANDAARD_POORT)
    st.warning(
        t("workshop.adres.geen_netwerk", adres=_code(adres.url), poort=poort, variabele=PUBLIEKE_URL_VARIABELE),
        icon=":material/wifi_off:",
    )


def deelname_link(sessie: Sessie) -> str:
    return f"{basis_url()}/?code={sessie.ronde.code}"


def persoonlijke_link(token: str) -> str:
    return f"{basis_url()}/?{TOKEN_PARAM}={token}"


SCHERM_PARAM = "scherm"
"""Query parameter of the read-only presenter link: the round's presentation token."""


def presentatie_link(token: str) -> str:
    return f"{basis_url()}/scherm?{SCHERM_PARAM}={token}"


@st.cache_data(show_spinner=False, max_entries=256)
def qr_png(tekst: str) -> bytes:
    """A QR code as PNG, with big modules and a quiet zone so it scans from the back of a room."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=12, border=4)
    qr.add_data(tekst)
    qr.make(fit=True)
    buffer = io.BytesIO()
    qr.make_image().save(buffer)
    return buffer.getvalue()


def tijd(moment: dt.datetime | None) -> str:
    """A moment in Dutch local time, as a workshop reads it: 14:03."""
    if moment is None:
        return "–"
    return lokaal(moment).strftime("%H:%M:%S")


def tijd_datum(moment: dt.datetime) -> str:
    """A moment as a Dutch date in local time: 22-11-2026."""
    return lokaal(moment).strftime("%d-%m-%Y")
