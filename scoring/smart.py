"""The SMART check of an improvement goal: per letter passed or not, with a Dutch reason.

Layer: pure domain (``scoring/``). The check is Pydantic validation: ``SmartDoel`` validates
a goal with the context it needs (today, the current level, the template's step) and every
failing letter becomes its own error; ``toets`` turns those errors into five verdicts. A goal a
werkgroep writes from scratch gets exactly the same check as a suggested one.

Rules (the handreiking §3.4.5 asks for SMART goals; the thresholds are ours and stated here):
- S: a title and an action of at least six words that names what is done, without escape
  phrases such as "waar mogelijk".
- M: an indicator with unit, a baseline and a target that differ in the indicator's direction,
  and a source of the figures. An indicator never measured yet may instead have the plan
  "nulmeting volgt, uiterlijk <datum>": a date not in the past and not after the deadline; the
  target may then wait for the baseline (the R's rate cap, which needs a baseline, is skipped).
- A: an owner and a note on who supports the goal.
- R: not skipping a level (a template's step starts at or below the current level), at least
  half the template's horizon, and for a goal written from scratch no more than 40 percentage
  points per year on a percentage.
- T: a deadline between 3 and 24 months from today.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from scoring.doelen import DoelenBibliotheek
from scoring.uitwissel import Doel

Letter = Literal["S", "M", "A", "R", "T"]
LETTERS: tuple[Letter, ...] = ("S", "M", "A", "R", "T")
NAMEN: dict[Letter, str] = {
    "S": "Specifiek",
    "M": "Meetbaar",
    "A": "Acceptabel",
    "R": "Realistisch",
    "T": "Tijdsgebonden",
}
MIN_WOORDEN_ACTIE = 6
MIN_MAANDEN, MAX_MAANDEN = 3, 24
MAX_PROCENTPUNT_PER_JAAR = 40.0
VAAG = re.compile(r"\b(waar mogelijk|zo ?veel mogelijk|indien mogelijk|zo snel mogelijk|in principe)\b", re.IGNORECASE)


class Oordeel(BaseModel):
    model_config = ConfigDict(frozen=True)

    letter: Letter
    naam: str
    geslaagd: bool
    reden: str


class SmartUitslag(BaseModel):
    model_config = ConfigDict(frozen=True)

    oordelen: tuple[Oordeel, ...]

    @property
    def geslaagd(self) -> bool:
        return all(o.geslaagd for o in self.oordelen)

    def letter(self, letter: Letter) -> Oordeel:
        return next(o for o in self.oordelen if o.letter == letter)


def _maanden_tussen(begin: dt.date, eind: dt.date) -> float:
    # Calendar months, so "24 months from today" is exactly 24 also across a leap day.
    return (eind.year - begin.year) * 12 + (eind.month - begin.month) + (eind.day - begin.day) / 31


def _leeg(tekst: str | None) -> bool:
    return tekst is None or not tekst.strip()


class SmartDoel(Doel):
    """A goal that only validates when it is SMART; each failing letter is one error at ``loc=(letter,)``.

    Context keys: ``vandaag`` (date, required), ``niveau`` (current level of the bouwsteen),
    ``stap_van`` (the template's step) and ``horizon`` (the template's months).
    """

    @model_validator(mode="after")
    def _smart(self, info: ValidationInfo) -> SmartDoel:
        context: dict[str, Any] = dict(info.context or {})
        if "vandaag" not in context:
            raise ValueError("SmartDoel needs context={'vandaag': date}")
        fouten = [
            InitErrorDetails(type=PydanticCustomError(f"smart_{letter}", reden), loc=(letter,), input=None)
            for letter, reden in _redenen(self, context).items()
            if reden is not None
        ]
        if fouten:
            raise ValidationError.from_exception_data("SmartDoel", fouten)
        return self


def _specifiek(doel: Doel) -> str | None:
    woorden = len(doel.actie.split())
    if woorden < MIN_WOORDEN_ACTIE:
        return f"De actie telt {woorden} woorden; beschrijf wie wat doet en met welk resultaat (minstens {MIN_WOORDEN_ACTIE} woorden)."
    vaag = VAAG.search(doel.actie)
    if vaag:
        return f"'{vaag.group(0)}' maakt de actie vrijblijvend; zeg precies wat wel en wat niet."
    return None


def _meetbaar(doel: Doel, vandaag: dt.date) -> str | None:
    if doel.nulmeting is None and doel.nulmeting_uiterlijk is not None:
        return _nulmeting_volgt(doel, vandaag)
    ontbreekt = [
        naam
        for naam, leeg in (
            ("de indicator", _leeg(doel.indicator)),
            ("de eenheid", _leeg(doel.eenheid)),
            ("de nulmeting (of de datum waarop die uiterlijk volgt)", doel.nulmeting is None),
            ("de streefwaarde", doel.streefwaarde is None),
            ("de bron van de cijfers", _leeg(doel.bron)),
        )
        if leeg
    ]
    if ontbreekt:
        return "Nog niet meetbaar: vul " + _opsomming(ontbreekt) + " in."
    assert doel.nulmeting is not None and doel.streefwaarde is not None
    if not (math.isfinite(doel.nulmeting) and math.isfinite(doel.streefwaarde)):
        return "Nulmeting en streefwaarde moeten gewone getallen zijn."
    if doel.streefwaarde == doel.nulmeting:
        return "De streefwaarde is gelijk aan de nulmeting; dan verandert er niets."
    if doel.richting == "hoger" and doel.streefwaarde < doel.nulmeting:
        return "Bij deze indicator is hoger beter, maar de streefwaarde ligt onder de nulmeting."
    if doel.richting == "lager" and doel.streefwaarde > doel.nulmeting:
        return "Bij deze indicator is lager beter, maar de streefwaarde ligt boven de nulmeting."
    return None


def _nulmeting_volgt(doel: Doel, vandaag: dt.date) -> str | None:
    """M of a goal whose indicator was never measured: "nulmeting volgt, uiterlijk <datum>" is a plan.

    The indicator, its unit and source must be known; the date not in the past and not after the
    deadline (the baseline must exist before the goal is judged). A target is optional: the
    werkgroep need not invent one before the first measurement; when given it must be a number.
    """
    assert doel.nulmeting_uiterlijk is not None
    ontbreekt = [
        naam
        for naam, leeg in (
            ("de indicator", _leeg(doel.indicator)),
            ("de eenheid", _leeg(doel.eenheid)),
            ("de bron van de cijfers", _leeg(doel.bron)),
        )
        if leeg
    ]
    if ontbreekt:
        return "Nog niet meetbaar: vul " + _opsomming(ontbreekt) + " in."
    uiterlijk = doel.nulmeting_uiterlijk
    if uiterlijk < vandaag:
        return (
            f"De nulmeting zou uiterlijk {_datum(uiterlijk)} volgen; die datum is voorbij. "
            "Vul de gemeten waarde in of kies een nieuwe datum."
        )
    if doel.deadline is not None and uiterlijk > doel.deadline:
        return (
            f"De nulmeting volgt pas op {_datum(uiterlijk)}, na de deadline ({_datum(doel.deadline)}); "
            "meet eerst, dan kan het doel worden beoordeeld."
        )
    if doel.streefwaarde is not None and not math.isfinite(doel.streefwaarde):
        return "De streefwaarde moet een gewoon getal zijn."
    return None


def _komma(getal: str) -> str:
    return getal.replace(".", ",")  # Dutch decimal comma


def _datum(datum: dt.date) -> str:
    return datum.strftime("%d-%m-%Y")


def _acceptabel(doel: Doel) -> str | None:
    if _leeg(doel.eigenaar):
        return "Er is geen eigenaar: noem de functie die het doel trekt."
    if _leeg(doel.draagvlak):
        return "Noteer wie het doel steunt (bijvoorbeeld het MT of de portefeuillehouder), zodat het gedragen wordt."
    return None


def _realistisch(doel: Doel, context: dict[str, Any]) -> str | None:
    niveau: float | None = context.get("niveau")
    stap_van: int | None = context.get("stap_van")
    if niveau is not None and stap_van is not None and stap_van > math.floor(niveau + 1e-9):
        return (
            f"Dit doel hoort bij de stap van niveau {stap_van} naar {stap_van + 1}, maar de bouwsteen staat nu op "
            f"{niveau_tekst(niveau)}; zet eerst de stap naar niveau {stap_van}."
        )
    vandaag: dt.date = context["vandaag"]
    if doel.deadline is not None:
        maanden = _maanden_tussen(vandaag, doel.deadline)
        horizon: int | None = context.get("horizon")
        if horizon is not None and maanden < horizon / 2:
            return f"Zo'n stap kost doorgaans {horizon} maanden; {maanden:.0f} maanden is te krap."
        # A template's horizon already encodes what is realistic for its indicator (a new practice
        # may rightly go from 0 to 100% coverage); the rate cap guards goals written from scratch.
        if (
            doel.sjabloon is None
            and doel.eenheid is not None
            and doel.eenheid.strip() == "%"
            and doel.nulmeting is not None
            and doel.streefwaarde is not None
            and maanden > 0
        ):
            per_jaar = abs(doel.streefwaarde - doel.nulmeting) / maanden * 12
            if per_jaar > MAX_PROCENTPUNT_PER_JAAR:
                return (
                    f"Van {_komma(f'{doel.nulmeting:g}')}% naar {_komma(f'{doel.streefwaarde:g}')}% in {maanden:.0f} maanden is "
                    f"{per_jaar:.0f} procentpunt per jaar; meer dan {MAX_PROCENTPUNT_PER_JAAR:.0f} is zelden haalbaar."
                )
    return None


def _tijdsgebonden(doel: Doel, context: dict[str, Any]) -> str | None:
    if doel.deadline is None:
        return "Er is geen deadline: kies een datum tussen 3 en 24 maanden vanaf nu."
    maanden = _maanden_tussen(context["vandaag"], doel.deadline)
    if maanden < MIN_MAANDEN:
        return f"De deadline ligt {max(maanden, 0):.0f} maanden vooruit; kies minstens {MIN_MAANDEN} maanden, anders is het geen verbeterdoel maar een klus."
    if maanden > MAX_MAANDEN:
        return f"De deadline ligt {maanden:.0f} maanden vooruit; kies hooguit {MAX_MAANDEN} maanden, of knip het doel op in tussenstappen."
    return None


def _redenen(doel: Doel, context: dict[str, Any]) -> dict[Letter, str | None]:
    return {
        "S": _specifiek(doel),
        "M": _meetbaar(doel, context["vandaag"]),
        "A": _acceptabel(doel),
        "R": _realistisch(doel, context),
        "T": _tijdsgebonden(doel, context),
    }


def _opsomming(delen: list[str]) -> str:
    return delen[0] if len(delen) == 1 else ", ".join(delen[:-1]) + " en " + delen[-1]


def toets(
    doel: Doel,
    *,
    vandaag: dt.date,
    niveau: float | None = None,
    stap_van: int | None = None,
    horizon: int | None = None,
) -> SmartUitslag:
    """The five verdicts for ``doel``; ``niveau``/``stap_van``/``horizon`` sharpen the R."""
    context = {"vandaag": vandaag, "niveau": niveau, "stap_van": stap_van, "horizon": horizon}
    redenen: dict[str, str] = {}
    try:
        SmartDoel.model_validate(doel.model_dump(), context=context)
    except ValidationError as fout:
        redenen = {str(e["loc"][0]): e["msg"] for e in fout.errors() if e["type"].startswith("smart_")}
    return SmartUitslag(
        oordelen=tuple(
            Oordeel(
                letter=letter,
                naam=NAMEN[letter],
                geslaagd=letter not in redenen,
                reden=redenen.get(letter, "In orde."),
            )
            for letter in LETTERS
        )
    )


def niveau_tekst(niveau: float | None) -> str:
    """A bouwsteen's level as the werkgroep reads it: one decimal with a decimal comma ("2,5",
    "3,0"); "–" when there is none. The one place for it (suggestions, the R, the look back)."""
    return "–" if niveau is None else f"{niveau:.1f}".replace(".", ",")


def toets_doel(doel: Doel, bibliotheek: DoelenBibliotheek, *, vandaag: dt.date, niveau: float | None) -> SmartUitslag:
    """The check a stored or edited goal gets, on the page and in the service alike: with the step
    and horizon of the template it comes from (if it still is in ``bibliotheek``) and the current
    ``niveau`` of its bouwsteen."""
    sjabloon = next((s for s in bibliotheek.voor(doel.bouwsteen) if s.id == doel.sjabloon), None)
    return toets(
        doel,
        vandaag=vandaag,
        niveau=niveau,
        stap_van=sjabloon.van if sjabloon else None,
        horizon=sjabloon.horizon_maanden if sjabloon else None,
    )


def ontbrekend(uitslag: SmartUitslag) -> tuple[Oordeel, ...]:
    """The letters that fail, in S-M-A-R-T order."""
    return tuple(o for o in uitslag.oordelen if not o.geslaagd)


NIET_SMART = "Nog niet SMART, dus nog niet geaccepteerd."


def niet_smart_melding(uitslag: SmartUitslag) -> str | None:
    """The rule that a goal is accepted only when all five letters pass: ``None`` when it may be
    accepted, else a Dutch message that names every failing letter and why."""
    missen = ontbrekend(uitslag)
    if not missen:
        return None
    return f"{NIET_SMART} Niet in orde: " + " ".join(f"{o.letter} ({o.naam}): {o.reden}" for o in missen)
