"""The Workshop page's Samen block: the facilitator runs a facilitated session from here.

Layer: ``scan/ui`` (Streamlit). It switches the round between *Eigen tempo* and *Samen* and
between anonymous and named, opens a bouwsteen or a stelling, reveals, opens a re-vote,
restarts the timer, and shows who has answered the current part and, once revealed, how. The
rules (what is blind, who may do what, what a re-vote changed) are the services'
(``scan.services.samen``, ``scan.services.bespreken``); every refusal is shown in their words.

It sits above the tabs, not in a tab of its own: in a Samen session it is what the facilitator
works with all the time (a tab would be one click away and its live part would still run while
hidden), and in *Eigen tempo* it is one line with the two switches.

The four presenter keys (next, reveal, re-vote, timer) are buttons with keyboard shortcuts here
and on the presenter view a facilitator opens from here (``PRESENTEREN``). Single-key shortcuts
can be switched off (WCAG 2.1.4, toggle ``SNELTOETSEN``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from scan.fouten import InvoerFout
from scan.leesmodellen import Sessie
from scan.services import bespreken, samen
from scan.ui.delen import toast, toon_toasts
from scan.ui.foutgrens import met_foutgrens, veilig
from scan.ui.navigatie import pad
from scan.ui.opmaak import letterlijke_tabel
from scan.ui.panelen.scherm_samen import klok, titel
from scan.ui.panelen.workshop_gemeen import elke, kort_getal
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk
from scoring.models import Vragenlijst
from scoring.samen import MODI, Stap
from scoring.tijd import nu

if TYPE_CHECKING:
    from scan.db.verbinding import Database  # a type only: panels reach the database through services

PRESENTEREN = "regie_presenteert"
"""Session state: the round whose presenter view this browser session shows with the keys. Set
only by the facilitator's own button here (after the service checked who they are), so a
projector opened with the link alone never gets them, not even in a browser that knows a
personal link."""
SNELTOETSEN = "regie_sneltoetsen"
TOETSEN = {"volgende": "Right", "onthul": "O", "herstem": "H", "timer": "T"}
ICONEN = {
    "volgende": ":material/skip_next:",
    "onthul": ":material/visibility:",
    "herstem": ":material/replay:",
    "timer": ":material/timer:",
}


def _nummers(vl: Vragenlijst) -> dict[str, str]:
    return {s.id: f"{b.nummer}.{i}" for b in vl.bouwstenen for i, s in enumerate(b.stellingen, start=1)}


@veilig
def _doe(db: Database, vl: Vragenlijst, sessie: Sessie, actie: str, plek: str, stelling: str | None = None) -> None:
    """One facilitator action; a refusal is kept to be shown beside the buttons (a fragment's
    rerun does not draw the top of the page)."""
    try:
        if actie == "volgende":
            samen.volgende(db, vl, sessie)
        elif actie == "onthul":
            samen.onthul(db, sessie)
        elif actie == "herstem":
            keuze = stelling or st.session_state.get(f"{plek}_herstem_keuze")
            if keuze is None:
                raise InvoerFout(t("regie.kies_stelling"))
            samen.herstem(db, vl, sessie, keuze)
        elif actie == "timer":
            samen.herstart_timer(db, sessie)
        elif actie == "bouwsteen":
            samen.open_deel(db, vl, sessie, bouwsteen=st.session_state[f"{plek}_bouwsteen_keuze"])
        elif actie == "stelling":
            keuze = st.session_state[f"{plek}_stelling_keuze"]
            if keuze is None:
                raise InvoerFout(t("regie.kies_stelling"))
            samen.open_deel(db, vl, sessie, stelling=keuze)
    except InvoerFout as fout:
        st.session_state[f"{plek}_melding"] = letterlijk(str(fout))
    else:
        st.session_state.pop(f"{plek}_melding", None)
        toast(t(f"regie.gedaan.{actie}"))  # drawn by the part (a callback inside it may not draw)


def toon_knoppen(db: Database, vl: Vragenlijst, sessie: Sessie, stap: Stap | None, punt: str | None, plek: str) -> None:
    """The presenter keys: next bouwsteen, reveal, re-vote the point in focus, restart the timer."""
    toetsen = st.session_state.get(SNELTOETSEN, True)
    label = {
        "volgende": t("regie.knop.volgende"),
        "onthul": t("regie.knop.onthul"),
        "herstem": t("regie.knop.herstem", nummer=_nummers(vl)[punt]) if punt else t("regie.knop.herstem_geen"),
        "timer": t("regie.knop.timer"),
    }
    uit = {"volgende": False, "onthul": stap is None or stap.onthuld, "herstem": punt is None, "timer": stap is None}
    with st.container(horizontal=True, key=f"{plek}_knoppen"):
        for actie in ("volgende", "onthul", "herstem", "timer"):
            st.button(
                label[actie],
                key=f"{plek}_{actie}",
                on_click=_doe,
                args=(db, vl, sessie, actie, plek, punt if actie == "herstem" else None),
                icon=ICONEN[actie],
                disabled=uit[actie],
                shortcut=TOETSEN[actie] if toetsen else None,
                type="primary" if actie == "onthul" else "secondary",
            )
    if melding := st.session_state.get(f"{plek}_melding"):
        st.error(melding, icon=":material/error:")


def toon_sneltoetsen_keuze(plek: str) -> None:
    st.toggle(
        t("regie.sneltoetsen"),
        value=st.session_state.get(SNELTOETSEN, True),
        key=f"{plek}_sneltoetsen",
        help=t("regie.sneltoetsen.uitleg"),
        on_change=lambda: st.session_state.__setitem__(SNELTOETSEN, st.session_state[f"{plek}_sneltoetsen"]),
    )


def _verdeling(vl: Vragenlijst, r: samen.Regie) -> None:
    """After the reveal: per stelling how many chose each level; names beside them only in a
    round that shows names (``op_naam``)."""
    deel = r.deel
    nummers = _nummers(vl)
    niveau_naam = {n.niveau: n.naam.nl for n in vl.schaal.niveaus}
    kolommen = [f"{n} · {niveau_naam[n]}" for n in range(1, 6)]
    rijen = []
    for s in deel.stellingen:
        weet_niet, nvt = deel.bijzonder.get(s, (0, 0))
        rij: dict[str, object] = {t("regie.kol.stelling"): nummers[s]}
        if deel.stap is not None and deel.stap.herstemming:
            eerste = deel.eerste_verdeling.get(s, (0,) * 5)
            rij[t("regie.kol.eerste")] = " · ".join(f"{n}×{a}" for n, a in enumerate(eerste, start=1) if a) or "–"
        rij.update(dict(zip(kolommen, deel.verdeling.get(s, (0,) * 5), strict=True)))
        rij[t("workshop.weet_niet")] = weet_niet
        rij[t("workshop.nvt")] = nvt
        if deel.op_naam:
            rij[t("regie.kol.wie")] = ", ".join(f"{naam}: {a}" for naam, a in r.namen.get(s, ()))
        rijen.append(rij)
    st.table(letterlijke_tabel(pd.DataFrame(rijen)), hide_index=True, border="horizontal")
    if (v := r.vergelijking) is not None:
        if v.uitkomst is None:
            st.info(t("regie.uitkomst.geen"), icon=":material/hourglass_empty:")
        else:
            st.success(
                t(
                    f"regie.uitkomst.{v.uitkomst}",
                    voor=v.spreiding_voor if v.spreiding_voor is not None else "–",
                    na=v.spreiding_na,
                ),
                icon=":material/compare_arrows:",
            )


def _kiezen(db: Database, vl: Vragenlijst, sessie: Sessie, r: samen.Regie, punt: str | None, plek: str) -> None:
    """Open any bouwsteen or stelling, or a re-vote of any stelling with a visible first vote."""
    nummers = _nummers(vl)
    tekst = {s.id: s.tekst.nl for _, s in vl.stellingen()}
    kolommen = st.columns(3, vertical_alignment="bottom")
    with kolommen[0]:
        st.selectbox(
            t("regie.kies_bouwsteen"),
            [b.id for b in vl.bouwstenen],
            format_func=lambda b: next(f"{x.nummer} · {x.naam.nl}" for x in vl.bouwstenen if x.id == b),
            key=f"{plek}_bouwsteen_keuze",
        )
        st.button(
            t("regie.knop.bouwsteen"), key=f"{plek}_bouwsteen", on_click=_doe, args=(db, vl, sessie, "bouwsteen", plek)
        )
    with kolommen[1]:
        st.selectbox(
            t("regie.kies_stelling.label"),
            list(nummers),
            index=None,
            placeholder=t("regie.kies_stelling.leeg"),
            format_func=lambda s: f"{nummers[s]} {tekst[s][:60]}",
            key=f"{plek}_stelling_keuze",
        )
        st.button(
            t("regie.knop.stelling"), key=f"{plek}_stelling", on_click=_doe, args=(db, vl, sessie, "stelling", plek)
        )
    with kolommen[2]:
        keuzes = [s for s in r.gestemd if s not in r.herstemd]
        st.selectbox(
            t("regie.kies_herstemming"),
            keuzes,
            index=keuzes.index(punt) if punt in keuzes else None,
            placeholder=t("regie.kies_stelling.leeg"),
            format_func=lambda s: f"{nummers[s]} {tekst[s][:60]}",
            key=f"{plek}_herstem_keuze",
        )
        st.button(
            t("regie.knop.herstemming"),
            key=f"{plek}_herstemming",
            on_click=_doe,
            args=(db, vl, sessie, "herstem", plek),
        )


def _wie(r: samen.Regie) -> None:
    deel = r.deel
    stap = deel.stap
    assert stap is not None
    naam_van = {v.deelnemer_id: v.naam for v in r.voortgang}
    aantal = len(deel.klaar) + len(deel.wachtend)
    sleutel = "regie.geantwoord.herstemming" if stap.herstemming else "regie.geantwoord"
    regel = t(sleutel, klaar=len(deel.klaar), aantal=aantal)
    if deel.wachtend:
        # Who has not answered yet is not their answer: the names are fine in either naming mode.
        regel += " · " + t("regie.wacht_op", namen=", ".join(letterlijk(naam_van.get(d, "?")) for d in deel.wachtend))
    st.markdown(regel, anchors=False)


def _timer(stap: Stap, minuten: float | None) -> None:
    verstreken = stap.verstreken(nu())
    if minuten is None:
        st.caption(t("regie.timer.los", tijd=klok(verstreken)))
        return
    st.caption(t("regie.timer", tijd=klok(verstreken), minuten=kort_getal(minuten)))
    if verstreken > minuten:
        st.warning(t("regie.timer.over", over=klok(verstreken - minuten)), icon=":material/timer_off:")


def _live(db: Database, vl: Vragenlijst, sessie: Sessie) -> None:
    @st.fragment(run_every=elke("1s"))
    @met_foutgrens
    def regie() -> None:
        toon_toasts()
        # One read for the part and who answered, one for the discussion and the plan.
        r = samen.regie(db, vl, sessie)
        planning = bespreken.sessieplan(db, vl, sessie.ronde.id)
        stap = r.deel.stap
        punt = bespreken.herstem_punt(r.deel, planning.bespreking, r.herstemd)
        if stap is None:
            st.info(t("regie.nog_niets"), icon=":material/play_circle:")
        else:
            soort, kop = titel(vl, stap)
            status = t("regie.status.onthuld" if stap.onthuld else "regie.status.blind")
            st.markdown(f"**{soort}** · {kop}  \n{status}", anchors=False)
            _wie(r)
            _timer(stap, samen.geplande_minuten(planning.plan, stap))
        toon_knoppen(db, vl, sessie, stap, punt, "samen")
        if stap is not None and stap.onthuld:
            _verdeling(vl, r)
        with st.expander(t("regie.anders_openen"), key="samen_kiezen"):
            _kiezen(db, vl, sessie, r, punt, "samen")

    regie()


def _plan(db: Database, vl: Vragenlijst, sessie: Sessie) -> None:
    planning = bespreken.sessieplan(db, vl, sessie.ronde.id)
    plan = planning.plan

    @veilig
    def stel_in() -> None:
        try:
            bespreken.stel_sessieduur_in(db, sessie, float(st.session_state["samen_duur"]))
        except InvoerFout as fout:
            st.session_state["samen_plan_melding"] = letterlijk(str(fout))
        else:
            st.session_state.pop("samen_plan_melding", None)

    naam = {b.id: f"{b.nummer} · {b.naam.nl}" for b in vl.bouwstenen}
    with st.expander(
        t("regie.plan.kop", duur=kort_getal(plan.duur), gepland=kort_getal(plan.gepland)), key="samen_plan"
    ):
        st.number_input(
            t("regie.plan.duur"),
            min_value=int(bespreken.MIN_DUUR),
            max_value=int(bespreken.MAX_DUUR),
            step=15,
            value=int(plan.duur),
            key="samen_duur",
            on_change=stel_in,
        )
        if melding := st.session_state.get("samen_plan_melding"):
            st.error(melding, icon=":material/error:")
        if not planning.ingesteld:
            st.caption(t("regie.plan.standaard", duur=kort_getal(plan.duur)))
        rijen = [
            {
                t("regie.plan.kol.onderdeel"): naam[o.bouwsteen] if o.bouwsteen else t(f"regie.plan.{o.soort}"),
                t("regie.plan.kol.minuten"): kort_getal(o.minuten),
            }
            for o in plan.onderdelen
        ]
        st.table(letterlijke_tabel(pd.DataFrame(rijen)), hide_index=True, border="horizontal")
        st.caption(
            t(
                "regie.plan.punten",
                past=plan.punten,
                van=planning.bespreking.agenda.resterend,
                minuten=kort_getal(plan.minuten_per_punt),
            )
        )
    if plan.over > 0:
        st.warning(
            t("regie.plan.over", over=kort_getal(plan.over), duur=kort_getal(plan.duur)), icon=":material/schedule:"
        )


def _presenteer_knop(db: Database, sessie: Sessie) -> None:
    if st.button(
        t("regie.presenteren"),
        key="samen_presenteren",
        icon=":material/co_present:",
        help=t("regie.presenteren.uitleg"),
    ):
        token = bespreken.presentatie_token(db, sessie)  # checks that this is the round's facilitator
        st.session_state[PRESENTEREN] = sessie.ronde.id
        st.switch_page(pad("scherm"), query_params={"scherm": token})


def toon_samen(db: Database, vl: Vragenlijst, sessie: Sessie) -> None:
    """The block above the Workshop page's tabs."""
    deel = samen.mijn_deel(db, sessie)

    @veilig
    def zet_modus() -> None:
        keuze = st.session_state["samen_modus"]
        try:
            samen.zet_modus(db, sessie, keuze)
        except InvoerFout as fout:
            st.session_state["samen_modus"] = deel.modus
            st.session_state["samen_kop_melding"] = letterlijk(str(fout))
        else:
            st.session_state.pop("samen_kop_melding", None)

    @veilig
    def zet_op_naam() -> None:
        try:
            samen.zet_op_naam(db, sessie, bool(st.session_state["samen_op_naam"]))
        except InvoerFout as fout:
            st.session_state["samen_op_naam"] = deel.op_naam
            st.session_state["samen_kop_melding"] = letterlijk(str(fout))
        else:
            st.session_state.pop("samen_kop_melding", None)

    with st.container(border=True, key="samen_blok"):
        with st.container(horizontal=True, vertical_alignment="bottom"):
            # Radio buttons rather than a segmented control, whose selected text had 4.47:1 and
            # whose labels were clipped under the user's own text spacing (WCAG 1.4.3, 1.4.12).
            st.radio(
                t("regie.werkwijze"),
                MODI,
                index=MODI.index(deel.modus),
                horizontal=True,
                format_func=lambda m: t(f"regie.modus.{m}"),
                key="samen_modus",
                on_change=zet_modus,
            )
            st.toggle(t("regie.op_naam"), value=deel.op_naam, key="samen_op_naam", on_change=zet_op_naam)
            if deel.samen:
                toon_sneltoetsen_keuze("samen")
        st.caption(
            t("regie.uitleg.samen" if deel.samen else "regie.uitleg.eigen_tempo")
            + " "
            + t("regie.naam.aan" if deel.op_naam else "regie.naam.uit")
        )
        if melding := st.session_state.get("samen_kop_melding"):
            st.error(melding, icon=":material/error:")
        if not deel.samen:
            return
        _live(db, vl, sessie)
        with st.container(horizontal=True, vertical_alignment="center"):
            _presenteer_knop(db, sessie)
        _plan(db, vl, sessie)


