"""Use cases of the page Vergelijken: the rounds one may see, comparisons and the benchmark.

Layer: ``scan/services`` (no Streamlit, no SQL). Every function takes the ``Gebruiker`` and
checks access with ``scan.services.toegang.eis`` on what it loaded; a list only ever holds what
the person may see. Scores of closed rounds come from their stored key figures
(``ronde_scores``), those of open rounds are computed from the answers stored now.

The benchmark is anonymous: a group's figures are quartiles over the latest closed round of
every opted-in gemeente in it, shown only from ``scoring.vergelijking.MIN_GROEP`` gemeenten on.
Which gemeenten are in a group is never shown. Fictional (demo) rounds are only compared with
fictional rounds.

Role management and the benchmark opt-in are the page Beheer's (``scan.services.beheer``);
starting or opening a round as a signed-in person is the page Start's (``scan.services.start``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from scan.db.benchmark import Groepering
from scan.db.verbinding import Database
from scan.db.werk import Werk
from scan.fouten import InvoerFout
from scan.leesmodellen import PeerCijfers, RondeKort
from scan.services import resultaten
from scan.services.toegang import Gebruiker, eis_zichtbaar, onbekende_ronde
from scoring.loader import VragenlijstFout
from scoring.models import Vragenlijst
from scoring.vergelijking import (
    MAX_VERGELIJKEN,
    MIN_GROEP,
    Benchmark,
    Kerncijfers,
    Ontwikkeling,
    Positie,
    Soort,
    benchmark,
    kerncijfers,
)
from scoring.vergelijking import ontwikkeling as bereken_ontwikkeling
from scoring.versies import laad_overgang, laad_versie

__all__ = ["MAX_VERGELIJKEN", "MIN_GROEP", "Groepering", "RondeKort", "eis_zichtbaar", "onbekende_ronde"]

GROEPERINGEN: tuple[Groepering, ...] = ("grootteklasse", "provincie")
STANDAARD_AANTAL = 5
"""Rounds chosen when the page opens without a choice: the newest of the first gemeenten."""
BENCHMARK_SOORTEN: tuple[Soort, ...] = ("type", "dimensie", "bouwsteen")
"""The parts the benchmark chart and table show: kern and aanvullend apart (the kern score is the
headline), dimensies and bouwstenen; not the equal-weight total of all sixteen."""


# --- what one may see -------------------------------------------------------------------------


def zichtbare_rondes(db: Database, gebruiker: Gebruiker, gm_codes: Iterable[str] | None = None) -> list[RondeKort]:
    """The rounds ``gebruiker`` may see (of ``gm_codes`` when given), newest first per gemeente."""
    toegestaan = gebruiker.gemeenten("zien")
    gevraagd = None if gm_codes is None else set(gm_codes)
    if toegestaan is not None:
        gevraagd = set(toegestaan) if gevraagd is None else gevraagd & toegestaan
    with db.inzage() as werk:
        return werk.benchmark.rondes(gm_codes=gevraagd)


def eis_aantal(ronde_ids: Sequence[int]) -> None:
    if len(ronde_ids) > MAX_VERGELIJKEN:
        raise InvoerFout(
            f"U koos {len(ronde_ids)} scanrondes; vergelijk er hoogstens {MAX_VERGELIJKEN} tegelijk, "
            "anders worden de grafieken onleesbaar."
        )


def kerncijfers_van(
    db: Database, vragenlijst: Vragenlijst, gebruiker: Gebruiker, ronde_ids: Sequence[int]
) -> dict[int, Kerncijfers]:
    """The key figures of each round in ``ronde_ids``, refused whole if any is not the person's to see."""
    eis_aantal(ronde_ids)
    with db.inzage() as werk:
        rondes = eis_zichtbaar(gebruiker, ronde_ids, werk.benchmark.rondes(ids=set(ronde_ids)))
        opgeslagen = werk.benchmark.opgeslagen_kerncijfers(set(ronde_ids))
        return _kerncijfers(werk, vragenlijst, [rondes[i] for i in ronde_ids], opgeslagen)


def _kerncijfers(
    werk: Werk, vragenlijst: Vragenlijst, rondes: Sequence[RondeKort], opgeslagen: dict[int, str]
) -> dict[int, Kerncijfers]:
    uit: dict[int, Kerncijfers] = {}
    for r in rondes:
        if r.status == "afgerond" and r.id in opgeslagen:
            uit[r.id] = Kerncijfers.model_validate_json(opgeslagen[r.id])
        else:
            # An open round changes with every answer: scored from what this unit of work reads
            # (the results use case owns how a round is scored).
            # Each round with the questionnaire version it was started with.
            eigen = vragenlijst if r.vragenlijst_versie == vragenlijst.versie else laad_versie(r.vragenlijst_versie)
            uit[r.id] = kerncijfers(resultaten.resultaat_in(werk, eigen, r.id))
    return uit


