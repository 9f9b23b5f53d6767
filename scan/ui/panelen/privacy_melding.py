"""The privacy notice participants see before they give their name, and the installation's
privacy facts (retention period, contact) that the notice and the Privacy page share (issue 18).

Layer: ``scan/ui``. The retention period comes from ``scan.services.privacy`` (one variable, one
reading, the same number the clean-up uses); the contact from ``SCAN_PRIVACY_CONTACT``, shown
verbatim, never as Markdown, as the accessibility statement does with its contact.
"""

from __future__ import annotations

import logging
import os

import streamlit as st

from scan.fouten import InvoerFout
from scan.services import privacy
from scan.ui.navigatie import pad
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk

log = logging.getLogger(__name__)

CONTACT_VARIABELE = "SCAN_PRIVACY_CONTACT"


def bewaartermijn() -> int:
    """The retention period in months; a setting that cannot be read shows the default and is logged
    (the clean-up refuses it loudly, so the beheerder hears of it there)."""
    try:
        return privacy.bewaartermijn_maanden()
    except InvoerFout as fout:
        log.warning("%s; de melding noemt %s maanden", fout, privacy.STANDAARD_BEWAARTERMIJN)
        return privacy.STANDAARD_BEWAARTERMIJN


def contact() -> str:
    """The installation's privacy contact as configured (raw text: escape where it is shown)."""
    return os.environ.get(CONTACT_VARIABELE, "").strip()


def toon_contact() -> None:
    if wie := contact():
        st.markdown(t("privacy.contact", contact=letterlijk(wie)), anchors=False)


def toon_melding() -> None:
    """Short first (what, why, who sees it, how long, a nickname is fine), the rest behind a click."""
    maanden = bewaartermijn()
    st.markdown(t("privacy.melding", maanden=maanden), anchors=False)
    with st.expander(t("privacy.meer"), icon=":material/shield_person:"):
        st.markdown(t("privacy.details", maanden=maanden), anchors=False)
        toon_contact()
        st.page_link(pad("privacy"), label=t("privacy.link"), icon=":material/policy:")
