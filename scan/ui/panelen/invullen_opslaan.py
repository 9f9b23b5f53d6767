"""Invullen's saves: every choice and note is saved the moment it changes, and a failed save
stays on screen beside a Dutch error, so nothing the participant did is lost.

Widget values are rebuilt from the database on every run (the database is the source of truth),
except for a value whose save just failed. A widget this session has never drawn (a new
session: a refresh, a second device, or a browser that reconnected after a server restart)
takes its value from the browser; if that differs from what is stored, it is a click the
server saw no callback for, and it is saved instead of being overwritten.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import streamlit as st

from scan.fouten import InvoerFout, OpslagFout
from scan.leesmodellen import MijnAntwoord, Sessie
from scan.services import invullen, samen
from scan.ui.delen import herteken_ook, toast
from scan.ui.foutgrens import opslag_mislukt, veilig
from scan.ui.opmaak import tijd
from scan.ui.teksten import t
from scan.ui.toegankelijk import kondig_aan
from scan.ui.weergave import letterlijk
from scoring.models import Vragenlijst
from scoring.tijd import nu

if TYPE_CHECKING:
    from scan.db.verbinding import Database  # a type only: panels reach the database through services

log = logging.getLogger(__name__)

VOORTGANG = "voortgang"
"""The part with the progress bar and the bouwsteen's stand (two places at the top, one part)."""
AMBITIE_DEEL = "ambitie_deel"


def stelling_deel(stelling_id: str) -> str:
    """The name of a stelling's part (``scan.ui.delen``)."""
    return f"stelling_{stelling_id}"


@dataclass
class Opslag:
    """The saves of one participant on one run of the page; callbacks get it as an argument."""

    db: Database
    vl: Vragenlijst
    sessie: Sessie
    afgerond: bool = False
    mislukt: dict[str, str] = field(default_factory=lambda: st.session_state.setdefault("niet_opgeslagen", {}))
    """Per widget key: the Markdown message of a save that failed (its value stays on screen)."""
    getoond: dict[str, object] = field(
        default_factory=lambda: st.session_state.setdefault("invullen_getoond_waarden", {})
    )
    """What this session last put on screen per widget."""
    eenmalig: dict[str, str] = field(default_factory=dict)
    """Per widget key: a failed save's message shown once beside a widget that cannot change any
    more (the part was revealed), which shows what is stored again."""
    in_delen: bool = False
    """The stellingen and the ambition are parts that rerun on their own (``scan.ui.delen``):
    a click that changes the progress reruns the progress too (*Eigen tempo*)."""

    def als_tekst(self, waarde: str) -> str:
        """A choice as the participant reads it (the questionnaire's words, no user text)."""
        return invullen.keuze_label(self.vl, waarde)

    def bewaar(self, sleutel: str, opslaan: Callable[[], dt.datetime], bevestiging: str) -> None:
        """Run one save; on failure keep the value on screen and say so, never a traceback."""
        try:
            moment = opslaan()
        except InvoerFout as fout:
            # Kept as Markdown (shown beside the stelling on the next runs): user text escaped now.
            self.mislukt[sleutel] = letterlijk(str(fout))
            # Also where the participant is looking: the message beside the stelling can be out of
            # view on a phone, and a click must be confirmed or visibly refused. Streamlit cuts long
            # toasts with an English "view more", so a long message gets a short pointer instead.
            melding = letterlijk(str(fout)) if len(str(fout)) <= 70 else t("invullen.niet_opgeslagen")
            toast(melding, fout=True)
            # A screen reader hears the whole reason at once (no toast limit there).
            kondig_aan(self.mislukt[sleutel], fout=True)
        except OpslagFout as fout:
            opslag_mislukt(fout, "invullen opslaan")
            self.mislukt[sleutel] = t("invullen.fout.database")
            toast(t("invullen.niet_opgeslagen"), fout=True)
            kondig_aan(self.mislukt[sleutel], fout=True)
        else:
            self.mislukt.pop(sleutel, None)
            # With the time: a second save of the same stelling within seconds shows a toast of its
            # own instead of one that looks like the previous, still visible, confirmation. The
            # same words go to the app's live region (the toast is not announced).
            toast(f"{bevestiging} · {tijd(moment)}")
            kondig_aan(f"{bevestiging} · {tijd(moment)}")

    def stand(self) -> tuple[dict[str, MijnAntwoord], dict[str, tuple[int, dt.datetime]]]:
        """What is stored now (a part's own rerun reads it again: another device may have changed it)."""
        return invullen.mijn_stand(self.db, self.sessie)

    def antwoord(self, stelling_id: str) -> MijnAntwoord | None:
        """What is stored now for one stelling."""
        return invullen.mijn_antwoord(self.db, self.sessie, stelling_id)

    def voortgang_na(self, sleutel: str, deel: str) -> None:
        """After a successful first choice (nothing was on screen before): the progress at the top
        changes too, so it reruns with the clicked part ``deel``."""
        if self.in_delen and sleutel not in self.mislukt:
            herteken_ook(deel, VOORTGANG)

    def onveranderd(self, sleutel: str, waarde: object) -> bool:
        """A change event for the value this session shows and has stored: no change at all.

        Streamlit can report one when a part's rerun was cut short by the next click (the load
        generator saw "Opgeslagen: toelichting" for notes nobody typed, about one click in 400
        under load, issue 20); saving it again would confirm what the participant did not do.
        A value whose save failed is always saved again."""
        return sleutel not in self.mislukt and sleutel in self.getoond and self.getoond[sleutel] == waarde

    def melding(self, sleutel: str) -> str | None:
        """The message of a failed save to show beside the widget of ``sleutel`` on this run."""
        return self.mislukt.get(sleutel) or self.eenmalig.get(sleutel)

    def sluit(self, sleutels: set[str]) -> None:
        """A failed save of a widget that cannot change any more (a revealed part, a re-voted
        stelling) is said once beside it, and the widget shows what is stored again."""
        for sleutel in sleutels & self.mislukt.keys():
            self.eenmalig[sleutel] = self.mislukt.pop(sleutel)

    def alleen(self, getoond: set[str]) -> list[str]:
        """*Samen*: failed saves of widgets not on screen any more (the room moved on) are
        forgotten; their messages are returned to say once at the top."""
        weg = [k for k in self.mislukt if k not in getoond]
        return sorted({self.mislukt.pop(k) for k in weg})

    def uit_database(self, sleutel: str, opgeslagen: object) -> None:
        """Put the stored value in the widget's state, unless the widget is new to this session
        or its last save failed (then what the participant did stays on screen)."""
        if sleutel in self.mislukt or sleutel not in self.getoond:
            return
        st.session_state[sleutel] = opgeslagen
        self.getoond[sleutel] = opgeslagen

    def na_tekenen(
        self, sleutel: str, opgeslagen: object, waarde: object, opslaan: Callable[[], dt.datetime], bevestiging: str
    ) -> None:
        """After a widget new to this session is drawn: save a browser value that differs from the stored one."""
        if sleutel in self.getoond or sleutel in self.mislukt:
            return
        self.getoond[sleutel] = waarde
        if waarde != opgeslagen and waarde is not None and not self.afgerond:
            log.info("klik zonder callback opgeslagen (nieuwe sessie)", extra={"sleutel": sleutel})
            self.bewaar(sleutel, opslaan, bevestiging)


