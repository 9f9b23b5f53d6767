"""Finding a municipality by the name people type."""

from __future__ import annotations

import pytest

from scan.gemeenten import GemeenteOnbekend, alle_gemeenten, zoek_gemeente


def test_reference_list__has_342_municipalities_with_unique_codes() -> None:
    gemeenten = alle_gemeenten()
    assert len(gemeenten) == 342
    assert len({g.gm_code for g in gemeenten}) == 342


@pytest.mark.parametrize(
    ("invoer", "code"),
    [
        ("Den Haag", "GM0518"),
        ("'s-Gravenhage", "GM0518"),
        ("den bosch", "GM0796"),
        ("Hengelo", "GM0164"),
        ("sudwest fryslan", "GM1900"),
        ("IJsselstein", "GM0353"),
        ("gm0014", "GM0014"),
        ("  Utrecht ", "GM0344"),
    ],
)
def test_zoek_gemeente__by_official_everyday_or_code(invoer: str, code: str) -> None:
    assert zoek_gemeente(invoer).gm_code == code


def test_ambiguous_name__lists_both() -> None:
    with pytest.raises(GemeenteOnbekend) as info:
        zoek_gemeente("Bergen")
    assert info.value.suggesties == ["Bergen (L.)", "Bergen (NH.)"]
    assert "meer dan één gemeente" in str(info.value)


def test_typo__suggests_the_nearest_name() -> None:
    with pytest.raises(GemeenteOnbekend) as info:
        zoek_gemeente("Amsterdm")
    assert "Bedoelt u: Amsterdam?" in str(info.value)


def test_unknown_code__is_refused() -> None:
    with pytest.raises(GemeenteOnbekend):
        zoek_gemeente("GM9999")
