"""Streamlit helpers shared by the pages: cached loading and error display.

Layer: application (``scan/``), the only place besides the pages that imports streamlit.
"""

from __future__ import annotations

import re

import streamlit as st

from scan.teksten import t
from scoring.loader import VragenlijstFout, laad_vragenlijst
from scoring.models import Vragenlijst


@st.cache_resource(show_spinner=False)
def _vragenlijst() -> Vragenlijst:
    # Frozen models are safe to share between sessions and threads; cache_resource avoids the
    # copy cache_data would make on every rerun.
    return laad_vragenlijst()


_MARKDOWN_SPECIAAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&])")


def md(tekst: str) -> str:
    """Text shown literally inside Streamlit markdown: every markdown and HTML sign escaped."""
    return _MARKDOWN_SPECIAAL.sub(r"\\\1", tekst)


def vragenlijst_of_stop() -> Vragenlijst:
    """The questionnaire; on a broken installation a Dutch error and ``st.stop()``."""
    try:
        return _vragenlijst()
    except VragenlijstFout as exc:
        st.error(t("fout.vragenlijst"))
        st.code("\n".join(str(p) for p in exc.problemen), language=None)
        st.stop()
