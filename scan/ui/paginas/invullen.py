"""Invullen: one bouwsteen per page; every choice and note is saved the moment it changes.

Widget values are rebuilt from the database on every run (the database is the source of
truth), except for a value whose save just failed: that one stays on screen with an error,
so nothing the participant did is lost (``scan/ui/panelen/invullen_opslaan.py``).

In a facilitated session (*Samen*, issue 16) the page shows only the part the facilitator
opened and follows the facilitator (``scan/ui/panelen/invullen_samen.py``); in *Eigen tempo*
the participant moves through the bouwstenen at their own pace.
"""

import streamlit as st

from scan.services import invullen, samen
from scan.ui.context import sessie_of_stop, vragenlijst_van_ronde
from scan.ui.delen import toon_toasts
from scan.ui.links import persoonlijke_link
from scan.ui.panelen.invullen_inzage import toon_inzage
from scan.ui.panelen.invullen_kop import toon_h1, toon_kop
from scan.ui.panelen.invullen_opslaan import Opslag
from scan.ui.panelen.invullen_samen import toon_naamgeving, toon_samen, volg
from scan.ui.panelen.invullen_stellingen import (
    toon_ambitie_als_deel,
    toon_stelling_als_deel,
    toon_voet,
    zet_uit_database,
)
from scan.ui.teksten import t
from scan.ui.toegankelijk import kondig_aan
from scan.ui.weergave import letterlijk

db, sessie = sessie_of_stop()
vl = vragenlijst_van_ronde(sessie.ronde)

tel = samen.telefoon(db, sessie)
mijn, ambitie_stand = tel.antwoorden, tel.ambities
opslag = Opslag(db, vl, sessie, afgerond=sessie.ronde.status == "afgerond")
toon_toasts()  # what the click's callback saved
if opslag.afgerond and opslag.mislukt:
    # Closed between page load and click: say so once, then show what is stored.
    st.error("  \n".join(sorted(set(opslag.mislukt.values()))), icon=":material/lock:")
    kondig_aan(" ".join(sorted(set(opslag.mislukt.values()))), fout=True)
    opslag.mislukt.clear()

if tel.deel.samen and not opslag.afgerond:
    toon_samen(opslag, tel)
else:
    stand = invullen.voortgang(vl, mijn, ambitie_stand)
    if st.session_state.get("invullen_b") not in stand.bouwstenen:
        # A fresh start ("Verder met invullen", a new device) continues where work is left.
        st.session_state["invullen_b"] = invullen.begin_bij(stand, st.query_params.get("b"))
    bouwsteen = vl.bouwsteen(st.session_state["invullen_b"])
    st.query_params["b"] = bouwsteen.id

    opgeslagen_ambitie = str(ambitie_stand[bouwsteen.id][0]) if bouwsteen.id in ambitie_stand else None
    for s in bouwsteen.stellingen:
        zet_uit_database(opslag, s, mijn.get(s.id), herstemd=s.id in tel.herstemd)
    opslag.uit_database(f"amb_{bouwsteen.id}", opgeslagen_ambitie)
    # Each stelling and the ambition rerun on their own when clicked (issue 20, scan.ui.delen).
    opslag.in_delen = True

    toon_kop(opslag, bouwsteen, stand)
    if opslag.afgerond:
        st.info(t("invullen.afgerond"), icon=":material/lock:")
    toon_naamgeving(tel.deel.op_naam)
    toon_h1(bouwsteen)
    st.markdown(letterlijk(bouwsteen.omschrijving.nl), anchors=False)
    st.info(t("niveau.regel"), icon=":material/rule:")
    st.caption(t("invullen.uitleg"))

    for nummer, s in enumerate(bouwsteen.stellingen, start=1):
        toon_stelling_als_deel(
            opslag,
            s,
            nummer,
            mijn.get(s.id),
            herstemd=s.id in tel.herstemd,
            tweede=tel.deel.herstemmingen.get(s.id),
        )
    toon_ambitie_als_deel(
        opslag,
        bouwsteen,
        opgeslagen_ambitie,
        ambitie_stand[bouwsteen.id][1] if bouwsteen.id in ambitie_stand else None,
    )
    ids = list(stand.bouwstenen)
    toon_voet(opslag, eerste=bouwsteen.id == ids[0], laatste=bouwsteen.id == ids[-1])

toon_toasts()  # a value saved while drawing (a click the server saw no callback for)
with st.expander(t("invullen.link.kop")):
    st.markdown(t("invullen.link.uitleg"), anchors=False)
    st.code(persoonlijke_link(sessie.deelnemer.token), language=None, wrap_lines=True)
# Issue 18: everything stored about this participant, as a file.
toon_inzage(db, vl, sessie)
# Last on the page, on every run: an element that comes and goes would move the ones below it.
volg(db, sessie.ronde.id, tel.volg)
