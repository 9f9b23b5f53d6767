"""Realistic, clearly fictional demonstration scans.

Layer: application (``scan/``). A demo round must look like a real workshop so that the
pages, reports and benchmarks are exercised on believable data: a municipality with its own
profile (larger ones a little further, data and chains usually behind the front office),
participants from different disciplines who each know their own field best (and say
"weet niet" more often outside it), who partly disagree, add a note now and then, and state
an ambition per bouwsteen. Everything is drawn from a seeded generator, so the same
gemeente and seed give the same file, and the file is marked ``fictief``.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid

from scan.gemeenten import GemeenteInfo
from scoring.models import Vragenlijst
from scoring.uitwissel import (
    Ambitie,
    Antwoord,
    Consensus,
    Deelnemer,
    Gemeente,
    Notitie,
    Scan,
    Scanronde,
    VragenlijstRef,
)

# (fictional first name + initial, function, dimensies the person knows well)
_DEELNEMERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Marloes V.", "Programmaleider dienstverlening", ("strategie", "organisatie", "frontoffice")),
    ("Anouk B.", "Teamleider KCC", ("frontoffice", "organisatie")),
    ("Mehmet Y.", "Informatieadviseur", ("backoffice", "data")),
    ("Sanne de W.", "Webredacteur", ("frontoffice",)),
    ("Ruud K.", "Beleidsmedewerker dienstverlening", ("strategie", "organisatie")),
    ("Priya R.", "Data-analist", ("data",)),
    ("Jeroen T.", "Klantcontactmedewerker", ("frontoffice",)),
    ("Fatima E.", "Communicatieadviseur", ("frontoffice", "strategie")),
    ("Bas van D.", "Procesregisseur", ("backoffice", "organisatie")),
    ("Linda H.", "Applicatiebeheerder zaaksysteem", ("backoffice", "data")),
    ("Youssef A.", "Medewerker Burgerzaken", ("frontoffice", "backoffice")),
    ("Ellen P.", "Adviseur ketensamenwerking sociaal domein", ("organisatie", "strategie")),
    ("Thijs M.", "Privacy officer", ("data",)),
    ("Naima O.", "Teamleider Vergunningen", ("backoffice",)),
    ("Wouter S.", "Concerncontroller", ("strategie", "data")),
)

_DIMENSIE_VOORSPRONG = {"frontoffice": 0.35, "strategie": 0.1, "backoffice": -0.1, "organisatie": 0.0, "data": -0.45}
_KLASSE_BASIS = {"<25.000": 2.2, "25.000-50.000": 2.45, "50.000-100.000": 2.7, ">100.000": 2.95}

_TOELICHTINGEN = (
    "Geldt voor de balie, niet voor de telefoon.",
    "Afgesproken in het MT, maar nog niet overal ingevoerd.",
    "Hangt sterk af van de afdeling.",
    "We zijn hiermee gestart in het sociaal domein.",
    "Dit staat in het jaarplan, de uitvoering loopt achter.",
    "Voor de toptaken wel, voor de rest niet.",
    "Ik weet niet of dit ook buiten het KCC gebeurt.",
    "Wordt gemeten, maar de cijfers worden niet besproken.",
    "Pilot loopt sinds dit voorjaar.",
    "Na de overstap naar het nieuwe zaaksysteem verbeterd.",
)


def _klem(waarde: float) -> int:
    return min(5, max(1, round(waarde)))


def maak_demo(
    vragenlijst: Vragenlijst,
    gemeente: GemeenteInfo,
    deelnemers: int,
    datum: dt.date,
    seed: int | None = None,
) -> Scan:
    """A fictional but plausible scanronde of ``gemeente`` with ``deelnemers`` participants."""
    if not 1 <= deelnemers <= 200:
        raise ValueError("het aantal deelnemers moet tussen 1 en 200 liggen")
    # Reproducible demo data, not security: a seeded PRNG is exactly right here.
    rng = random.Random(seed if seed is not None else f"{gemeente.gm_code}-{datum.isoformat()}-{deelnemers}")  # noqa: S311
    basis = _KLASSE_BASIS.get(gemeente.grootteklasse, 2.5) + rng.uniform(-0.5, 0.5)
    dimensie_niveau = {d: basis + v + rng.uniform(-0.35, 0.35) for d, v in _DIMENSIE_VOORSPRONG.items()}
    waar: dict[str, float] = {}
    for b in vragenlijst.bouwstenen:
        extra = -0.25 if b.type == "aanvullend" else 0.0
        b_niveau = dimensie_niveau[b.dimensie] + extra + rng.gauss(0, 0.35)
        for s in b.stellingen:
            waar[s.id] = b_niveau + rng.gauss(0, 0.45)
    # Some stellingen split the room: people see different parts of the organisation.
    omstreden = set(rng.sample(sorted(waar), k=max(1, len(waar) // 10)))

    personen: list[Deelnemer] = []
    kennis: dict[str, tuple[str, ...]] = {}
    bias: dict[str, float] = {}
    for i in range(deelnemers):
        naam, functie, domeinen = _DEELNEMERS[i % len(_DEELNEMERS)]
        if i >= len(_DEELNEMERS):
            naam = f"{naam} ({i // len(_DEELNEMERS) + 1})"
        pid = f"d{i + 1:02d}"
        personen.append(Deelnemer(id=pid, naam=naam, rol="facilitator" if i == 0 else "deelnemer", functie=functie))
        kennis[pid] = domeinen
        bias[pid] = rng.gauss(0, 0.2)

    begin = dt.datetime.combine(datum, dt.time(9, 30), tzinfo=dt.UTC)
    antwoorden: list[Antwoord] = []
    ambities: list[Ambitie] = []
    for p in personen:
        minuut = 0.0
        for b in vragenlijst.bouwstenen:
            thuis = b.dimensie in kennis[p.id]
            for s in b.stellingen:
                minuut += rng.uniform(0.3, 1.2)
                kans_weet_niet = 0.03 if thuis else 0.14
                trek = rng.random()
                if trek < 0.01:
                    waarde: int | str = "nvt"
                elif trek < 0.01 + kans_weet_niet:
                    waarde = "weet_niet"
                else:
                    ruis = rng.gauss(0, 0.3 if thuis else 0.5)
                    if s.id in omstreden:
                        ruis += rng.choice((-1.1, 1.1))
                    waarde = _klem(waar[s.id] + bias[p.id] + ruis)
                toelichting = rng.choice(_TOELICHTINGEN) if rng.random() < 0.06 else None
                antwoorden.append(
                    Antwoord(
                        deelnemer=p.id,
                        stelling=s.id,
                        antwoord=waarde,
                        toelichting=toelichting,
                        gewijzigd=begin + dt.timedelta(minutes=round(minuut, 2)),
                    )
                )
            huidig = sum(waar[s.id] for s in b.stellingen) / len(b.stellingen)
            ambities.append(Ambitie(bouwsteen=b.id, deelnemer=p.id, niveau=_klem(huidig + 1 + rng.gauss(0.2, 0.5))))

    # The werkgroep agreed ambitions for the kernbouwstenen and settled two discussions.
    for b in vragenlijst.bouwstenen:
        if b.type == "kern":
            eigen = sorted(a.niveau for a in ambities if a.bouwsteen == b.id)
            ambities.append(
                Ambitie(bouwsteen=b.id, niveau=eigen[len(eigen) // 2], toelichting="Vastgesteld in de workshop.")
            )
    consensus = []
    for sid in sorted(omstreden)[:2]:
        gegeven = sorted(a.antwoord for a in antwoorden if a.stelling == sid and isinstance(a.antwoord, int))
        if len(gegeven) >= 2:
            consensus.append(
                Consensus(
                    stelling=sid,
                    niveau=gegeven[len(gegeven) // 2],
                    toelichting="Na bespreking: het KCC werkt zo, de vakafdelingen nog niet.",
                    vastgesteld_op=begin + dt.timedelta(hours=2),
                )
            )
    return Scan(
        vragenlijst=VragenlijstRef(id=vragenlijst.meta.id, versie=vragenlijst.versie),
        gemeente=Gemeente(gm_code=gemeente.gm_code, naam=gemeente.naam),
        scanronde=Scanronde(
            id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            datum=datum,
            omschrijving=f"FICTIEVE demonstratiescan voor {gemeente.naam}: geen echte gegevens van deze gemeente.",
        ),
        fictief=True,
        deelnemers=personen,
        antwoorden=antwoorden,
        ambities=ambities,
        consensus=consensus,
        notities=[Notitie(tekst="Fictieve workshop, gegenereerd met 'python -m scan demo'.")],
    )
