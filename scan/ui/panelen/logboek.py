"""The audit trail (logboek, issue 18 item 7) as a table: on Workshop for the round's
facilitator, on Beheer for a beheerder's gemeente, with a download of all of it; and, under the
roles on Beheer, the roles revoked earlier.

Layer: ``scan/ui`` (Streamlit). The lines come from ``scan.services.logboek``; here they become
Dutch words: when in local time, who, what, about what (a stelling's number, a bouwsteen's name,
a goal's title) and the values before and after. Every cell is user text as far as the screen
is concerned and goes through ``letterlijk`` (``letterlijke_tabel``); the files are built by the
exports' writer, which neutralises text a spreadsheet would take for a formula.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from scan.leesmodellen import Gebeurtenis, Sessie
from scan.services import logboek
from scan.services.toegang import Gebruiker
from scan.ui.context import vragenlijst_of_stop
from scan.ui.opmaak import letterlijke_tabel
from scan.ui.panelen.workshop_naleving import status_tekst
from scan.ui.teksten import t
from scoring.models import Vragenlijst
from scoring.tijd import lokaal

if TYPE_CHECKING:
    from scan.db.verbinding import Database  # a type only: panels reach the database through services

_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def moment_tekst(regel: Gebeurtenis) -> str:
    """When, in Dutch local time as the app shows times: 22-11-2026 14:03."""
    return lokaal(regel.moment).strftime("%d-%m-%Y %H:%M")


def wat_tekst(handeling: str) -> str:
    """What happened, in Dutch; an unknown code (a newer installation's) as it is."""
    tekst = t(f"logboek.handeling.{handeling}")
    return handeling if tekst == f"logboek.handeling.{handeling}" else tekst


def _kort(tekst: str, lengte: int = 60) -> str:
    """A stelling's text on one line, cut at a word with "…" past ``lengte`` characters."""
    tekst = " ".join(tekst.split())
    return tekst if len(tekst) <= lengte else tekst[:lengte].rsplit(" ", 1)[0] + " …"


def _stelling(vl: Vragenlijst | None, stelling_id: str) -> str:
    if vl is not None:
        for b in vl.bouwstenen:
            for i, s in enumerate(b.stellingen, start=1):
                if s.id == stelling_id:
                    return t("logboek.onderwerp.stelling", nummer=f"{b.nummer}.{i}", tekst=_kort(s.tekst.nl))
    return stelling_id


def _bouwsteen(vl: Vragenlijst | None, bouwsteen_id: str) -> str:
    if vl is not None:
        for b in vl.bouwstenen:
            if b.id == bouwsteen_id:
                return t("logboek.onderwerp.bouwsteen", nummer=b.nummer, naam=b.naam.nl)
    return bouwsteen_id


def _naleving(vl: Vragenlijst | None, item_id: str) -> str:
    if vl is not None:
        try:
            return vl.nalevingsitem(item_id).tekst.nl
        except KeyError:
            pass
    return item_id


def onderwerp_tekst(vl: Vragenlijst | None, regel: Gebeurtenis) -> str:
    """About what, as people name it: a stelling's number and text, a bouwsteen's name, a goal's
    title, a duty's text; the stored key where the questionnaire version does not know it."""
    soort = regel.handeling.split(".", 1)[0]
    onderwerp = regel.onderwerp
    if soort == "doel":
        titel = (regel.na or {}).get("titel") or (regel.voor or {}).get("titel")
        return str(titel or onderwerp or "–")
    if onderwerp is None:
        return "–"
    if soort == "consensus":
        return _stelling(vl, onderwerp)
    if soort == "ambitie":
        return _bouwsteen(vl, onderwerp)
    if soort == "naleving":
        return _naleving(vl, onderwerp)
    return onderwerp


def _waarde(vl: Vragenlijst | None, veld: str, waarde: object) -> str:
    if isinstance(waarde, bool):
        return t("logboek.ja") if waarde else t("logboek.nee")
    if waarde is None:
        return "–"
    if veld == "rol":
        return t(f"rol.{waarde}")
    if veld == "status" and waarde not in ("open", "afgerond"):
        return status_tekst(str(waarde))
    if veld == "werkwijze":
        return t(f"logboek.werkwijze.{waarde}")
    if veld == "datum":
        try:
            return dt.date.fromisoformat(str(waarde)).strftime("%d-%m-%Y")
        except ValueError:
            return str(waarde)
    if veld == "toegekend_op":
        try:
            return lokaal(dt.datetime.fromisoformat(str(waarde))).strftime("%d-%m-%Y %H:%M")
        except ValueError:
            return str(waarde)
    if veld == "bouwsteen":
        return _bouwsteen(vl, str(waarde))
    if veld == "gewijzigd" and isinstance(waarde, list):
        return ", ".join(_veldnaam(str(v)) for v in waarde)
    if isinstance(waarde, float):
        return f"{waarde:g}".replace(".", ",")
    return str(waarde)


def _veldnaam(veld: str) -> str:
    tekst = t(f"logboek.veld.{veld}")
    return veld if tekst == f"logboek.veld.{veld}" else tekst


def waarden_tekst(vl: Vragenlijst | None, waarden: Mapping[str, object] | None, onderwerp: str | None = None) -> str:
    """A line's values before or after in words: 'niveau: 3; onderbouwing: ja'. A role's address
    is left out where it already stands as what the line is about."""
    getoond = {k: v for k, v in (waarden or {}).items() if not (k == "email" and v == onderwerp)}
    if not getoond:
        return "–"
    return "; ".join(f"{_veldnaam(k)}: {_waarde(vl, k, v)}" for k, v in getoond.items())


def koppen(*, met_ronde: bool) -> list[str]:
    return [
        t("logboek.kol.moment"),
        t("logboek.kol.wie"),
        t("logboek.kol.wat"),
        *([t("logboek.kol.ronde")] if met_ronde else []),
        t("logboek.kol.onderwerp"),
        t("logboek.kol.voor"),
        t("logboek.kol.na"),
    ]


def rijen(vl: Vragenlijst | None, regels: Sequence[Gebeurtenis], *, met_ronde: bool) -> list[list[str]]:
    """The lines as rows of Dutch words, newest first (as the service gives them)."""
    return [
        [
            moment_tekst(r),
            r.wie,
            wat_tekst(r.handeling),
            *([str(r.ronde_id) if r.ronde_id is not None else "–"] if met_ronde else []),
            onderwerp_tekst(vl, r),
            waarden_tekst(vl, r.voor, r.onderwerp),
            waarden_tekst(vl, r.na, r.onderwerp),
        ]
        for r in regels
    ]


def _bestand(lees: Callable[[], list[Gebeurtenis]], vl: Vragenlijst | None, *, met_ronde: bool, soort: str) -> bytes:
    # Runs when the button is clicked, outside the page script: no Streamlit calls here.
    alle = rijen(vl, lees(), met_ronde=met_ronde)
    if soort == "csv":
        return logboek.als_csv(koppen(met_ronde=met_ronde), alle)
    return logboek.als_excel(t("logboek.blad"), koppen(met_ronde=met_ronde), alle)


def _toon(
    regels: list[Gebeurtenis],
    lees_alles: Callable[[], list[Gebeurtenis]],
    vl: Vragenlijst | None,
    *,
    met_ronde: bool,
    bestandsnaam: str,
    sleutel: str,
) -> None:
    if not regels:
        st.caption(t("logboek.leeg"))
    else:
        tabel = pd.DataFrame(rijen(vl, regels, met_ronde=met_ronde), columns=koppen(met_ronde=met_ronde))
        # st.table renders every cell as Markdown: all of them go through letterlijk.
        st.table(letterlijke_tabel(tabel), hide_index=True, border="horizontal")
        if len(regels) >= logboek.MAX_OP_SCHERM:
            st.caption(t("logboek.meer", aantal=logboek.MAX_OP_SCHERM))
    with st.container(horizontal=True):
        st.download_button(
            t("logboek.download.csv"),
            data=lambda: _bestand(lees_alles, vl, met_ronde=met_ronde, soort="csv"),
            file_name=f"{bestandsnaam}.csv",
            mime="text/csv",
            on_click="ignore",
            icon=":material/csv:",
            key=f"{sleutel}_csv",
        )
        st.download_button(
            t("logboek.download.xlsx"),
            data=lambda: _bestand(lees_alles, vl, met_ronde=met_ronde, soort="xlsx"),
            file_name=f"{bestandsnaam}.xlsx",
            mime=_XLSX,
            on_click="ignore",
            icon=":material/table_view:",
            key=f"{sleutel}_xlsx",
        )


def toon_logboek_ronde(db: Database, vl: Vragenlijst, sessie: Sessie) -> None:
    """Workshop's tab Logboek: what was decided in this round, by whom, newest first."""
    st.markdown(t("logboek.uitleg.ronde"), anchors=False)
    ronde_id = sessie.ronde.id
    regels = logboek.van_ronde(db, sessie, ronde_id)
    _toon(
        regels,
        lambda: logboek.van_ronde(db, sessie, ronde_id, alles=True),
        vl,
        met_ronde=False,
        bestandsnaam=f"logboek-scanronde-{ronde_id}",
        sleutel="logboek_ronde",
    )


def toon_logboek_gemeente(db: Database, gebruiker: Gebruiker, gm_code: str) -> None:
    """Beheer's section Logboek: every decision of the gemeente (its rounds, roles, benchmark).
    Stellingen and bouwstenen are named by the version new rounds use (ids it does not know stay)."""
    vl = vragenlijst_of_stop()
    with st.container(border=True):
        st.header(t("logboek.kop"), anchor=False)
        st.markdown(t("logboek.uitleg.gemeente"), anchors=False)
        regels = logboek.van_gemeente(db, gebruiker, gm_code)
        _toon(
            regels,
            lambda: logboek.van_gemeente(db, gebruiker, gm_code, alles=True),
            vl,
            met_ronde=True,
            bestandsnaam=f"logboek-{gm_code.lower()}",
            sleutel="logboek_gemeente",
        )


def toon_eerdere_rollen(db: Database, gebruiker: Gebruiker, gm_code: str) -> None:
    """Under the current roles on Beheer: the roles revoked earlier, from the trail."""
    eerder = logboek.eerdere_rollen(db, gebruiker, gm_code)
    if not eerder:
        return
    st.subheader(t("logboek.eerdere_rollen"), anchor=False)
    tabel = pd.DataFrame(
        [
            [
                r.email,
                t(f"rol.{r.rol}"),
                r.toegekend_door or "–",
                lokaal(r.ingetrokken_op).strftime("%d-%m-%Y %H:%M"),
                r.ingetrokken_door,
            ]
            for r in eerder
        ],
        columns=[
            t("logboek.rollen.kol.email"),
            t("logboek.rollen.kol.rol"),
            t("logboek.rollen.kol.toegekend_door"),
            t("logboek.rollen.kol.ingetrokken_op"),
            t("logboek.rollen.kol.ingetrokken_door"),
        ],
    )
    st.table(letterlijke_tabel(tabel), hide_index=True, border="horizontal")