def toon_disciplines(db: Database, vl: Vragenlijst, sessie: Sessie) -> None:
    """Per bouwsteen whether the disciplines see it differently (facilitator only; a group is
    never smaller than two people, so nobody is singled out)."""
    r = samen.regie(db, vl, sessie)
    naam = {b.id: f"{b.nummer} · {b.naam.nl}" for b in vl.bouwstenen}
    st.markdown(t("regie.disciplines.uitleg"), anchors=False)
    beelden = [b for b in r.disciplines if b.groepen]
    if not any(len(b.groepen) >= 2 for b in beelden):
        st.info(t("regie.disciplines.leeg"), icon=":material/groups:")
        return
    rijen = [
        {
            t("regie.kol.bouwsteen"): naam[b.bouwsteen],
            t("regie.kol.groepen"): " · ".join(_groep(g.disciplines, g.personen, g.gemiddelde) for g in b.groepen),
            t("regie.kol.verschil"): kort_getal(round(b.verschil, 1)) if b.verschil is not None else "–",
            t("regie.kol.anders"): t("regie.ziet_anders") if b.ziet_anders else "",
        }
        for b in beelden
    ]
    st.table(letterlijke_tabel(pd.DataFrame(rijen)), hide_index=True, border="horizontal")


def _groep(disciplines: Sequence[str], personen: int, gemiddelde: float) -> str:
    namen = " + ".join(t(f"regie.discipline.{d}") for d in disciplines)
    return t("regie.groep", namen=namen, personen=personen, gemiddelde=kort_getal(round(gemiddelde, 1)))
