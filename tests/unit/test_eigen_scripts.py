"""The app's own scripts survive Streamlit's HTML sanitiser.

``st.html`` passes its body through DOMPurify, whose SAFE_FOR_XML rule removes a whole element
whose text looks like markup (``<`` followed by a letter, ``/`` or ``!``). A comment in a script
that mentioned "<head>" silently dropped the script that sets ``lang="nl"``, names the toast and
translates Streamlit's English labels (CI: four browser tests). This test finds such text before
a browser has to.
"""

from __future__ import annotations

import re

import pytest

from scan.ui import identiteit, linkgeheim, toegankelijk

SCRIPTS = {
    "toegankelijk._VAST": toegankelijk._VAST,
    "toegankelijk._SCRIPT": toegankelijk._SCRIPT,
    "linkgeheim._SCRIPT": linkgeheim._SCRIPT,
    "identiteit._cookie_script": identiteit._cookie_script("a" * 32),
}


@pytest.mark.parametrize("naam", sorted(SCRIPTS))
def test_script_body_holds_nothing_the_sanitiser_takes_for_markup(naam: str) -> None:
    tekst = SCRIPTS[naam]
    assert tekst.startswith("<script>") and tekst.endswith("</script>")
    binnen = tekst.removeprefix("<script>").removesuffix("</script>")
    assert re.findall(r"<[/\w!]", binnen) == [], naam


def test_the_check_itself_catches_a_tag_in_a_comment() -> None:
    binnen = "// keep the style in <head>\nconst a = 1;"
    assert re.findall(r"<[/\w!]", binnen) == ["<h"]
