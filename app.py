"""Router of the Streamlit app: page configuration and navigation only (DESIGN.md).

Run with ``python3 dev.py run`` or ``streamlit run app.py``.
"""

import streamlit as st

from scan.teksten import t

st.set_page_config(page_title=t("app.titel"), page_icon=":material/hub:", layout="wide")

pagina = st.navigation(
    [
        st.Page(
            "scan/app_pages/start.py", title=t("nav.start"), icon=":material/home:", url_path="start", default=True
        ),
    ]
)
pagina.run()
