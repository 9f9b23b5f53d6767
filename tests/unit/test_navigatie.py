"""The one page list (scan/ui/navigatie.py): every page file exists and the menu follows who the user is."""

from __future__ import annotations

from pathlib import Path

import pytest

from scan.leesmodellen import DeelnemerInfo, Sessie
from scan.services.toegang import Gebruiker
from scan.ui.navigatie import PAGINAS, pad, zichtbaar
from tests.nep import voorbeeld_ronde

ROOT = Path(__file__).resolve().parents[2]
RONDE = voorbeeld_ronde()


def _sessie(rol: str) -> Sessie:
    return Sessie(ronde=RONDE, deelnemer=DeelnemerInfo(id=1, naam="Anna", rol=rol, functie=None, token="t"))


GAST = (None, None)
DEELNEMER = (_sessie("deelnemer"), None)
FACILITATOR = (_sessie("facilitator"), None)
ADVISEUR = (None, Gebruiker(naam="A", email="a@x.nl", rollen={"GM0344": frozenset({"adviseur"})}))
BEHEERDER = (None, Gebruiker(naam="B", email="b@x.nl", rollen={"GM0344": frozenset({"beheerder"})}))


def test_every_page__has_its_file_and_its_menu_text() -> None:
    from scan.ui.teksten import NL

    for naam, _ in PAGINAS:
        assert (ROOT / pad(naam)).is_file(), naam
        assert f"nav.{naam}" in NL, naam
    assert {p.name for p in (ROOT / "scan/ui/paginas").glob("*.py")} == {f"{n}.py" for n, _ in PAGINAS}


def test_pad__of_an_unknown_page__is_an_error() -> None:
    with pytest.raises(KeyError):
        pad("resultaat")


@pytest.mark.parametrize(
    ("wie", "menu"),
    [
        (GAST, {"start", "over", "toegankelijkheid", "privacy"}),
        (DEELNEMER, {"start", "invullen", "resultaten", "doelen", "over", "toegankelijkheid", "privacy"}),
        (FACILITATOR, {"start", "invullen", "workshop", "resultaten", "doelen", "over", "toegankelijkheid", "privacy"}),
        (ADVISEUR, {"start", "vergelijken", "over", "toegankelijkheid", "privacy"}),
        (BEHEERDER, {"start", "vergelijken", "beheer", "over", "toegankelijkheid", "privacy"}),
    ],
)
def test_menu__follows_who_the_user_is_and_never_shows_the_presenter(
    wie: tuple[Sessie | None, Gebruiker | None], menu: set[str]
) -> None:
    assert {naam for naam, _ in PAGINAS if zichtbaar(naam, *wie)} == menu
