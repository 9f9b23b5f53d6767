"""What every page needs from the session: the questionnaire, the database handle, and the round
and participant of this browser (from the personal link in the address).

Layer: ``scan/ui``. ``st.session_state`` keeps only ids and view state (DESIGN.md); the round and
the participant are read again on every run, so a refresh, a restart or a second device loses
nothing.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import NoReturn

import streamlit as st

from scan import __version__
from scan.db.openen import open_database
from scan.db.verbinding import Database, database_url
from scan.fouten import InvoerFout, SchemaOnbekend
from scan.leesmodellen import RondeInfo, Sessie
from scan.services import regels, start
from scan.services.installatie import HERCONTROLE_SECONDEN, SchemaToestand, schema_toestand
from scan.ui import linkgeheim
from scan.ui.afscherming import poging_gelukt, poging_mislukt, poging_wachttijd, te_veel_pogingen
from scan.ui.teksten import t
from scan.ui.toegankelijk import richt_op_kop
from scan.ui.weergave import letterlijk
from scoring.doelen import DoelenBibliotheek, controleer_doelen
from scoring.loader import VragenlijstFout, laad_vragenlijst
from scoring.models import Vragenlijst
from scoring.versies import laad_versie, map_van, standaard_versie

log = logging.getLogger(__name__)


@st.cache_resource(show_spinner=False)
def _vragenlijst(versie: str | None) -> Vragenlijst:
    # Frozen models are safe to share between sessions and threads; cache_resource avoids the
    # copy cache_data would make on every rerun. The default version is read from the default
    # folder (scoring.loader.DEFAULT_DIR, which tests may point at a copy); any other published
    # version from its own folder.
    if versie is None or versie == standaard_versie():
        return laad_vragenlijst()
    return laad_versie(versie)


@st.cache_resource(show_spinner=False)
def _bibliotheek(versie: str | None) -> DoelenBibliotheek:
    vragenlijst = _vragenlijst(versie)
    map_ = None if versie is None or versie == standaard_versie() else map_van(versie)
    bibliotheek, problemen = controleer_doelen(vragenlijst, map_)
    if bibliotheek is None:
        raise VragenlijstFout(problemen)
    return bibliotheek


def bibliotheek_of_stop(vragenlijst: Vragenlijst) -> DoelenBibliotheek:
    """The goal library of ``vragenlijst``'s version; on problems a Dutch error and ``st.stop()``."""
    try:
        return _bibliotheek(vragenlijst.versie)
    except VragenlijstFout as exc:
        st.error(t("fout.doelen"))
        st.code("\n".join(str(p) for p in exc.problemen), language=None)
        st.stop()


def vragenlijst_of_stop(versie: str | None = None) -> Vragenlijst:
    """A published questionnaire version (default: the one new rounds use); on a broken
    installation or an unknown version a Dutch error and ``st.stop()``."""
    try:
        return _vragenlijst(versie)
    except VragenlijstFout as exc:
        st.error(t("fout.vragenlijst"))
        st.code("\n".join(str(p) for p in exc.problemen), language=None)
        st.stop()


def vragenlijst_van_ronde(ronde: RondeInfo) -> Vragenlijst:
    """The questionnaire version the round was started with: rounds keep their version, so a 1.0
    round opens with 1.0's stellingen, scale and goals after 2.0 became the default. A version this
    installation does not have is explained in Dutch, and the page stops."""
    try:
        regels.eis_versie_bekend(ronde)
    except InvoerFout as fout:
        st.error(letterlijk(str(fout)), icon=":material/error:")
        st.stop()
    return vragenlijst_of_stop(ronde.vragenlijst_versie)


TOKEN_PARAM = "d"  # noqa: S105  (a parameter name, not a secret)
"""Query parameter of the personal link: the participant's token, so a refresh keeps them in."""


@st.cache_resource(show_spinner=False, on_release=lambda db: db.sluit())
def database_voor(url: str) -> Database:
    # One Database (engines and pools, no Session) per URL and process, shared by all sessions.
    return open_database(url)


# When each process last looked at the schema, and what it found (scan.db.migraties).
_SCHEMA: dict[str, tuple[float, SchemaToestand]] = {}
_SCHEMA_SLOT = threading.Lock()


