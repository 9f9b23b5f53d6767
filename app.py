"""Router of the Streamlit app: page configuration, who the user is, and navigation only (DESIGN.md).

Run with ``python3 dev.py run`` or ``streamlit run app.py``. The pages a browser sees
follow its role in a round: everyone has Start and Over de scan; a participant also
Invullen and Resultaten; a facilitator also Workshop.
"""

import streamlit as st

from scan.teksten import t
from scan.ui import database, huidige_sessie

st.set_page_config(page_title=t("app.titel"), page_icon=":material/hub:", layout="wide")

sessie = huidige_sessie(database())
pagina_lijst = [
    st.Page("scan/app_pages/start.py", title=t("nav.start"), icon=":material/home:", url_path="start", default=True)
]
if sessie is not None:
    pagina_lijst.append(
        st.Page("scan/app_pages/invullen.py", title=t("nav.invullen"), icon=":material/edit_note:", url_path="invullen")
    )
    if sessie.is_facilitator:
        pagina_lijst.append(
            st.Page(
                "scan/app_pages/workshop.py", title=t("nav.workshop"), icon=":material/groups:", url_path="workshop"
            )
        )
    pagina_lijst.append(
        st.Page(
            "scan/app_pages/resultaten.py", title=t("nav.resultaten"), icon=":material/radar:", url_path="resultaten"
        )
    )
pagina_lijst.append(
    st.Page("scan/app_pages/over.py", title=t("nav.over"), icon=":material/menu_book:", url_path="over")
)

navigatie = st.navigation(pagina_lijst)
# A page that just signed someone in asks for a page that only now exists in the navigation.
doel = st.session_state.pop("ga_naar", None)
for p in pagina_lijst:
    if p.url_path == doel:
        st.switch_page(p)
navigatie.run()
