"""Streamlit helpers shared by the pages: cached loading, the database, who the user is, links.

Layer: application (``scan/``), the only place besides the pages that imports streamlit.
"""

from __future__ import annotations

import datetime as dt
import io
import ipaddress
import logging
import os
import re
from dataclasses import dataclass
from typing import Literal
from zoneinfo import ZoneInfo

import qrcode
import qrcode.constants
import streamlit as st

from scan import services
from scan.database import Database, database_url, open_database
from scan.repository import Sessie
from scan.teksten import t
from scan.toegang import Gebruiker, beheerders_uit_omgeving, gebruiker_voor, lokale_gebruiker
from scoring.doelen import DoelenBibliotheek, controleer_doelen
from scoring.loader import VragenlijstFout, laad_vragenlijst
from scoring.models import Vragenlijst

log = logging.getLogger(__name__)


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


_MARKDOWN_SPECIAAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&])")


def md(tekst: str) -> str:
    """Text shown literally inside Streamlit markdown: every markdown and HTML sign escaped."""
    return _MARKDOWN_SPECIAAL.sub(r"\\\1", tekst)


def vragenlijst_of_stop() -> Vragenlijst:
    """The questionnaire; on a broken installation a Dutch error and ``st.stop()``."""
    try:
        return _vragenlijst()
    except VragenlijstFout as exc:
        st.error(t("fout.vragenlijst"))
        st.code("\n".join(str(p) for p in exc.problemen), language=None)
        st.stop()


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


def huidige_sessie(db: Database) -> Sessie | None:
    """Who this browser is, from the session or, after a refresh, from the personal link."""
    token = st.session_state.get("token") or st.query_params.get(TOKEN_PARAM)
    if not token:
        return None
    sessie = services.sessie_voor_token(db, token)
    if sessie is None:
        # A token this browser already used is gone: the facilitator removed this participant
        # (or the round went). Said once, by the page shown next, in plain Dutch.
        was_binnen = st.session_state.pop("token", None) is not None
        st.query_params.pop(TOKEN_PARAM, None)
        st.session_state.pop("niet_opgeslagen", None)  # saves of the removed participant, not to retry
        st.session_state["onbekende_link"] = "verwijderd" if was_binnen else "onbekend"
        return None
    st.session_state["token"] = token
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
    """Single-machine mode: the browser runs on the machine that serves the app."""


def login_ingesteld() -> bool:
    """Whether ``st.login`` can work: an ``[auth]`` section in ``.streamlit/secrets.toml``."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: Streamlit raises instead of answering False
        return False


def lees_identiteit() -> Identiteit:
    """The one place the app reads identity; tests replace this function to sign someone in.

    With sign-in configured, the verified address of the provider's ID token is the identity
    (``st.user``; ``.get`` because AppTest has no ``is_logged_in`` attribute). Without it, only
    a browser on the serving machine itself counts as its user (``st.context.ip_address`` is
    None for loopback): participants who join from their phones stay participants.
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
    return Identiteit("enkel", lokaal=is_lokaal(st.context.ip_address))


def is_lokaal(adres: object) -> bool:
    """Whether a client address is this machine itself.

    Streamlit gives None for 127.0.0.1 and ::1, but a dual-stack server reports a browser on
    127.0.0.1 as ``::ffff:127.0.0.1``. Without a real connection (AppTest) there is no address
    string at all, and that too is the machine itself.
    """
    if not isinstance(adres, str):
        return True
    try:
        ip = ipaddress.ip_address(adres.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped.is_loopback
    return ip.is_loopback


def huidige_gebruiker(db: Database) -> Gebruiker | None:
    """The signed-in person with their roles, the local user in single-machine mode, or None."""
    identiteit = lees_identiteit()
    if identiteit.modus == "enkel":
        return lokale_gebruiker() if identiteit.lokaal else None
    if identiteit.email is None:
        return None
    with db.lezen() as s:
        return gebruiker_voor(s, identiteit.email, identiteit.naam, beheerders())


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
    with st.sidebar:
        if identiteit.modus == "enkel":
            if identiteit.lokaal:
                st.caption(t("toegang.modus.enkel"))
            return
        if gebruiker is None:
            st.caption(t("toegang.inloggen.uitleg"))
            st.button(t("toegang.inloggen"), on_click=st.login, icon=":material/login:", key="inloggen_zijbalk")
            return
        st.markdown(t("toegang.ingelogd", naam=md(gebruiker.naam)))
        if gebruiker.overal_beheerder:
            st.caption(t("toegang.overal_beheerder"))
        elif gebruiker.rollen:
            regels = [
                f"{', '.join(t(f'rol.{r}') for r in sorted(rollen))}: {md(gemeente_namen().get(gm, gm))}"
                for gm, rollen in sorted(gebruiker.rollen.items(), key=lambda i: gemeente_namen().get(i[0], i[0]))
            ]
            st.caption("  \n".join(regels))
        else:
            st.caption(t("toegang.geen_rollen"))
        st.button(t("toegang.uitloggen"), on_click=st.logout, icon=":material/logout:", key="uitloggen_zijbalk")


@st.cache_resource(show_spinner=False)
def _gemeente_namen(url: str) -> dict[str, str]:
    return {g.gm_code: g.naam for g in services.gemeenten(_database(url))}


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
    sessie = huidige_sessie(db)
    if sessie is None:
        onbekend = st.session_state.pop("onbekende_link", None)
        sleutel = {"verwijderd": "werkgroep.verwijderd.melding", "onbekend": "start.link.onbekend"}
        st.warning(t(sleutel.get(str(onbekend), "fout.geen_sessie")), icon=":material/login:")
        st.page_link("scan/app_pages/start.py", label=t("nav.start"), icon=":material/home:")
        st.stop()
    return db, sessie


def zelfde_versie_of_stop(sessie: Sessie, vragenlijst: Vragenlijst) -> None:
    """Stop with the Dutch explanation when the round was started with another questionnaire version."""
    try:
        services.controleer_versie(sessie.ronde, vragenlijst)
    except services.InvoerFout as fout:
        st.error(str(fout), icon=":material/error:")
        st.stop()


def basis_url() -> str:
    """The address people type or scan to reach this app (``SCAN_PUBLIEKE_URL`` overrides)."""
    ingesteld = os.environ.get("SCAN_PUBLIEKE_URL")
    if ingesteld:
        return ingesteld.rstrip("/")
    url = st.context.url or "http://localhost:8501"
    # st.context.url ends in the current page's path; links point at the app's root, which is
    # the Start page (Streamlit serves the default page at "/", not at its url_path).
    return re.sub(r"/(start|invullen|workshop|resultaten|doelen|vergelijken|beheer|over)/?$", "", url.rstrip("/"))


def deelname_link(sessie: Sessie) -> str:
    return f"{basis_url()}/?code={sessie.ronde.code}"


def persoonlijke_link(token: str) -> str:
    return f"{basis_url()}/?{TOKEN_PARAM}={token}"


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
    return moment.astimezone(ZoneInfo("Europe/Amsterdam")).strftime("%H:%M:%S")


def tijd_datum(moment: dt.datetime) -> str:
    """A moment as a Dutch date in local time: 22-11-2026."""
    return moment.astimezone(ZoneInfo("Europe/Amsterdam")).strftime("%d-%m-%Y")