def ontwikkeling(vragenlijst: Vragenlijst, oud: Kerncijfers, nieuw: Kerncijfers) -> Ontwikkeling:
    """The change between two rounds, through the mapping between their questionnaire versions."""
    try:
        overgang = laad_overgang(oud.vragenlijst_versie, nieuw.vragenlijst_versie)
    except VragenlijstFout:
        # A broken mapping in an installation: nothing counts as comparable, nothing breaks.
        overgang = None
    return bereken_ontwikkeling(vragenlijst, oud, nieuw, overgang)


# --- the page's choices, as rules ---------------------------------------------------------------


def rondes_uit_adres(waarden: Iterable[str]) -> list[int]:
    """Round ids named in the address (``?ronde=12&ronde=14``): numbers only, each once, in the
    order given, at most ``MAX_VERGELIJKEN`` (a hand-made link may name more: the first count)."""
    return list(dict.fromkeys(int(w) for w in waarden if w.isascii() and w.isdigit()))[:MAX_VERGELIJKEN]


def standaard_keuze(rondes: Sequence[RondeKort], gevraagd: Sequence[int]) -> list[int]:
    """What the page first shows: the rounds of the address the person may see, otherwise the
    newest round of each of the first ``STANDAARD_AANTAL`` gemeenten (``rondes`` newest first per
    gemeente, as ``zichtbare_rondes`` gives them)."""
    zichtbaar = {r.id for r in rondes}
    uit_adres = [i for i in gevraagd if i in zichtbaar]
    if uit_adres:
        return uit_adres
    nieuwste: dict[str, int] = {}
    for r in rondes:
        nieuwste.setdefault(r.gm_code, r.id)
    return list(nieuwste.values())[:STANDAARD_AANTAL]


def labels(rondes: Sequence[RondeKort]) -> dict[int, str]:
    """A label per round; two rounds of one gemeente on one day get their number.

    Decided over all rounds, not the chosen ones, so a label never changes while the page is open.
    """
    eigen = [(r.id, r.label) for r in rondes]  # once each: thousands of rounds on every rerun
    dubbel = {lbl for lbl, n in Counter(lbl for _, lbl in eigen).items() if n > 1}
    return {i: f"{lbl} ({i})" if lbl in dubbel else lbl for i, lbl in eigen}


def ontwikkelingen(rondes: Sequence[RondeKort], gekozen: Sequence[int]) -> dict[str, tuple[int, int]]:
    """Per gemeente with at least two chosen rounds: its two latest chosen (older, newer), by date
    and then id."""
    per_id = {r.id: r for r in rondes}
    per_gemeente: dict[str, list[int]] = {}
    for i in gekozen:
        per_gemeente.setdefault(per_id[i].gm_code, []).append(i)
    uit: dict[str, tuple[int, int]] = {}
    for gm, ids in per_gemeente.items():
        if len(ids) >= 2:
            oud, nieuw = sorted(ids, key=lambda i: (per_id[i].datum, i))[-2:]
            uit[gm] = (oud, nieuw)
    return uit


def benchmark_rijen(uitkomst: Benchmark) -> list[Positie]:
    """The parts of a benchmark the page's chart and table show."""
    return [p for p in uitkomst.posities if p.soort in BENCHMARK_SOORTEN]


# --- benchmark --------------------------------------------------------------------------------


def groep_label(groepering: Groepering, waarde: str) -> str:
    if groepering == "provincie":
        return f"de gemeenten in de provincie {waarde}"
    woorden = {
        "<25.000": "minder dan 25.000",
        "25.000-50.000": "25.000 tot 50.000",
        "50.000-100.000": "50.000 tot 100.000",
        ">100.000": "meer dan 100.000",
    }
    return f"de gemeenten met {woorden.get(waarde, waarde)} inwoners"


def nieuwste_per_gemeente(peers: Iterable[PeerCijfers]) -> dict[str, Kerncijfers]:
    """The key figures of each gemeente's newest round (by date, then by id for two on one day)."""
    nieuwste: dict[str, PeerCijfers] = {}
    for p in peers:
        if p.gm_code not in nieuwste or (p.datum, p.ronde_id) > (
            nieuwste[p.gm_code].datum,
            nieuwste[p.gm_code].ronde_id,
        ):
            nieuwste[p.gm_code] = p
    return {gm: Kerncijfers.model_validate_json(p.kerncijfers) for gm, p in nieuwste.items()}


class _Groep:
    """What a benchmark of one round against one grouping needs, loaded in one unit of work."""

    def __init__(self, ronde: RondeKort, groepering: Groepering, peers: list[PeerCijfers]) -> None:
        self.ronde = ronde
        self.waarde = ronde.grootteklasse if groepering == "grootteklasse" else ronde.provincie
        self.label = groep_label(groepering, self.waarde)
        self.peers = nieuwste_per_gemeente(peers)