@veilig
def keuze(opslag: Opslag, stelling_id: str, nummer: int) -> None:
    sleutel = f"a_{stelling_id}"
    waarde = st.session_state[sleutel]
    if waarde is not None and not opslag.onveranderd(sleutel, waarde):
        eerste = opslag.getoond.get(sleutel) is None
        opslag.bewaar(
            sleutel,
            lambda: invullen.sla_antwoord_op(opslag.db, opslag.vl, opslag.sessie, stelling_id, waarde),
            t("invullen.opgeslagen", nummer=nummer, keuze=opslag.als_tekst(waarde)),
        )
        if eerste:
            opslag.voortgang_na(sleutel, stelling_deel(stelling_id))


@veilig
def toelichting(opslag: Opslag, stelling_id: str, nummer: int) -> None:
    sleutel = f"t_{stelling_id}"
    tekst = st.session_state[sleutel]
    if opslag.onveranderd(sleutel, tekst):
        return
    opslag.bewaar(
        f"t_{stelling_id}",
        lambda: invullen.sla_toelichting_op(opslag.db, opslag.vl, opslag.sessie, stelling_id, tekst),
        t("invullen.toelichting.opgeslagen", nummer=nummer),
    )


@veilig
def ambitie(opslag: Opslag, bouwsteen_id: str) -> None:
    sleutel = f"amb_{bouwsteen_id}"
    niveau = st.session_state[sleutel]
    if niveau is not None:
        eerste = opslag.getoond.get(sleutel) is None
        opslag.bewaar(
            sleutel,
            lambda: invullen.sla_ambitie_op(
                opslag.db, opslag.vl, opslag.sessie, bouwsteen_id, invullen.als_niveau(niveau)
            ),
            t("invullen.ambitie.opgeslagen", keuze=opslag.als_tekst(niveau)),
        )
        if eerste:
            opslag.voortgang_na(sleutel, AMBITIE_DEEL)


def _met_tijd(opslaan: Callable[[], object]) -> Callable[[], dt.datetime]:
    """A save whose service returns nothing, with the moment it was confirmed."""

    def _opslaan() -> dt.datetime:
        opslaan()
        return nu()

    return _opslaan


def zekerheid_opslaan(opslag: Opslag, stelling_id: str, zekerheid: str | None) -> Callable[[], dt.datetime]:
    return _met_tijd(lambda: samen.sla_zekerheid_op(opslag.db, opslag.vl, opslag.sessie, stelling_id, zekerheid))


def herstemming_opslaan(opslag: Opslag, stelling_id: str, antwoord: str) -> Callable[[], dt.datetime]:
    return _met_tijd(lambda: samen.sla_herstemming_op(opslag.db, opslag.vl, opslag.sessie, stelling_id, antwoord))


@veilig
def zekerheid(opslag: Opslag, stelling_id: str, nummer: int) -> None:
    waarde = st.session_state[f"z_{stelling_id}"]
    opslag.bewaar(
        f"z_{stelling_id}",
        zekerheid_opslaan(opslag, stelling_id, waarde),
        t("telefoon.zekerheid.opgeslagen" if waarde else "telefoon.zekerheid.weg", nummer=nummer),
    )


@veilig
def herstemming(opslag: Opslag, stelling_id: str, nummer: int) -> None:
    waarde = st.session_state[f"h_{stelling_id}"]
    if waarde is not None:
        opslag.bewaar(
            f"h_{stelling_id}",
            herstemming_opslaan(opslag, stelling_id, waarde),
            t("telefoon.herstemming.opgeslagen", nummer=nummer, keuze=opslag.als_tekst(waarde)),
        )


@veilig
def ga(vl: Vragenlijst, stap: int) -> None:
    naar = invullen.buur(vl, st.session_state.get("invullen_b"), stap)
    if naar is not None:  # None: a crafted click without the bouwsteen choice, nothing to move from
        st.session_state["invullen_b"] = naar
