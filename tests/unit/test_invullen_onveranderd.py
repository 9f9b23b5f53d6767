"""A change event for the value a session shows and has stored is no change (issue 20): the
load generator saw "Opgeslagen: toelichting" for notes nobody typed when a part's rerun was cut
short by the next click."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from scan.ui.panelen.invullen_opslaan import Opslag

waarden = st.none() | st.text(max_size=5) | st.sampled_from(["1", "3", "weet_niet", "nvt"])


def _opslag(getoond: dict[str, object], mislukt: dict[str, str]) -> Opslag:
    leeg: Any = None
    return Opslag(leeg, leeg, leeg, mislukt=mislukt, getoond=getoond)


@given(getoond=waarden, nieuw=waarden, eerder_mislukt=st.booleans(), ooit_getoond=st.booleans())
def test_only_the_shown_and_stored_value_again_is_no_change(
    getoond: object, nieuw: object, eerder_mislukt: bool, ooit_getoond: bool
) -> None:
    opslag = _opslag({"t_s1": getoond} if ooit_getoond else {}, {"t_s1": "fout"} if eerder_mislukt else {})
    verwacht = ooit_getoond and not eerder_mislukt and getoond == nieuw
    assert opslag.onveranderd("t_s1", nieuw) is verwacht


def test_a_typed_note__a_failed_save_retried__and_a_new_widget__are_saved() -> None:
    assert not _opslag({"t_s1": ""}, {}).onveranderd("t_s1", "Balie eerst")
    assert not _opslag({"t_s1": "x"}, {"t_s1": "Niet opgeslagen"}).onveranderd("t_s1", "x")
    assert not _opslag({}, {}).onveranderd("t_s1", "")
    assert _opslag({"t_s1": ""}, {}).onveranderd("t_s1", "")
