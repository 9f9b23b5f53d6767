"""Stateful property test: any sequence of answering, changing, noting, reopening and a second
device ends with the database holding exactly what a plain dict says it should."""

from __future__ import annotations

import datetime as dt
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from scan.db.openen import open_database
from scan.db.verbinding import Database
from scan.leesmodellen import Sessie
from scan.services import invullen, start
from scoring.loader import laad_vragenlijst
from scoring.tekst import controleer
from tests.conftest import sqlite_kopie

VRAGENLIJST = laad_vragenlijst()
STELLINGEN = [s.id for _, s in VRAGENLIJST.stellingen()][:6]
WAARDEN = st.sampled_from(["1", "2", "3", "4", "5", "weet_niet", "nvt"])
TEKSTEN = st.text(alphabet=st.characters(blacklist_categories=["Cc", "Cs"]), max_size=30)


class Workshop(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.map = tempfile.TemporaryDirectory()
        self.url = sqlite_kopie(Path(self.map.name) / "zelfscan.db")
        self.db: Database = open_database(self.url)
        facilitator = start.start_ronde(
            self.db, VRAGENLIJST, gm_code="GM0344", facilitator="F", datum=dt.date(2026, 11, 22)
        )
        self.sessie: Sessie = start.neem_deel(self.db, VRAGENLIJST, code=facilitator.ronde.code, naam="Karel")
        self.keuzes: dict[str, str] = {}
        self.notities: dict[str, str] = {}

    @rule(stelling=st.sampled_from(STELLINGEN), waarde=WAARDEN)
    def kies(self, stelling: str, waarde: str) -> None:
        invullen.sla_antwoord_op(self.db, VRAGENLIJST, self.sessie, stelling, waarde)
        self.keuzes[stelling] = waarde

    @rule(stelling=st.sampled_from(STELLINGEN), tekst=TEKSTEN)
    def noteer(self, stelling: str, tekst: str) -> None:
        invullen.sla_toelichting_op(self.db, VRAGENLIJST, self.sessie, stelling, tekst)
        # Stored as the one text rule cleans it (invisible format characters out, NFC, ends trimmed).
        schoon = controleer(tekst, "toelichting", "De toelichting") or ""
        if schoon:
            self.notities[stelling] = schoon
        else:
            self.notities.pop(stelling, None)

    @rule()
    def herstart(self) -> None:
        """The server restarts: new engines, nothing carried over but the file."""
        self.db.sluit()
        self.db = open_database(self.url)

    @rule()
    def tweede_apparaat(self) -> None:
        """The personal link opened elsewhere finds the same participant."""
        terug = start.sessie_voor_token(self.db, self.sessie.deelnemer.token)
        assert terug == self.sessie

    @invariant()
    def database_is_het_model(self) -> None:
        opgeslagen = invullen.mijn_antwoorden(self.db, self.sessie)
        assert {s: a.antwoord for s, a in opgeslagen.items() if a.antwoord is not None} == self.keuzes
        assert {s: a.toelichting for s, a in opgeslagen.items() if a.toelichting is not None} == {
            s: unicodedata.normalize("NFC", t) for s, t in self.notities.items()
        }

    def teardown(self) -> None:
        self.db.sluit()
        self.map.cleanup()


Workshop.TestCase.settings = settings(max_examples=15, stateful_step_count=12, deadline=None)
TestWorkshop = Workshop.TestCase
