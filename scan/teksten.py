"""The UI text catalogue: every string the app shows, in Dutch, in one place.

Layer: application (``scan/``). Pages call ``t("sleutel", naam=...)``; a missing key is a
bug that the catalogue test catches, so the fallback shows the key rather than crashing a
workshop. Questionnaire texts are not here: they live in the YAML as language maps.
"""

from __future__ import annotations

NL: dict[str, str] = {
    "app.titel": "Omnichannel zelfscan",
    "app.ondertitel": "Hoe volwassen is de kanaalaanpak van uw gemeente?",
    "nav.start": "Start",
    "start.intro": (
        "Met deze zelfscan bepaalt een werkgroep van uw gemeente, in een workshop van één tot drie uur, "
        "hoe ver de kanaalaanpak is op elk van de zestien bouwstenen van de VNG-handreiking "
        "*Omnichannel aanpak*. Iedere deelnemer beoordeelt stellingen op vijf niveaus; de scan maakt daar "
        "scores, radars en verbeterdoelen van."
    ),
    "start.versie": "Vragenlijst versie {versie} · {bouwstenen} bouwstenen · {stellingen} stellingen",
    "start.schaal.kop": "De vijf niveaus",
    "start.schaal.uitleg": (
        "Elke stelling heeft per niveau een concrete beschrijving. Kies het niveau dat het best beschrijft "
        "hoe het nu gaat. *{weet_niet}* en *{nvt}* tellen niet mee in de score."
    ),
    "start.schaal.kol.niveau": "Niveau",
    "start.schaal.kol.naam": "Naam",
    "start.schaal.kol.generatie": "Generatie kanaalstrategie",
    "start.schaal.kol.definitie": "Wat u dan ziet",
    "start.banden.kop": "Van score naar band",
    "start.banden.uitleg": (
        "Scores lopen van 0 tot 100: niveau 1 is 0, niveau 5 is 100. De banden zijn die van de VNG-omnichannelscan."
    ),
    "start.banden.kol.band": "Band",
    "start.banden.kol.score": "Score",
    "start.banden.kol.betekenis": "Betekenis",
    "start.bouwstenen.kop": "De zestien bouwstenen per dimensie",
    "start.bouwstenen.uitleg": (
        "Acht kernbouwstenen vormen de kern van een omnichannel aanpak; acht aanvullende bouwstenen gaan over "
        "de organisatie als geheel (1e schil) en de overheid in brede zin (2e schil)."
    ),
    "start.type.kern": "kernbouwsteen",
    "start.type.aanvullend.organisatie": "aanvullend · 1e schil: organisatie",
    "start.type.aanvullend.overheid": "aanvullend · 2e schil: overheid",
    "start.stellingen": "{aantal} stellingen bekijken",
    "start.kenmerken": "Kenmerken: {kenmerken}",
    "start.ankers.kol.niveau": "Niveau",
    "start.ankers.kol.tekst": "Zo ziet het eruit",
    "start.kenmerken.kop": "De acht kenmerken van omnichannel",
    "start.kenmerken.uitleg": "Elke stelling draagt bij aan één of meer van deze kenmerken; zo ontstaat een tweede radar.",
    "start.kenmerken.kol.stellingen": "Aantal stellingen",
    "start.dimensie.aantal": "{aantal} bouwstenen",
    "fout.vragenlijst": (
        "De vragenlijst kan niet geladen worden. Vraag de beheerder om `python -m scan validate` uit te voeren. "
        "Gevonden problemen:"
    ),
    "voet.bron": "Gemeentelijke gegevens: Bron: Centraal Bureau voor de Statistiek (CBS).",
}


def t(sleutel: str, **waarden: object) -> str:
    """The Dutch text for ``sleutel`` with ``{placeholders}`` filled in."""
    tekst = NL.get(sleutel)
    if tekst is None:
        return sleutel
    return tekst.format(**waarden) if waarden else tekst
