"""The load generator's own rules (issue 20, items 3 and 4): whom it talks to, what counts as a
confirmed click, how failures enter the percentiles, and the nginx file it runs."""

from __future__ import annotations

import asyncio
import math
import re
from pathlib import Path

import pytest

from bench.last import MAX_DEELNEMERS, Deelnemer, belast, beoordeel, percentiel
from bench.schaal import CONF, nginx_conf
from bench.stroom import FRAGMENT_KLAAR, KLAAR, AdresGeweigerd, Gebeurtenis, controleer_adres, gebruikerssleutel

VERWACHT = "Opgeslagen: stelling 2,"


def _g(*paren: tuple[str, str]) -> list[Gebeurtenis]:
    return [Gebeurtenis(soort, tekst, float(i)) for i, (soort, tekst) in enumerate(paren)]


@pytest.mark.parametrize("adres", ["http://8.8.8.8:8501", "https://1.1.1.1", "ftp://127.0.0.1", "127.0.0.1:8501"])
def test_the_generator_refuses_public_addresses_and_other_schemes(adres: str) -> None:
    with pytest.raises(AdresGeweigerd):
        controleer_adres(adres)


@pytest.mark.parametrize(
    "adres", ["http://127.0.0.1:8740", "https://localhost:8751", "http://10.1.2.3", "http://[::1]:80"]
)
def test_the_generator_talks_to_loopback_and_private_addresses(adres: str) -> None:
    controleer_adres(adres)


def test_more_participants_than_the_bound_are_refused_before_anything_connects() -> None:
    mensen = [Deelnemer(naam=f"n{i}", code="X") for i in range(MAX_DEELNEMERS + 1)]
    with pytest.raises(ValueError, match="hoogstens"):
        asyncio.run(belast("http://8.8.8.8", mensen, [], tempo=5, duur=10))


def test_a_failed_click_counts_as_slower_than_any() -> None:
    assert percentiel([0.05, 0.06, math.inf], 50) == 0.06
    assert percentiel([0.05] * 19 + [math.inf], 95) == 0.05
    assert math.isinf(percentiel([0.05] * 18 + [math.inf] * 2, 95))
    assert math.isnan(percentiel([], 95))


def test_a_click_is_confirmed_by_its_toast_and_the_end_of_that_run() -> None:
    # A timer's fragment run may end first; it is not the click's.
    klaar = _g(("klaar", str(FRAGMENT_KLAAR)), ("toast", f"{VERWACHT} 3 · Hoog · 10:01"), ("klaar", str(KLAAR)))
    assert beoordeel(klaar, VERWACHT) == (True, None)
    # A fragment run of the click itself ends it as well (a page converted to st.fragment).
    assert beoordeel(_g(("toast", f"{VERWACHT} 1"), ("klaar", str(FRAGMENT_KLAAR))), VERWACHT) == (True, None)
    # The toast alone is not yet the end.
    assert beoordeel(_g(("toast", f"{VERWACHT} 1")), VERWACHT) == (False, None)
    assert beoordeel(_g(("klaar", str(FRAGMENT_KLAAR))), VERWACHT) == (False, None)


@pytest.mark.parametrize(
    ("gebeurtenissen", "reden"),
    [
        ([("toast", "Niet opgeslagen: de reden staat bij de stelling."), ("klaar", str(KLAAR))], "toast: Niet"),
        ([("toast", "Opgeslagen: stelling 3, 1 · Zeer beperkt")], "toast: Opgeslagen: stelling 3"),
        ([("klaar", str(KLAAR))], "run klaar zonder bevestiging"),
        ([("fout", "KeyError: a_1"), ("toast", f"{VERWACHT} 1")], "exception: KeyError"),
        ([("dicht", "")], "verbinding dicht"),
    ],
)
def test_a_click_fails_on_an_error_toast_a_run_without_confirmation_an_exception_or_a_closed_socket(
    gebeurtenissen: list[tuple[str, str]], reden: str
) -> None:
    beslist, fout = beoordeel(_g(*gebeurtenissen), VERWACHT)
    assert beslist
    assert fout is not None
    assert fout.startswith(reden)


def test_widget_keys_are_read_from_streamlit_ids() -> None:
    assert gebruikerssleutel("$$ID-0123abcd-a_kanaalinzet-1") == "a_kanaalinzet-1"
    assert gebruikerssleutel("zonder-sleutel") == "zonder-sleutel"


def test_the_scale_run_changes_only_addresses_ports_names_certificates_and_logs_in_the_shipped_nginx_file(
    tmp_path: Path,
) -> None:
    verzonden = CONF.read_text(encoding="utf-8")
    tekst = nginx_conf(verzonden, apps=[8741, 8742, 8743, 8744], http=8750, https=8751, map_=tmp_path)
    assert re.findall(r"server 127\.0\.0\.1:(\d+) max_fails=1 fail_timeout=10s;", tekst) == [
        "8741",
        "8742",
        "8743",
        "8744",
    ]
    assert "server app1" not in tekst
    assert "server app2" not in tekst
    # What makes a browser stay on its process is untouched.
    for regel in ("hash $zelfscan_sleutel consistent;", "location = /_stcore/stream {", "proxy_read_timeout 1h;"):
        assert regel in tekst
    assert tekst.count("zelfscan_server") == verzonden.count("zelfscan_server")
    een = nginx_conf(verzonden, apps=[8741], http=8750, https=8751, map_=tmp_path)
    assert re.findall(r"server 127\.0\.0\.1:(\d+) ", een) == ["8741"]
