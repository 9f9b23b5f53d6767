"""Dutch wording for validation errors from pydantic and PyYAML.

Layer: pure domain (``scoring/``). The users who edit questionnaires and import files read
Dutch; pydantic and PyYAML speak English. One table per source keeps the wording in one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

_TYPE_NAMEN = {
    "str": "tekst",
    "int": "geheel getal",
    "float": "getal",
    "bool": "ja/nee-waarde",
    "dict": "velden (sleutel: waarde)",
    "list": "lijst",
    "NoneType": "niets (leeg)",
    "date": "datum",
    "datetime": "datum en tijd",
}


def _soort(waarde: Any) -> str:
    return _TYPE_NAMEN.get(type(waarde).__name__, type(waarde).__name__)


def _kort(waarde: Any) -> str:
    if isinstance(waarde, int) and waarde.bit_length() > 1000:
        # repr() of an integer beyond 4,300 digits raises ValueError; the message must not.
        return f"een getal van ongeveer {int(waarde.bit_length() * 0.30103)} cijfers"
    tekst = repr(waarde) if not isinstance(waarde, str) else f"'{waarde}'"
    return tekst if len(tekst) <= 60 else tekst[:57] + "..."


def vertaal_pydantic_fout(err: Any, loc: Sequence[int | str]) -> str:
    """One pydantic error dict in Dutch, naming the field (``loc``) it concerns."""
    soort = err["type"]
    ctx = err.get("ctx") or {}
    invoer = err.get("input")
    veld = ".".join(str(s) for s in loc) or "bestand"
    naam = str(loc[-1]) if loc else "veld"
    if soort == "missing":
        return f"verplicht veld '{naam}' ontbreekt" + (f" (in {'.'.join(map(str, loc[:-1]))})" if len(loc) > 1 else "")
    if soort == "extra_forbidden":
        return f"onbekend veld '{naam}'; controleer de spelling of verwijder het"
    if soort in {"string_type", "int_type", "float_type", "bool_type", "list_type", "tuple_type", "date_type"}:
        verwacht = {
            "string_type": "tekst",
            "int_type": "een geheel getal",
            "float_type": "een getal",
            "bool_type": "ja of nee (true/false)",
            "list_type": "een lijst",
            "tuple_type": "een lijst",
            "date_type": "een datum (JJJJ-MM-DD)",
        }[soort]
        return f"{veld}: verwacht {verwacht}, gevonden {_soort(invoer)} {_kort(invoer)}"
    if soort in {"model_type", "model_attributes_type", "dict_type"}:
        return f"{veld}: verwacht velden (sleutel: waarde), gevonden {_soort(invoer)} {_kort(invoer)}"
    if soort == "string_too_short":
        return f"{veld}: tekst mag niet leeg zijn"
    if soort == "string_too_long":
        return f"{veld}: tekst is te lang (hoogstens {ctx.get('max_length')} tekens)"
    if soort == "string_pattern_mismatch":
        if "versie" in naam:
            return f"{veld}: {_kort(invoer)} is geen geldige versie; schrijf bijvoorbeeld '1.0' of '2026.1.0'"
        return (
            f"{veld}: {_kort(invoer)} is geen geldige id; gebruik kleine letters, cijfers en '_', "
            "beginnend met een letter"
        )
    if soort == "too_short":
        return f"{veld}: te weinig elementen: minstens {ctx.get('min_length')}, gevonden {ctx.get('actual_length')}"
    if soort == "too_long":
        return f"{veld}: te veel elementen: hoogstens {ctx.get('max_length')}, gevonden {ctx.get('actual_length')}"
    if soort in {"greater_than_equal", "greater_than"}:
        grens = ctx.get("ge", ctx.get("gt"))
        return f"{veld}: waarde {_kort(invoer)} is te klein; minimaal {grens}"
    if soort in {"less_than_equal", "less_than"}:
        grens = ctx.get("le", ctx.get("lt"))
        return f"{veld}: waarde {_kort(invoer)} is te groot; maximaal {grens}"
    if soort == "literal_error":
        toegestaan = str(ctx.get("expected", "")).replace(" or ", ", ")
        return f"{veld}: ongeldige waarde {_kort(invoer)}; toegestaan: {toegestaan}"
    if soort == "bool_parsing":
        return f"{veld}: verwacht ja of nee (true/false), gevonden {_soort(invoer)} {_kort(invoer)}"
    if soort in {"float_parsing", "finite_number"}:
        return f"{veld}: verwacht een gewoon getal, gevonden {_kort(invoer)}"
    if soort in {"int_parsing", "int_from_float", "int_parsing_size"}:
        return f"{veld}: verwacht een geheel getal, gevonden {_kort(invoer)}"
    if soort in {"date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"}:
        return f"{veld}: ongeldige datum {_kort(invoer)}; schrijf JJJJ-MM-DD (een datum zonder tijd)"
    if soort in {"datetime_parsing", "datetime_type", "datetime_from_date_parsing", "datetime_object_invalid"}:
        return f"{veld}: ongeldige datum en tijd {_kort(invoer)}; schrijf bijvoorbeeld 2026-11-20T09:41:00+01:00"
    if soort == "union_tag_invalid":
        return f"{veld}: ongeldige soort {_kort(ctx.get('tag'))}; toegestaan: {ctx.get('expected_tags')}"
    if soort == "value_error":
        fout = ctx.get("error")
        tekst = str(fout) if fout is not None else str(err.get("msg", ""))
        return f"{veld}: {tekst}" if loc else tekst
    if soort == "assertion_error":
        return f"{veld}: {err.get('msg', '')}"
    return f"{veld}: ongeldige waarde {_kort(invoer)} ({err.get('msg', soort)})"


_YAML_PROBLEMEN = {
    "mapping values are not allowed here": "hier mag geen 'sleutel: waarde' staan (vergeten inspringing of een ':' in tekst zonder aanhalingstekens?)",
    "could not find expected ':'": "verwacht een ':' na de sleutel",
    "found character '\\t' that cannot start any token": "tab-teken gevonden; gebruik spaties om in te springen",
    "expected <block end>, but found '-'": "een lijstelement ('-') staat op de verkeerde inspringing",
    "expected <block end>, but found '<block mapping start>'": "de inspringing klopt niet",
    "expected <block end>, but found '<scalar>'": "de inspringing klopt niet",
    "found unexpected end of stream": "het bestand houdt onverwacht op (een aanhalingsteken of haakje niet gesloten?)",
    "found undefined tag handle": "onbekende tag ('!'); tags zijn niet toegestaan",
    "expected a single document in the stream": "het bestand bevat meer dan één document ('---'); gebruik er één",
    "while scanning a quoted scalar": "aanhalingsteken niet gesloten",
    "found duplicate anchor": "anker dubbel gedefinieerd",
}


def vertaal_yaml_fout(exc: Any) -> str:
    """A PyYAML error in Dutch; unknown problems keep the English detail in brackets."""
    probleem = (getattr(exc, "problem", None) or "").strip()
    context = (getattr(exc, "context", None) or "").strip()
    for sleutel, tekst in _YAML_PROBLEMEN.items():
        if probleem.startswith(sleutel) or context.startswith(sleutel):
            return f"YAML-syntaxfout: {tekst}"
    if "could not determine a constructor for the tag" in probleem:
        return "YAML-syntaxfout: tags ('!!python/...' en dergelijke) zijn niet toegestaan"
    detail = "; ".join(d for d in (context, probleem) if d)
    return f"YAML-syntaxfout ({detail or exc})"