def _laad(werk: Werk, vragenlijst: Vragenlijst, ronde: RondeKort, groeperingen: Sequence[Groepering]) -> list[_Groep]:
    uit = []
    for groepering in groeperingen:
        waarde = ronde.grootteklasse if groepering == "grootteklasse" else ronde.provincie
        peers = werk.benchmark.peers(groepering, waarde, fictief=ronde.fictief, versie=vragenlijst.versie)
        uit.append(_Groep(ronde, groepering, peers))
    return uit


def _ronde(werk: Werk, ronde_id: int) -> RondeKort:
    gevonden = werk.benchmark.rondes(ids={ronde_id})
    if not gevonden:
        raise InvoerFout(f"Scanronde {ronde_id} bestaat niet (meer).")
    return gevonden[0]


def _laad_benchmarks(
    werk: Werk, vragenlijst: Vragenlijst, ronde: RondeKort, groeperingen: Sequence[Groepering]
) -> tuple[list[_Groep], dict[int, str]] | None:
    """Inside the unit of work: the peer groups and the round's stored figures; ``None`` when its
    gemeente did not opt in."""
    if not werk.benchmark.deelname(ronde.gm_code).neemt_deel:
        return None
    return _laad(werk, vragenlijst, ronde, groeperingen), werk.benchmark.opgeslagen_kerncijfers({ronde.id})


def _benchmarks(
    werk: Werk, vragenlijst: Vragenlijst, ronde: RondeKort, geladen: tuple[list[_Groep], dict[int, str]] | None
) -> list[Benchmark] | None:
    """The round's benchmark per loaded group, in the same unit of work (an open round is scored
    from its answers by the results use case)."""
    if geladen is None:
        return None
    groepen, opgeslagen = geladen
    eigen = _kerncijfers(werk, vragenlijst, [ronde], opgeslagen)[ronde.id]
    return [benchmark(eigen, g.label, g.peers, MIN_GROEP) for g in groepen]


def benchmark_van_ronde(
    db: Database, vragenlijst: Vragenlijst, ronde_id: int, groepering: Groepering
) -> Benchmark | None:
    """The benchmark of a round whose gemeente opted in; ``None`` when it did not.

    No access check: for callers that already hold the round (its facilitator's PDF); people
    choosing rounds go through ``benchmark_voor``.
    """
    with db.inzage() as werk:
        ronde = _ronde(werk, ronde_id)
        geladen = _laad_benchmarks(werk, vragenlijst, ronde, [groepering])
        uitkomst = _benchmarks(werk, vragenlijst, ronde, geladen)
    return None if uitkomst is None else uitkomst[0]


def benchmark_positie(db: Database, vragenlijst: Vragenlijst, ronde_id: int) -> Benchmark | None:
    """The position a round's own results show (screen and PDF), only when its gemeente opted in.

    Among gemeenten of its size; among those of its province when too few of its size take part.
    """
    with db.inzage() as werk:
        return benchmark_positie_in(werk, vragenlijst, ronde_id)


def benchmark_positie_in(werk: Werk, vragenlijst: Vragenlijst, ronde_id: int) -> Benchmark | None:
    """``benchmark_positie`` inside a unit of work the caller holds (a download reads the round
    and its position in one)."""
    ronde = _ronde(werk, ronde_id)
    geladen = _laad_benchmarks(werk, vragenlijst, ronde, GROEPERINGEN)
    uitkomst = _benchmarks(werk, vragenlijst, ronde, geladen)
    if uitkomst is None:
        return None
    grootte, provincie = uitkomst
    return provincie if not grootte.voldoende and provincie.voldoende else grootte


def benchmark_voor(
    db: Database, vragenlijst: Vragenlijst, gebruiker: Gebruiker, ronde_id: int, groepering: Groepering
) -> Benchmark:
    """The benchmark of a round the person may see; refused when its gemeente did not opt in."""
    with db.inzage() as werk:
        ronde = eis_zichtbaar(gebruiker, [ronde_id], werk.benchmark.rondes(ids={ronde_id}))[ronde_id]
        geladen = _laad_benchmarks(werk, vragenlijst, ronde, [groepering])
        uitkomst = _benchmarks(werk, vragenlijst, ronde, geladen)
    if uitkomst is None:
        raise InvoerFout(
            f"Gemeente {ronde.gemeente} doet niet mee aan de anonieme benchmark. Alleen deelnemende gemeenten zien "
            "hoe zij staan ten opzichte van andere; een beheerder van de gemeente kan deelname aanzetten op de "
            "pagina Beheer."
        )
    return uitkomst[0]
