"""The toegankelijkheidsverklaring (accessibility statement), in the digitoegankelijk.nl model.

One source: the page draws ``docs/toegankelijkheidsverklaring.md``, so the statement in the
repository and the one users read cannot differ. An installation adds its own contact address
for problem reports with ``SCAN_TOEGANKELIJKHEID_CONTACT`` (docs/beheer.md); that text is
shown verbatim, never as Markdown.
"""

import os
from pathlib import Path

import streamlit as st

from scan.ui.teksten import t
from scan.ui.weergave import letterlijk

VERKLARING = Path(__file__).resolve().parents[3] / "docs" / "toegankelijkheidsverklaring.md"
CONTACT_VARIABELE = "SCAN_TOEGANKELIJKHEID_CONTACT"
# Where the installation's contact goes: an HTML comment, invisible where the file is read as Markdown.
PLEK_CONTACT = "<!-- contact van de installatie (SCAN_TOEGANKELIJKHEID_CONTACT) -->"

tekst = VERKLARING.read_text(encoding="utf-8")
kop, _, romp = tekst.partition("\n")
st.title(kop.removeprefix("# ").strip(), anchor=False)
voor, _, na = romp.partition(PLEK_CONTACT)
st.markdown(voor, anchors=False)
contact = os.environ.get(CONTACT_VARIABELE, "").strip()
if contact:
    st.markdown(t("toegankelijkheid.contact", contact=letterlijk(contact)), anchors=False)
st.markdown(na, anchors=False)
