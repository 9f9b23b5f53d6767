"""Router of the Streamlit app: page configuration, who the user is, and navigation only (DESIGN.md).

Run with ``python3 dev.py run`` or ``streamlit run app.py``. The menu follows who the user is:
everyone sees Start and Over de scan; a participant of a round also Invullen, Resultaten and
Doelen; its facilitator also Workshop; a signed-in person with a role (or, in single-machine mode,
the browser that opened the beheer link) also Vergelijken, and a beheerder Beheer.
"""

import logging
from typing import Literal

import streamlit as st

from scan.ui import widgetstaat
from scan.ui.kern import (
    SCHERM_PARAM,
    database,
    foutgrens,
    host_of_stop,
    huidige_gebruiker,
    huidige_sessie,
    huisstijl,
    toon_account,
    toon_storing,
    verwerk_beheerlink,
)
from scan.ui.teksten import t

# A crafted widget value from a client is ignored, never an English error box (scan/widgetstaat.py).
widgetstaat.bescherm()
st.set_page_config(page_title=t("app.titel"), page_icon=":material/hub:", layout="wide")
huisstijl()
# A page under a foreign name (DNS rebinding) gets nothing: no session, no beheer rights, no cookie.
host_of_stop()

db = database()
try:
    verwerk_beheerlink(db)
    # The projector's view (?scherm=...) shows the room without anyone's identity: no personal
    # link is read there, nor put back into its address bar, so a photographed screen gives
    # nothing away.
    sessie = None if SCHERM_PARAM in st.query_params else huidige_sessie(db)
    gebruiker = huidige_gebruiker(db)
except Exception as fout:
    # Before any page exists (for example the database went away between two clicks).
    logging.getLogger("app").exception("wie is de gebruiker: onverwachte fout")
    toon_storing(fout, paginas=False)  # no page exists yet to link to
    st.stop()
toon_account(gebruiker)
# Every page is always registered, so an old or shared address never meets Streamlit's English
# "Page not found"; pages that do not fit the user's role are hidden from the menu, and the
# page itself then explains in Dutch what is needed.
Zichtbaarheid = Literal["visible", "hidden"]


def zichtbaar(voorwaarde: bool) -> Zichtbaarheid:
    return "visible" if voorwaarde else "hidden"


ziet_iets = gebruiker is not None and gebruiker.gemeenten("zien") != frozenset()
beheert_iets = gebruiker is not None and gebruiker.gemeenten("beheren") != frozenset()
PAGINAS: list[tuple[str, str, Zichtbaarheid]] = [
    ("start", ":material/home:", "visible"),
    ("invullen", ":material/edit_note:", zichtbaar(sessie is not None)),
    ("workshop", ":material/groups:", zichtbaar(sessie is not None and sessie.is_facilitator)),
    ("resultaten", ":material/radar:", zichtbaar(sessie is not None)),
    ("doelen", ":material/flag:", zichtbaar(sessie is not None)),
    ("vergelijken", ":material/compare_arrows:", zichtbaar(ziet_iets)),
    ("beheer", ":material/admin_panel_settings:", zichtbaar(beheert_iets)),
    ("over", ":material/menu_book:", "visible"),
    # Opened with the presenter link only; never in the menu.
    ("scherm", ":material/co_present:", "hidden"),
]
pagina_lijst = [
    st.Page(
        f"scan/ui/paginas/{naam}.py",
        title=t(f"nav.{naam}"),
        icon=icoon,
        url_path=naam,
        default=naam == "start",
        visibility=zichtbaarheid,
    )
    for naam, icoon, zichtbaarheid in PAGINAS
]
navigatie = st.navigation(pagina_lijst)
# A page that just signed someone in asks for a page that only now exists in the navigation.
doel = st.session_state.pop("ga_naar", None)
for p in pagina_lijst:
    if p.url_path == doel:
        st.switch_page(p)
if st.session_state.pop("storing", False):
    toon_storing()  # a callback failed before this run (scan.ui.veilig)
with foutgrens():
    navigatie.run()
