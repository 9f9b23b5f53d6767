"""The bare page of issue 20's yardstick: five radios, and a change saves with one SQLite upsert.

``bench/klik.py`` clicks this page and Invullen in the same run and prints the ratio: the cost of
a click on our page against the least Streamlit can do for one. Run by ``bench.meetserver`` with
``KAAL_DB`` naming the SQLite file. Not part of the app.
"""

import os
import sqlite3

import streamlit as st

NIVEAUS = ["1 · Niet", "2 · Beperkt", "3 · Deels", "4 · Grotendeels", "5 · Volledig"]


def _db() -> sqlite3.Connection:
    verbinding = sqlite3.connect(os.environ["KAAL_DB"])
    verbinding.execute("create table if not exists antwoord (stelling integer primary key, waarde text)")
    return verbinding


def bewaar(nummer: int) -> None:
    waarde = st.session_state[f"r{nummer}"]
    with _db() as verbinding:
        verbinding.execute(
            "insert into antwoord values (?, ?) on conflict(stelling) do update set waarde = excluded.waarde",
            (nummer, waarde),
        )
    st.toast(f"Opgeslagen: stelling {nummer}, {waarde}")


st.title("Kale pagina")
for n in range(1, 6):
    st.radio(f"Stelling {n}", NIVEAUS, index=None, key=f"r{n}", on_change=bewaar, args=(n,))
