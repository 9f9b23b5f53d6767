"""How a write conflict is shown: the user's version beside the stored one, as literal text.

Layer: application UI (``scan/``). One small place for every page (Doelen, Workshop consensus,
agreed ambitions, participants), so the way user text reaches the screen here can be switched
in one go. User text (titles, notes, names) goes only through ``st.text``, which never
interprets Markdown or HTML; labels and explanations come from the text catalogue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from scan.ui.opmaak import tijd, tijd_datum
from scan.ui.teksten import t

Verschil = tuple[str, str, str]
"""(field label from the catalogue, the user's value, the stored value), as display strings."""


def wie_wanneer(door: str | None, op: dt.datetime | None) -> str:
    """'door Fatima, 07-12-2026 14:03:05' for the stored side; plain text, shown with ``st.text``."""
    if op is None:
        return t("conflict.door.onbekend") if not door else t("conflict.door.alleen", door=door)
    return t("conflict.door", door=door or "?", datum=tijd_datum(op), tijd=tijd(op))


def toon_versies(
    uitleg: str,
    verschillen: Sequence[Verschil],
    *,
    door: str | None,
    op: dt.datetime | None,
    weg: bool = False,
    sleutel: str,
) -> None:
    """A warning (``uitleg``, catalogue text only) and, per field that differs, both versions.

    ``weg``: the stored one no longer exists (deleted or cleared meanwhile).
    """
    with st.container(border=True, key=f"conflict_{sleutel}"):
        st.warning(uitleg, icon=":material/sync_problem:")
        links, rechts = st.columns(2)
        links.markdown(f"**{t('conflict.kop.mijn')}**", anchors=False)
        rechts.markdown(f"**{t('conflict.kop.opgeslagen')}**", anchors=False)
        rechts.text(t("conflict.weg") if weg else wie_wanneer(door, op))
        for veld, mijn, opgeslagen in verschillen:
            st.caption(veld)
            links, rechts = st.columns(2)
            links.text(mijn or "–")
            rechts.text("–" if weg else (opgeslagen or "–"))


def keuzeknoppen(
    sleutel_mijn: str,
    sleutel_opgeslagen: str,
    *,
    houd_mijn: Callable[..., Any] | None,
    neem_opgeslagen: Callable[..., Any],
    args: tuple[Any, ...] = (),
    sluiten: bool = False,
) -> None:
    """The two ways out of a conflict, side by side: "Mijn versie toch opslaan" (left out when
    ``houd_mijn`` is None: nothing of one's own can be kept) and "Opgeslagen versie overnemen"
    (or, with ``sluiten``, "Melding sluiten" when there is no stored version to take)."""
    with st.container(horizontal=True):
        if houd_mijn is not None:
            st.button(
                t("conflict.knop.mijn"),
                type="primary",
                icon=":material/save:",
                key=sleutel_mijn,
                on_click=houd_mijn,
                args=args,
            )
        st.button(
            t("conflict.knop.sluiten") if sluiten else t("conflict.knop.opgeslagen"),
            icon=":material/sync:",
            key=sleutel_opgeslagen,
            on_click=neem_opgeslagen,
            args=args,
        )
