"""Pages never hand user text to Streamlit's Markdown without ``letterlijk`` (issue 13, case 1).

A static check over the UI code (everything in ``scan/ui/`` and ``app.py``): in every
call that renders Markdown (st.markdown, caption, toast, error, table, widget labels, help, ...)
and in every message kept in ``st.session_state`` for a later run, no user field (a name, a
function, a note, a goal field, a description, a gemeente, an e-mail address, ...) and no
exception text may appear except inside ``letterlijk(...)`` / ``letterlijke_tabel(...)``. Names
assigned from user text count as user text. An exception's text (``str(fout)``) must go through
``letterlijk`` wherever it is used, except in a log call.

It is a net, not a proof: text that arrives through a function parameter or an unknown service
is not followed. The AppTests and the browser test (tests/e2e/test_letterlijk_browser.py) show
the pages with hostile text in every field.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BESTANDEN = sorted(
    [
        # Every Streamlit module: the whole of scan/ui (pages, panels, helpers) and the router.
        *ROOT.glob("scan/ui/**/*.py"),
        ROOT / "app.py",
    ]
)

# Attributes that hold text a person (or a file, or the CBS list) supplied.
GEBRUIKERSVELDEN = frozenset(
    {
        "naam",
        "functie",
        "toelichting",
        "titel",
        "actie",
        "indicator",
        "eenheid",
        "bron",
        "eigenaar",
        "draagvlak",
        "notities",
        "omschrijving",
        "onderbouwing",
        "gemeente",
        "vastgesteld_door",
        "gewijzigd_door",
        "toegekend_door",
        "door",
        "email",
        "label",
        "reden",
        "problemen",
    }
)
# Services that return user text in tuples or lists (no attribute to recognise it by).
GEBRUIKERSDIENSTEN = frozenset({"toelichtingen"})
# ``x.naam.nl``: a questionnaire's language map, our own published text.
TAALVELDEN = frozenset({"nl", "en"})
OMHULLERS = frozenset({"letterlijk", "letterlijke_tabel"})
# Calls whose result is no text of the argument (numbers, times, escaping for HTML).
NEUTRAAL = frozenset(
    {"len", "int", "float", "round", "bool", "tijd", "tijd_datum", "isinstance", "escape", "strftime", "isoformat"}
)
LOGGERS = frozenset({"log", "logging", "logger"})
INVOERVELDEN = frozenset({"text_input", "text_area"})
EIGEN_TEKST = "# eigen tekst"
"""Marks a line whose field with a user-text name holds our own text (a questionnaire's)."""
WIDGETWAARDE = "# widgetwaarde"
"""Marks a ``st.session_state`` assignment that sets a text widget's value (shown plainly, never as
Markdown: an escape would show its backslashes in the field)."""

ALLES = (0,)
_STANDAARD = ((0,), frozenset({"label", "body", "help", "text", "captions", "placeholder_markdown"}))
# Per rendering call: which positions and keywords are Markdown (widget options of a selectbox or
# multiselect, values and st.code are plain text and not listed).
PUTTEN: dict[str, tuple[tuple[int, ...], frozenset[str]]] = {
    **dict.fromkeys(
        (
            "markdown",
            "caption",
            "title",
            "header",
            "subheader",
            "toast",
            "error",
            "warning",
            "info",
            "success",
            "expander",
            "popover",
            "checkbox",
            "toggle",
            "button",
            "form_submit_button",
            "link_button",
            "download_button",
            "text_input",
            "text_area",
            "number_input",
            "date_input",
            "time_input",
            "slider",
            "select_slider",
            "selectbox",
            "multiselect",
            "file_uploader",
            "color_picker",
            "badge",
            "tabs",
            "table",
        ),
        _STANDAARD,
    ),
    "page_link": ((), frozenset({"label", "help"})),
    "progress": ((1,), frozenset({"text"})),
    "metric": ((0, 1, 2), frozenset({"label", "value", "delta", "help"})),
    "radio": ((0, 1), frozenset({"label", "options", "captions", "help", "format_func"})),
    "pills": ((0, 1), frozenset({"label", "options", "help", "format_func"})),
    "segmented_control": ((0, 1), frozenset({"label", "options", "help", "format_func"})),
    "write": ((0, 1, 2, 3, 4, 5), frozenset()),
    # The pages' own helpers that pass a Markdown argument on to one of the calls above.
    "_fout": ((0,), frozenset()),
    "_meld_fout": ((0,), frozenset()),
    "_markdown": ((1,), frozenset()),
    "_meld": ((2,), frozenset()),
    "_doe": ((1,), frozenset({"gelukt"})),
    "_voer_uit": ((2,), frozenset({"gelukt"})),
    "_kop": ((2,), frozenset()),
}


def _naam(functie: ast.expr) -> str | None:
    if isinstance(functie, ast.Name):
        return functie.id
    if isinstance(functie, ast.Attribute):
        return functie.attr
    return None


def _ontvanger(functie: ast.expr) -> str | None:
    if isinstance(functie, ast.Attribute) and isinstance(functie.value, ast.Name):
        return functie.value.id
    return None


def _doelnamen(doel: ast.AST) -> Iterator[str]:
    for knoop in ast.walk(doel):
        if isinstance(knoop, ast.Name):
            yield knoop.id


@dataclass
class Controle:
    bron: str
    bestand: str = "<code>"
    besmet: set[str] = field(default_factory=set)
    uitzonderingen: set[str] = field(default_factory=set)
    fouten: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.boom = ast.parse(self.bron)
        self.regels = self.bron.splitlines()
        for knoop in ast.walk(self.boom):
            if isinstance(knoop, ast.ExceptHandler) and knoop.name:
                self.uitzonderingen.add(knoop.name)

    def _bereik(self, bereik: ast.AST, geerfd: set[str]) -> None:
        """Check one scope (the module or a function) with the names it binds to user text."""
        knopen, functies = [], []
        stapel = list(ast.iter_child_nodes(bereik))
        while stapel:
            knoop = stapel.pop()
            if isinstance(knoop, ast.FunctionDef | ast.AsyncFunctionDef):
                functies.append(knoop)
                continue
            knopen.append(knoop)
            stapel.extend(ast.iter_child_nodes(knoop))
        self.besmet = set(geerfd)
        # Names bound to user text in this scope, to a fixpoint (flow-insensitive).
        while True:
            voor = len(self.besmet)
            for knoop in knopen:
                if isinstance(knoop, ast.Assign | ast.AnnAssign | ast.AugAssign | ast.NamedExpr) and knoop.value:
                    doelen = knoop.targets if isinstance(knoop, ast.Assign) else [knoop.target]
                    if self.vlekken(knoop.value):
                        for doel in doelen:
                            if not isinstance(doel, ast.Subscript):
                                self.besmet.update(_doelnamen(doel))
                elif isinstance(knoop, ast.For) and self.vlekken(knoop.iter):
                    self.besmet.update(_doelnamen(knoop.target))
            if len(self.besmet) == voor:
                break
        for knoop in knopen:
            if isinstance(knoop, ast.Call):
                self._put(knoop)
                self._uitzondering(knoop)
            elif isinstance(knoop, ast.Assign):
                for doel in knoop.targets:
                    if (
                        isinstance(doel, ast.Subscript)
                        and "session_state" in ast.unparse(doel.value)
                        and (v := self.vlekken(knoop.value))
                        and WIDGETWAARDE not in self.regels[knoop.lineno - 1]
                    ):
                        self._meld(knoop, f"session_state keeps {v} unescaped")
        eigen = self.besmet
        for functie in functies:
            self._bereik(functie, eigen)

    def _meld(self, knoop: ast.expr | ast.stmt, wat: str) -> None:
        # A line that says so holds our own text in a field with a user-text name.
        if EIGEN_TEKST not in self.regels[knoop.lineno - 1]:
            self.fouten.append(f"{self.bestand}:{knoop.lineno}: {wat}")

    def vlekken(self, knoop: ast.AST | None) -> list[str]:
        """The user text in ``knoop`` that is not wrapped in ``letterlijk``."""
        if knoop is None:
            return []
        if isinstance(knoop, ast.Call):
            naam = _naam(knoop.func)
            if naam in OMHULLERS or naam in NEUTRAAL:
                return []
            if naam in PUTTEN and _ontvanger(knoop.func) not in LOGGERS:
                # A widget returns what was chosen (ids, numbers), or for a text field what was typed.
                return [f"{naam}(...)"] if naam in INVOERVELDEN else []
            if naam == "str" and knoop.args and isinstance(knoop.args[0], ast.Name):
                if knoop.args[0].id in self.uitzonderingen:
                    return [f"str({knoop.args[0].id})"]
            if naam in GEBRUIKERSDIENSTEN:
                return [f"{naam}(...)"]
            delen: list[str] = []
            if isinstance(knoop.func, ast.Attribute):
                delen += self.vlekken(knoop.func.value)
            for arg in knoop.args:
                delen += self.vlekken(arg)
            for kw in knoop.keywords:
                delen += self.vlekken(kw.value)
            return delen
        if isinstance(knoop, ast.Attribute):
            if knoop.attr in TAALVELDEN:
                return []
            # Another field of an object that holds user text (a goal's letter, a count) is not text
            # of the user's; a method called on user text is (the Call case looks at its object).
            return [ast.unparse(knoop)] if knoop.attr in GEBRUIKERSVELDEN else []
        if isinstance(knoop, ast.Name):
            return [knoop.id] if knoop.id in self.besmet else []
        if isinstance(knoop, ast.IfExp):
            return self.vlekken(knoop.body) + self.vlekken(knoop.orelse)
        if isinstance(knoop, ast.Compare | ast.Constant):
            return []
        if isinstance(knoop, ast.Subscript):
            return self.vlekken(knoop.value)
        if isinstance(knoop, ast.Lambda):
            return self.vlekken(knoop.body)
        if isinstance(knoop, ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp):
            lokaal = {n for g in knoop.generators if self.vlekken(g.iter) for n in _doelnamen(g.target)}
            buiten = self.besmet
            self.besmet = buiten | lokaal
            try:
                if isinstance(knoop, ast.DictComp):
                    return self.vlekken(knoop.key) + self.vlekken(knoop.value)
                return self.vlekken(knoop.elt)
            finally:
                self.besmet = buiten
        delen = []
        for kind in ast.iter_child_nodes(knoop):
            if isinstance(kind, ast.expr):
                delen += self.vlekken(kind)
        return delen

    def controleer(self) -> list[str]:
        self.ouders = {kind: ouder for ouder in ast.walk(self.boom) for kind in ast.iter_child_nodes(ouder)}
        self._bereik(self.boom, set())
        return sorted(set(self.fouten))

    def _put(self, knoop: ast.Call) -> None:
        naam = _naam(knoop.func)
        if naam not in PUTTEN or _ontvanger(knoop.func) in LOGGERS:
            return
        posities, sleutels = PUTTEN[naam]
        argumenten = [a for i, a in enumerate(knoop.args) if i in posities or (posities == ALLES and naam == "write")]
        argumenten += [kw.value for kw in knoop.keywords if kw.arg in sleutels]
        for arg in argumenten:
            if v := self.vlekken(arg):
                self._meld(knoop, f"{naam}(...) renders {v} as Markdown")

    def _uitzondering(self, knoop: ast.Call) -> None:
        if not (
            _naam(knoop.func) == "str"
            and knoop.args
            and isinstance(knoop.args[0], ast.Name)
            and knoop.args[0].id in self.uitzonderingen
        ):
            return
        ouder = self.ouders.get(knoop)
        while ouder is not None:
            if isinstance(ouder, ast.Call) and (
                _naam(ouder.func) in OMHULLERS | NEUTRAAL or _ontvanger(ouder.func) in LOGGERS
            ):
                return
            ouder = self.ouders.get(ouder)
        self._meld(knoop, f"str({knoop.args[0].id}) is used without letterlijk")


@pytest.mark.parametrize("pad", BESTANDEN, ids=lambda p: str(p.relative_to(ROOT)))
def test_ui_code__passes_user_text_to_markdown_only_through_letterlijk(pad: Path) -> None:
    fouten = Controle(pad.read_text(encoding="utf-8"), str(pad.relative_to(ROOT))).controleer()
    assert fouten == []


@pytest.mark.parametrize(
    "code",
    [
        "st.toast(t('doelen.opgeslagen', titel=nieuw.titel))",
        "st.table(pd.DataFrame({'Naam': [r.naam for r in rijen]}))",
        "try:\n    x()\nexcept E as fout:\n    st.error(str(fout))",
        "try:\n    x()\nexcept E as fout:\n    melding = str(fout)",
        "try:\n    x()\nexcept E as fout:\n    st.session_state['m'] = t('x', door=fout.huidig.door)",
        "namen = {r.id: r.naam for r in rijen}\nnaam = namen[1]\nst.checkbox(t('x', naam=naam))",
        "st.markdown(f'#### {d.titel}')",
        "st.caption(' · '.join([sessie.ronde.gemeente, 'x']))",
        "st.radio('Kies', ids, format_func=lambda i: per_id[i].label)",
        "st.markdown('\\n'.join(f'- {tekst}' for _, tekst in services.toelichtingen(db, s, 'x')))",
        "kolom.metric(r.naam, 3)",
        "_fout(ronde.omschrijving)",
        "st.warning(x, help=gebruiker.email)",
    ],
)
def test_the_check__finds_user_text_given_raw_to_markdown(code: str) -> None:
    assert Controle(code).controleer() != []


@pytest.mark.parametrize(
    "code",
    [
        "st.toast(t('doelen.opgeslagen', titel=letterlijk(nieuw.titel)))",
        "st.table(letterlijke_tabel(pd.DataFrame({'Naam': [r.naam for r in rijen]})))",
        "try:\n    x()\nexcept E as fout:\n    st.error(letterlijk(str(fout)))",
        "try:\n    x()\nexcept E as fout:\n    log.warning('mislukt: %s', str(fout))",
        "st.selectbox('Wie', ids, format_func=lambda i: namen[i])",  # options are plain text
        "st.text_input('Naam', value=r.naam)",  # a widget value is plain text
        "st.markdown(f'**{b.naam.nl}**')",  # our questionnaire
        "st.caption(t('x', aantal=len(r.naam)))",
    ],
)
def test_the_check__accepts_escaped_or_plain_places(code: str) -> None:
    assert Controle(code).controleer() == []
