"""The one page list: every page, its menu icon, who sees it, and the path other pages link to.

Layer: ``scan/ui``. ``app.py`` builds ``st.navigation`` from ``menu``; a page that links to
another uses ``pad("resultaten")`` rather than spelling the file, so renaming or moving a
page is one line here. The menu follows who the user is: everyone sees Start and Over de
scan; a participant of a round also Invullen, Resultaten and Doelen; its facilitator also
Workshop; someone with a role in a gemeente Vergelijken, a beheerder Beheer. Every page is
always registered, so an old or shared address never meets Streamlit's English "Page not
found"; a hidden page explains in Dutch what is needed.
"""

from __future__ import annotations

import streamlit as st

from scan.leesmodellen import Sessie
from scan.services.toegang import Gebruiker
from scan.ui.teksten import t

MAP = "scan/ui/paginas"
STANDAARD = "start"

# name (file, url path and text key nav.<name>) and menu icon, in menu order.
PAGINAS: tuple[tuple[str, str], ...] = (
    ("start", ":material/home:"),
    ("invullen", ":material/edit_note:"),
    ("workshop", ":material/groups:"),
    ("resultaten", ":material/radar:"),
    ("doelen", ":material/flag:"),
    ("vergelijken", ":material/compare_arrows:"),
    ("beheer", ":material/admin_panel_settings:"),
    ("over", ":material/menu_book:"),
    # The accessibility statement: in everyone's menu, as digitoegankelijk.nl asks it to be findable.
    ("toegankelijkheid", ":material/accessibility_new:"),
    # The privacy statement (issue 18): in everyone's menu, before anyone gives a name.
    ("privacy", ":material/shield_person:"),
    # Opened with the presenter link only; never in the menu.
    ("scherm", ":material/co_present:"),
)


def pad(naam: str) -> str:
    """The file of page ``naam``, as ``st.page_link`` and ``st.switch_page`` want it."""
    if naam not in dict(PAGINAS):
        raise KeyError(f"onbekende pagina {naam!r}")
    return f"{MAP}/{naam}.py"


def zichtbaar(naam: str, sessie: Sessie | None, gebruiker: Gebruiker | None) -> bool:
    """Whether page ``naam`` is in this person's menu."""
    if naam in ("start", "over", "toegankelijkheid", "privacy"):
        return True
    if naam in ("invullen", "resultaten", "doelen"):
        return sessie is not None
    if naam == "workshop":
        return sessie is not None and sessie.is_facilitator
    if naam == "vergelijken":
        return gebruiker is not None and gebruiker.gemeenten("zien") != frozenset()
    if naam == "beheer":
        return gebruiker is not None and gebruiker.gemeenten("beheren") != frozenset()
    return False  # scherm: opened with its link only


def menu(sessie: Sessie | None, gebruiker: Gebruiker | None) -> list[st.Page]:
    """Every page, registered for ``st.navigation``, visible in the menu when it fits the person."""
    return [
        st.Page(
            pad(naam),
            title=t(f"nav.{naam}"),
            icon=icoon,
            url_path=naam,
            default=naam == STANDAARD,
            visibility="visible" if zichtbaar(naam, sessie, gebruiker) else "hidden",
        )
        for naam, icoon in PAGINAS
    ]
