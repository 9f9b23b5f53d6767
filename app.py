"""Router of the Streamlit app: page configuration, who the user is, and navigation only (DESIGN.md).

Run with ``python3 dev.py run`` or ``streamlit run app.py``. The pages and who sees them in the
menu are one list, ``scan/ui/navigatie.py``.
"""

import logging

import streamlit as st

from scan.ui import grafieken, linkgeheim, logregels, rapporten, widgetstaat
from scan.ui.afscherming import host_of_stop
from scan.ui.context import database, huidige_sessie
from scan.ui.foutgrens import foutgrens, toon_storing
from scan.ui.identiteit import BEHEER_COOKIE, BEHEER_COOKIE_DAGEN, huidige_gebruiker, toon_account, verwerk_beheerlink
from scan.ui.links import SCHERM_PARAM
from scan.ui.navigatie import menu
from scan.ui.opmaak import huisstijl
from scan.ui.teksten import t
from scan.ui.toegankelijk import paginatitel, plek, sluit_af

# One log format for the app's, Alembic's and Streamlit's lines (once per process), and this
# run's context on every line: the session's short id now, the round once known (scan/ui/logregels.py).
logregels.stel_in()
logregels.begin_run()
# Once per process, in the background: the chart library loads before the first chart is asked for.
grafieken.warm_op()
# A crafted widget value from a client is ignored, never an English error box (scan/widgetstaat.py).
widgetstaat.bescherm()
st.set_page_config(page_title=t("app.titel"), page_icon=":material/hub:", layout="wide")
huisstijl()
# The PDF renderer starts in the background once per process, not on the first download (issue 20).
rapporten.start_opwarmen()
# A page under a foreign name (DNS rebinding) gets nothing: no session, no beheer rights, no cookie.
host_of_stop()

db = database()
try:
    verwerk_beheerlink(db)
    # The projector's view (?scherm=...) shows the room without anyone's identity: no personal
    # link is read there, nor put back into its address bar, so a photographed screen gives
    # nothing away.
    sessie = None if SCHERM_PARAM in st.query_params else huidige_sessie(db)
    logregels.zet_ronde(None if sessie is None else sessie.ronde.id)
    gebruiker = huidige_gebruiker(db)
except Exception as fout:
    # Before any page exists (for example the database went away between two clicks).
    logging.getLogger("app").exception("wie is de gebruiker: onverwachte fout")
    toon_storing(fout, paginas=False)  # no page exists yet to link to
    st.stop()
toon_account(gebruiker)
pagina_lijst = menu(sessie, gebruiker)
navigatie = st.navigation(pagina_lijst)
# Every page its own browser title (WCAG 2.4.2); a page may make it more specific (Invullen).
paginatitel(navigatie.title)
# Language, live region and focus (scan/ui/toegankelijk.py): a hidden container, first in the
# main area on every run, filled once the page has run.
toegankelijkheid = plek()
# Personal and beheer links carry their secret after '#', out of every log (scan/ui/linkgeheim.py).
linkgeheim.zet_in_browser(
    toegankelijkheid,
    token=None if sessie is None else sessie.deelnemer.token,
    scherm=SCHERM_PARAM in st.query_params,
    beheer_cookie=BEHEER_COOKIE,
    beheer_dagen=BEHEER_COOKIE_DAGEN,
)
# A page that just signed someone in asks for a page that only now exists in the navigation.
doel = st.session_state.pop("ga_naar", None)
for p in pagina_lijst:
    if p.url_path == doel:
        st.switch_page(p)
if st.session_state.pop("storing", False):
    toon_storing()  # a callback failed before this run (scan.ui.veilig)
with foutgrens():
    navigatie.run()
sluit_af(toegankelijkheid)
