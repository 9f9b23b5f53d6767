"""Every page in a real browser with hostile text in every field a user can fill (issue 13, case 1).

One round, seeded through the services as the app would store it: participant names and
functions, notes, consensus reasons, goals (title, action, indicator, unit, source, owner,
support, notes; one of them proposed by a participant), a goal of an earlier round, the round's
description and an agreed ambition's reason all hold payloads from tests/vijandig.py. Every
page is opened as the facilitator (who also holds the beheer link) and as a participant, and
the projector view /scherm. In the DOM no element may stem from user text (no image, foreign
link, heading, math, icon, emoji, colour, emphasis, code, list or quote made of a payload), each
payload's marker must be on the page where its field is shown, and no request may leave for the
payloads' image host (127.0.0.9) or phishing domain.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from scan import doelen as doelservice
from scan import services, werkgroep
from scan.database import open_database
from scan.fouten import InvoerFout
from scan.repository import Sessie
from scoring.models import Vragenlijst
from scoring.uitwissel import Doel
from tests.vijandig import MARKUP, Payload

from .conftest import Server, word_beheerder

pytestmark = pytest.mark.slow

# Text that only shows inside an element when the payload was interpreted as markup, by tag.
_VIOLATIES = r"""
(poort) => {
  const fouten = [];
  const zonder = s => (s || '').replace(/[\u2060\u2068\u2069]/g, '').replace(/\s+/g, ' ').trim();
  const alle = (sel, f) => document.querySelectorAll(sel).forEach(e => { const r = f(e, zonder(e.textContent)); if (r) fouten.push(r); });
  alle('img', e => { const s = e.getAttribute('src') || '';
    return /^(data:|blob:|\/|http:\/\/[^/]+:\d+\/media\/)/.test(s) && !s.includes('127.0.0.9') ? null : 'img ' + s; });
  alle('a[href]', (e, t) => { let u; try { u = new URL(e.href); } catch (x) { return 'a ' + e.href; }
    const eigen = u.port === poort && /^https?:$/.test(u.protocol);
    return eigen && !['Klik hier', 'Inloggen'].includes(t) ? null : 'a ' + e.href + ' ' + t; });
  alle('h1,h2,h3,h4,h5,h6', (e, t) =>
    (t.includes('Groot') && !t.includes('# Groot')) || (/(^|\s)Kop$/.test(t)) ? 'kop ' + t : null);
  alle('.katex, .katex-display, math', (e, t) => 'wiskunde ' + t);
  alle('[data-testid="stIconMaterial"]', (e, t) => ['warning', 'rocket'].includes(t) ? 'icoon ' + t : null);
  alle('span[style*="color"], small, [class*="Badge"]', (e, t) =>
    ['rood', 'blauw', 'klein', 'badge'].includes(t) ? 'kleur ' + t : null);
  alle('strong, em, b, i', (e, t) => ['vet', 'schuin'].includes(t) ? 'nadruk ' + t : null);
  alle('code, pre', (e, t) => ['code', 'blok', 'ingesprongen code'].includes(t) ? 'code ' + t : null);
  alle('del, s', (e, t) => 'doorgehaald ' + t);
  alle('blockquote', (e, t) => 'citaat ' + t);
  alle('li', (e, t) => ['punt', 'genummerd', '1. genummerd'].includes(t) ? 'lijst ' + t : null);
  alle('th', (e, t) => ['a', 'b'].includes(t) ? 'tabel ' + t : null);
  alle('sup, section.footnotes, [data-footnotes]', (e, t) => 'voetnoot ' + t);
  const tekst = document.body.textContent;
  for (const emoji of ['\u{1F604}', '\u{1F680}']) if (tekst.includes(emoji)) fouten.push('emoji ' + emoji);
  return fouten;
}
"""
_TEKST = r"""() => document.body.textContent.replace(/[\u2060\u2068\u2069]/g, '').replace(/\s+/g, ' ')"""


def _kort(tekst: str, maximum: int) -> str:
    return tekst[:maximum].strip()


def _merk(payload: Payload) -> str:
    assert payload.merkteken is not None
    return re.sub(r"\s+", " ", payload.merkteken).strip()


@dataclass
class Kamer:
    facilitator: Sessie
    deelnemer: Sessie
    # Per page: the payloads whose marker must be visible there.
    verwacht: dict[str, list[Payload]]


def _zaai(db_url: str, vl: Vragenlijst) -> Kamer:
    """The round with hostile text in every field, through the services (what they accept today)."""
    db = open_database(db_url)
    try:
        pl = list(MARKUP)
        n = len(pl)
        omschrijving = next(p for p in pl if p.naam == "md_heading").tekst
        # An earlier round of the same gemeente with an accepted goal: Doelen shows it to everyone.
        eerder = services.start_ronde(
            db, vl, gm_code="GM0344", facilitator="Eerdere facilitator", datum=dt.date(2025, 11, 1)
        )
        eerder_titel = next(p for p in pl if p.naam == "md_link")
        doelservice.bewaar(
            db,
            vl,
            eerder,
            Doel(
                id="eerder-1",
                bouwsteen=vl.bouwstenen[0].id,
                titel=eerder_titel.tekst,
                actie=pl[0].tekst,
                indicator=pl[1].tekst,
            ),
            besluit="geaccepteerd",
            verwachte_versie=None,
        )
        facilitator_naam = next(p for p in pl if p.naam == "md_img")
        functie_f = next(p for p in pl if p.naam == "kleur")
        facilitator = services.start_ronde(
            db,
            vl,
            gm_code="GM0344",
            facilitator=facilitator_naam.tekst,
            functie=functie_f.tekst,
            datum=dt.date(2026, 12, 7),
            omschrijving=omschrijving,
        )
        code = facilitator.ronde.code
        namen, functies = [facilitator_naam], [functie_f]
        deelnemers: list[Sessie] = []
        for i, p in enumerate(q for q in pl if q is not facilitator_naam):
            functie = pl[(i + 3) % n]
            try:
                sessie = services.neem_deel(
                    db, vl, code=code, naam=_kort(p.tekst, 120), functie=_kort(functie.tekst, 120)
                )
            except InvoerFout:  # a name refused (another helper normalises names): skip it for names
                continue
            deelnemers.append(sessie)
            namen.append(p)
            functies.append(functie)
        stellingen = [s.id for _, s in vl.stellingen()]
        # Everyone disagrees on the first 1 + n stellingen: all are bespreekpunten.
        for j, d in enumerate(deelnemers):
            for s in stellingen[: 1 + n]:
                services.sla_antwoord_op(db, vl, d, s, "1" if j % 2 else "5")
        notities = []
        for j, d in enumerate(deelnemers):
            p = pl[(j + 7) % n]
            services.sla_toelichting_op(db, vl, d, stellingen[0], p.tekst)
            notities.append(p)
        # A consensus with a hostile reason on each of the next stellingen (they move to "besproken").
        redenen = []
        for k, p in enumerate(pl):
            services.stel_consensus_vast(
                db,
                vl,
                facilitator,
                stelling=stellingen[1 + k],
                niveau=3,
                toelichting=_kort(p.tekst, 500),
                verwachte_versie=None,
            )
            redenen.append(p)
        werkgroep.stel_ambitie_vast(db, vl, facilitator, vl.bouwstenen[0].id, 4, _kort(pl[5].tekst, 500))
        # Goals: five shown fields per goal, every payload in one of them.
        zichtbaar = ("titel", "actie", "indicator", "eenheid", "eigenaar")
        maxima = {"titel": 120, "eenheid": 40}
        doel_payloads: list[Payload] = []
        for g in range(0, n, len(zichtbaar)):
            velden = {veld: _kort(pl[(g + v) % n].tekst, maxima.get(veld, 4000)) for v, veld in enumerate(zichtbaar)}
            doel_payloads += [pl[(g + v) % n] for v in range(len(zichtbaar))]
            doel = Doel(
                id=f"doel-{g}",
                bouwsteen=vl.bouwstenen[g % len(vl.bouwstenen)].id,
                **velden,
                bron=pl[(g + 11) % n].tekst,
                draagvlak=pl[(g + 12) % n].tekst,
                notities=pl[(g + 13) % n].tekst,
                deadline=dt.date(2027, 12, 1),
            )
            if g == 0:  # proposed by a participant: their name is shown as who proposed it
                doelservice.stel_doel_voor(db, vl, deelnemers[0], doel)
            else:
                doelservice.bewaar(db, vl, facilitator, doel, besluit="geaccepteerd", verwachte_versie=None)

        # Markers with a newline cannot be checked in a one-line place; an eenheid is cut at 40.
        def _te_zien(lijst: list[Payload]) -> list[Payload]:
            return [p for p in lijst if p.merkteken and "\n" not in p.merkteken]

        deelnemer = deelnemers[0]
        return Kamer(
            facilitator=facilitator,
            deelnemer=deelnemer,
            verwacht={
                "workshop": _te_zien(namen + functies + notities + redenen),
                # The projector lists those who fill in: the facilitator has not answered.
                "scherm": _te_zien(namen[1:]),
                "doelen": _te_zien([*doel_payloads, eerder_titel]),
                "start_f": _te_zien([facilitator_naam]),
                "invullen_f": _te_zien([facilitator_naam]),
                "start_d": _te_zien([namen[1]]),
                "invullen_d": _te_zien([namen[1]]),
            },
        )
    finally:
        db.sluit()


@pytest.fixture(scope="module")
def kamer(server: Server, vragenlijst_module: Vragenlijst) -> Kamer:
    return _zaai(server.database_url, vragenlijst_module)


@pytest.fixture(scope="module")
def vragenlijst_module() -> Vragenlijst:
    from scoring.loader import laad_vragenlijst

    return laad_vragenlijst()


def _wacht_klaar(pagina: Any, kenmerk: str) -> None:
    pagina.locator('[data-testid="stApp"][data-test-connection-state="CONNECTED"]').wait_for(state="attached")
    pagina.get_by_text(kenmerk).first.wait_for(state="attached")
    pagina.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(state="attached")


@pytest.fixture
def verzoeken() -> Iterator[list[str]]:
    lijst: list[str] = []
    yield lijst
    weg = [u for u in lijst if "127.0.0.9" in u or "phish.example" in u]
    assert weg == [], f"verzoeken naar buiten door gebruikerstekst: {weg}"


# (address, text that shows the page is there, key of the expected markers)
PAGINAS_FACILITATOR = [
    ("", "Welkom terug", "start_f"),
    ("invullen", "Vorige", "invullen_f"),
    ("workshop", "Toelichtingen van deelnemers", "workshop"),
    ("resultaten", "Rapporten en bestanden", None),
    ("doelen", "Doelen uit eerdere scanrondes", "doelen"),
    ("vergelijken", "Vergelijken", None),
    ("beheer", "Beheer", None),
    ("over", "Omnichannel zelfscan", None),
]
PAGINAS_DEELNEMER = [
    ("", "Welkom terug", "start_d"),
    ("invullen", "Vorige", "invullen_d"),
    ("resultaten", "Rapporten en bestanden", None),
    ("doelen", "Doelen uit eerdere scanrondes", "doelen"),
    ("over", "Omnichannel zelfscan", None),
]


def test_every_page__hostile_text_in_every_field__stays_text_and_fetches_nothing(
    server: Server,
    browser: Any,
    kamer: Kamer,
    verzoeken: list[str],
    screenshot: Callable[[Any, str], object],
) -> None:
    poort = server.url.rsplit(":", 1)[1]
    fouten: dict[str, list[str]] = {}
    ontbreekt: dict[str, list[str]] = {}

    def bekijk(pagina: Any, naam: str, adres: str, kenmerk: str, sleutel: str | None) -> None:
        pagina.goto(adres)
        _wacht_klaar(pagina, kenmerk)
        if v := pagina.evaluate(_VIOLATIES, poort):
            fouten[naam] = v
        if pagina.locator('[data-testid="stException"]').count():
            fouten.setdefault(naam, []).append("traceback op het scherm")
        if sleutel is not None:
            tekst = pagina.evaluate(_TEKST)
            if mis := [p.naam for p in kamer.verwacht[sleutel] if _merk(p) not in tekst]:
                ontbreekt[naam] = mis
        if sleutel in ("workshop", "doelen"):
            # The whole page to look at (Streamlit scrolls its main area, not the document).
            hoogte = pagina.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
            pagina.set_viewport_size({"width": 1440, "height": min(int(hoogte), 12_000)})
            screenshot(pagina, f"letterlijk_{naam}")
            pagina.set_viewport_size({"width": 1440, "height": 1000})
        else:
            screenshot(pagina, f"letterlijk_{naam}")

    for rol, token, paginas, beheer in (
        ("facilitator", kamer.facilitator.deelnemer.token, PAGINAS_FACILITATOR, True),
        ("deelnemer", kamer.deelnemer.deelnemer.token, PAGINAS_DEELNEMER, False),
    ):
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="nl-NL")
        context.on("request", lambda r: verzoeken.append(r.url))
        pagina = context.new_page()
        pagina.set_default_timeout(30_000)
        try:
            if beheer:
                word_beheerder(pagina, server)
            for pad, kenmerk, sleutel in paginas:
                bekijk(pagina, f"{rol}_{pad or 'start'}", f"{server.url}/{pad}?d={token}", kenmerk, sleutel)
        finally:
            context.close()

    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="nl-NL")
    context.on("request", lambda r: verzoeken.append(r.url))
    pagina = context.new_page()
    pagina.set_default_timeout(30_000)
    try:
        db = open_database(server.database_url)
        try:
            from scan import bespreken

            token = bespreken.presentatie_token(db, kamer.facilitator)
        finally:
            db.sluit()
        bekijk(pagina, "scherm", f"{server.url}/scherm?scherm={token}", "Bijgewerkt", "scherm")
    finally:
        context.close()

    assert fouten == {}, fouten
    assert ontbreekt == {}, ontbreekt
