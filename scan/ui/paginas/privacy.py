"""The privacy statement for everyone who takes part (issue 18, item 3).

One source, as the accessibility statement: the page draws ``docs/privacyverklaring.md``, so the
statement in the repository and the one users read cannot differ. At the marker the page adds
this installation's facts: the retention period (``SCAN_BEWAARTERMIJN_MAANDEN``, read through
``scan.services.privacy``) and the contact for questions (``SCAN_PRIVACY_CONTACT``, shown
verbatim, never as Markdown; docs/beheer.md).
"""

from pathlib import Path

import streamlit as st

from scan.ui.panelen.privacy_melding import bewaartermijn, contact, toon_contact
from scan.ui.teksten import t

VERKLARING = Path(__file__).resolve().parents[3] / "docs" / "privacyverklaring.md"
# Where the installation's facts go: an HTML comment, invisible where the file is read as Markdown.
PLEK_INSTALLATIE = "<!-- gegevens van de installatie (SCAN_BEWAARTERMIJN_MAANDEN, SCAN_PRIVACY_CONTACT) -->"

tekst = VERKLARING.read_text(encoding="utf-8")
kop, _, romp = tekst.partition("\n")
st.title(kop.removeprefix("# ").strip(), anchor=False)
voor, _, na = romp.partition(PLEK_INSTALLATIE)
st.markdown(voor, anchors=False)
with st.container(border=True):
    st.markdown(t("privacy.installatie", maanden=bewaartermijn()), anchors=False)
    if contact():
        toon_contact()
    else:
        st.markdown(t("privacy.geen_contact"), anchors=False)
st.markdown(na, anchors=False)
