"""Who the user is: sign-in (``st.login``), the beheer link's secret in single-machine mode,
and the sidebar that says so.

Layer: ``scan/ui``. The identity is read in one function, ``lees_identiteit``, which the tests
replace to stand in for a signed-in person (call it through this module, not a copied name).
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import streamlit as st

from scan.fouten import OpslagFout
from scan.services import beheerlink
from scan.services.identiteiten import (
    Aanmelding,
    Reden,
    Weigering,
    cookie_secret_zwak,
    gebruiker_na_aanmelding,
    lees_claims,
    toegestane_issuers,
)
from scan.services.toegang import Gebruiker, beheerders_uit_omgeving, lokale_gebruiker
from scan.ui.afscherming import poging_gelukt, poging_mislukt, poging_wachttijd, te_veel_pogingen
from scan.ui.context import database_voor, gemeente_namen
from scan.ui.foutgrens import opslag_mislukt
from scan.ui.links import basis_adres
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk

if TYPE_CHECKING:
    from scan.db.verbinding import Database  # a type only: the handle comes from scan.ui.context

log = logging.getLogger(__name__)


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
    ingelogd: bool = False
    """Login mode: someone is signed in at the provider (whether or not that gives roles)."""
    issuer: str | None = None
    subject: str | None = None
    """Login mode: the account (``scan.services.identiteiten``: ``sub``, for Entra ID ``oid``)."""
    weigering: Reden | None = None
    """Login mode: why this sign-in gives no roles whatever the database holds."""
    geclaimd: str | None = None
    """Login mode: the address the provider named, verified or not (for the refusal message)."""
    geblokkeerd: bool = False
    """Login mode: the ``cookie_secret`` is the example or too short; nobody is signed in."""


def login_ingesteld() -> bool:
    """Whether ``st.login`` can work: an ``[auth]`` section in ``.streamlit/secrets.toml``."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: Streamlit raises instead of answering False
        return False


_CLAIMS = (
    "iss",
    "sub",
    "oid",
    "tid",
    "idp",
    "email",
    "email_verified",
    "xms_edov",
    "upn",
    "preferred_username",
    "name",
)
"""The ID token's claims identity is read from (``st.user`` holds them all; tokens are not exposed)."""


def _auth() -> dict[str, object]:
    try:
        auth = st.secrets.get("auth", {})
        return dict(auth) if hasattr(auth, "keys") else {}
    except Exception:  # no secrets file
        return {}


def login_geblokkeerd() -> bool:
    """Sign-in is configured with a cookie secret anyone could know (the example in
    ``.streamlit/secrets.toml.example``) or guess (under 32 characters). The identity cookie is
    signed with it, so with such a secret a visitor could forge any identity: nobody signs in."""
    if not login_ingesteld():
        return False
    zwak = cookie_secret_zwak(_auth().get("cookie_secret"))
    if zwak:
        _waarschuw_zwak_secret()
    return zwak


@st.cache_resource(show_spinner=False)
def _waarschuw_zwak_secret() -> bool:
    # Once per process; the value itself is never logged.
    log.warning(
        "inloggen uitgeschakeld: [auth] cookie_secret in .streamlit/secrets.toml is het voorbeeld of korter dan 32 "
        'tekens; zet een lange willekeurige waarde (python -c "import secrets; print(secrets.token_hex(32))")'
    )
    return True


def toegestaan() -> frozenset[str]:
    """The issuers whose sign-ins count (``scan.services.identiteiten.toegestane_issuers``)."""
    try:
        lijst = st.secrets.get("toegang", {}).get("issuers", [])
    except Exception:  # no secrets file
        lijst = []
    auth = _auth()
    metadata = [auth.get("server_metadata_url")]
    metadata += [v.get("server_metadata_url") for v in auth.values() if hasattr(v, "get")]
    return toegestane_issuers(
        omgeving=os.environ.get("SCAN_TOEGESTANE_ISSUERS"),
        uit_secrets=lijst if isinstance(lijst, list) else [],
        metadata_urls=metadata,
    )


