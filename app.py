"""Router of the Streamlit app: page configuration, who the user is, and navigation only (DESIGN.md).

Run with ``python3 dev.py run`` or ``streamlit run app.py``. The menu follows the
user's role in a round: everyone sees Start and Over de scan; a participant also Invullen
and Resultaten; a facilitator also Workshop.
"""

from typing import Literal

import streamlit as st

from scan.teksten import t
from scan.ui import database, huidige_sessie

st.set_page_config(page_title=t("app.titel"), page_icon=":material/hub:", layout="wide")

sessie = huidige_sessie(database())
# Every page is always registered, so an old or shared address never meets Streamlit's English
# "Page not found"; pages that do not fit the user's role are hidden from the menu, and the
# page itself then explains in Dutch what is needed.
Zichtbaarheid = Literal["visible", "hidden"]
deelnemer: Zichtbaarheid = "visible" if sessie is not None else "hidden"
facilitator: Zichtbaarheid = "visible" if sessie is not None and sessie.is_facilitator else "hidden"
PAGINAS: list[tuple[str, str, Zichtbaarheid]] = [
    ("start", ":material/home:", "visible"),
    ("invullen", ":material/edit_note:", deelnemer),
    ("workshop", ":material/groups:", facilitator),
    ("resultaten", ":material/radar:", deelnemer),
    ("doelen", ":material/flag:", deelnemer),
    ("over", ":material/menu_book:", "visible"),
]
pagina_lijst = [
    st.Page(
        f"scan/app_pages/{naam}.py",
        title=t(f"nav.{naam}"),
        icon=icoon,
        url_path=naam,
        default=naam == "start",
        visibility=zichtbaar,
    )
    for naam, icoon, zichtbaar in PAGINAS
]
navigatie = st.navigation(pagina_lijst)
# A page that just signed someone in asks for a page that only now exists in the navigation.
doel = st.session_state.pop("ga_naar", None)
for p in pagina_lijst:
    if p.url_path == doel:
        st.switch_page(p)
navigatie.run()