def _schema_van(db: Database) -> SchemaToestand:
    """The schema as this process last saw it, looked at again every ``HERCONTROLE_SECONDEN``:
    another process may have migrated it (a rolling upgrade)."""
    with _SCHEMA_SLOT:
        gezien = _SCHEMA.get(db.url)
    if gezien is not None and time.monotonic() - gezien[0] < HERCONTROLE_SECONDEN:
        return gezien[1]
    # Outside the lock: a slow database holds up this session only, not every page of the process.
    toestand = schema_toestand(db)
    with _SCHEMA_SLOT:
        if gezien is None or gezien[1] != toestand:
            log.info("databaseschema: %s", toestand.regel())
        _SCHEMA[db.url] = (time.monotonic(), toestand)
    return toestand


def _toon_schema(regel: str) -> NoReturn:
    st.error(t("fout.schema", versie=__version__, regel=letterlijk(regel)), icon=":material/update:")
    st.stop()


def database() -> Database:
    """The app's database, migrated; on failure a Dutch error and ``st.stop()``.

    A schema this code does not know (a newer version migrated it, incompatibly) is refused with
    a page that says so, also when it changes under a running process; ``python -m scan check``
    fails then too, so a load balancer takes the process out."""
    try:
        db = database_voor(database_url())
    except SchemaOnbekend as fout:
        log.error("databaseschema onbekend: %s", fout)
        _toon_schema(f"{fout}")
    except Exception:
        log.exception("database niet bereikbaar")
        st.error(t("fout.database"))
        st.stop()
    try:
        toestand = _schema_van(db)
    except Exception:
        log.exception("databaseschema niet te lezen")
        st.error(t("fout.database"))
        st.stop()
    if not toestand.bruikbaar:
        _toon_schema(toestand.regel())
    return db


_DEZE_RUN = "_sessie_van_deze_run"
_VERVALLEN = "_vervallen_token"  # session_state: the token this session found void (see _zoek_sessie)


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
    # Where the token comes from: this session (checked before), an old-style link's ``?d=``
    # (taken out of the address at once), or the cookie the page's script set from ``#d=``
    # (scan.ui.linkgeheim). The last two may be guesses and are slowed down as such.
    token = st.session_state.get("token")
    geraden = token is None
    if token is None:
        token = st.query_params.get(TOKEN_PARAM) or linkgeheim.token_uit_cookie()
        # The cookie is the one the session started with (st.context.cookies does not change until
        # a reload): a token this session was using when it went void (the participant erased, the
        # example round removed) is not tried again on every rerun, nor counted as a guess each time.
        if token and token == st.session_state.get(_VERVALLEN):
            token = None
    st.query_params.pop(TOKEN_PARAM, None)
    if not token:
        return None
    if geraden and (wacht := poging_wachttijd()):
        st.session_state["onbekende_link"] = "afgeremd"
        st.session_state["afgeremd_seconden"] = wacht
        return None
    sessie = start.sessie_voor_token(db, token)
    if sessie is None:
        # A token this browser already used is gone: the facilitator removed this participant
        # (or the round went). Said once, by the page shown next, in plain Dutch.
        was_binnen = st.session_state.pop("token", None) is not None
        if was_binnen:
            st.session_state[_VERVALLEN] = token
        else:
            poging_mislukt()
        linkgeheim.vergeet_token()
        st.session_state.pop("niet_opgeslagen", None)  # saves of the removed participant, not to retry
        st.session_state["onbekende_link"] = "verwijderd" if was_binnen else "onbekend"
        return None
    if geraden:
        poging_gelukt()
    st.session_state["token"] = token
    st.session_state["sessie_ids"] = {"ronde": sessie.ronde.id, "deelnemer": sessie.deelnemer.id}
    return sessie


@st.cache_resource(show_spinner=False)
def _gemeente_namen(url: str) -> dict[str, str]:
    return {g.gm_code: g.naam for g in start.gemeenten(database_voor(url))}


def gemeente_namen() -> dict[str, str]:
    """CBS code to name, loaded once per process (reference data)."""
    return _gemeente_namen(database_url())


def meld_aan(sessie: Sessie) -> None:
    """This browser is now ``sessie``'s participant; the page's script keeps the token in a
    cookie and the address (``#d=``), never in a query parameter (scan.ui.linkgeheim)."""
    st.session_state["token"] = sessie.deelnemer.token


def ga_naar(url_path: str) -> None:
    """Rerun and open page ``url_path``; app.py switches there once the navigation has it.
    Focus moves to the new page's h1 (WCAG 2.4.3: not back to ``<body>``)."""
    st.session_state["ga_naar"] = url_path
    richt_op_kop()
    st.rerun()


def meld_af() -> None:
    st.session_state.clear()
    st.query_params.clear()
    linkgeheim.vergeet_token()


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