def lees_identiteit() -> Identiteit:
    """The one place the app reads identity; tests replace this function to sign someone in.

    With sign-in configured, the ID token's claims (``st.user``; ``.get`` because AppTest has no
    ``is_logged_in`` attribute) are judged by ``scan.services.identiteiten``: an allowed issuer,
    a subject, a verified address. Whether the address is bound to this account is for
    ``huidige_gebruiker``. Without sign-in, the beheerder is the browser session that opened the
    beheer link (``verwerk_beheerlink`` has checked it against the database in this run);
    everyone else, on whatever address, is a participant at most.
    """
    if login_ingesteld():
        if login_geblokkeerd():
            return Identiteit("login", geblokkeerd=True)
        if not st.user.get("is_logged_in", False):
            return Identiteit("login")
        aanmelding = lees_claims({k: st.user.get(k) for k in _CLAIMS}, toegestaan())
        return Identiteit(
            "login",
            email=aanmelding.email,
            naam=aanmelding.naam,
            ingelogd=True,
            issuer=aanmelding.issuer,
            subject=aanmelding.subject,
            weigering=aanmelding.weigering,
            geclaimd=aanmelding.geclaimd,
        )
    return Identiteit("enkel", lokaal=st.session_state.get(_BEHEER_GELDIG, False) is True)


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
            # A link opened just now (the page's script marks it) that does not fit is "unknown";
            # a secret this browser kept from before was replaced.
            nieuw = uit_cookie and st.context.cookies.get(BEHEER_COOKIE + "_nieuw") == "1"
            st.session_state.setdefault(_BEHEER_MELDING, "onbekend" if nieuw else "vervangen")
            st.session_state[_BEHEER_COOKIE_WEG] = True
    except OpslagFout as fout:
        opslag_mislukt(fout, "beheerlink controleren")


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


@st.cache_resource(show_spinner=False)
def _beheerlink_gemeld(url: str) -> bool:
    # Once per process and database, at the first page view: the port and the address the
    # browser used are known only now. To stdout, so ``streamlit run app.py`` shows it too.
    db = database_voor(url)
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


_WEIGERING = "identiteit_weigering"  # session_state: why this run's sign-in gives no roles
_GEMELD = "identiteit_gemeld"  # session_state: refusals already in the audit trail from this browser


def huidige_gebruiker(db: Database) -> Gebruiker | None:
    """The signed-in person with their roles, the beheer link's holder in single-machine mode, or None.

    A signed-in account that gets no roles (foreign issuer, unverified address, an address bound
    to another account) is ``None`` too; why is kept for ``toon_account``, and written to the
    audit trail once per browser session."""
    identiteit = lees_identiteit()
    if identiteit.modus == "enkel":
        return lokale_gebruiker() if identiteit.lokaal else None
    st.session_state.pop(_WEIGERING, None)
    if not identiteit.ingelogd or identiteit.geblokkeerd:
        return None
    aanmelding = Aanmelding(
        issuer=identiteit.issuer,
        subject=identiteit.subject,
        email=identiteit.email,
        naam=identiteit.naam,
        weigering=identiteit.weigering,
        geclaimd=identiteit.geclaimd,
    )
    gemeld: set[tuple[str | None, ...]] = st.session_state.setdefault(_GEMELD, set())
    sleutel = (identiteit.issuer, identiteit.subject, identiteit.geclaimd)
    uitkomst = gebruiker_na_aanmelding(db, aanmelding, beheerders(), meld_weigering=sleutel not in gemeld)
    if isinstance(uitkomst, Weigering):
        if sleutel not in gemeld:
            log.warning("aanmelding zonder rollen: %s", uitkomst.soort)  # no address, no token
        gemeld.add(sleutel)
        st.session_state[_WEIGERING] = t(f"toegang.geweigerd.{uitkomst.soort}", adres=letterlijk(uitkomst.email or "?"))
        return None
    return uitkomst


def inlogknop(key: str, *, primair: bool = False) -> None:
    """The sign-in button, or, when the cookie secret is unsafe, the beheerder's explanation instead."""
    if login_geblokkeerd():
        st.error(t("toegang.cookie_secret_zwak"), icon=":material/key_off:")
        return
    if lees_identiteit().ingelogd:  # signed in without roles: the main area says why
        return
    st.button(
        t("toegang.inloggen"),
        on_click=st.login,
        type="primary" if primair else "secondary",
        icon=":material/login:",
        key=key,
    )


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
        identiteit = lees_identiteit()
        if identiteit.modus == "login" and identiteit.ingelogd:
            # Signed in, but no roles from it: toon_account said why; signing in again changes nothing.
            st.warning(t("toegang.ingelogd_zonder_toegang"), icon=":material/block:")
        elif identiteit.modus == "login":
            if not identiteit.geblokkeerd:  # else no one can sign in: only the beheerder's message
                st.warning(t("toegang.inloggen_nodig"), icon=":material/login:")
            inlogknop("inloggen_pagina", primair=True)
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
    weigering = st.session_state.get(_WEIGERING)
    if identiteit.modus == "login" and isinstance(weigering, str):
        # In the main area on every page: this account gets no roles, and why (escaped when kept).
        st.error(weigering, icon=":material/block:")
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
        if gebruiker is None and identiteit.ingelogd:
            st.caption(t("toegang.geweigerd.zijbalk"))
            st.button(t("toegang.uitloggen"), on_click=st.logout, icon=":material/logout:", key="uitloggen_zijbalk")
            return
        if gebruiker is None:
            st.caption(t("toegang.inloggen.uitleg"))
            inlogknop("inloggen_zijbalk")
            return
        st.markdown(t("toegang.ingelogd", naam=letterlijk(gebruiker.naam)), anchors=False)
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
