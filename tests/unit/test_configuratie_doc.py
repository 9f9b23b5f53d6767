"""docs/configuratie.md lists exactly what the app reads (issue 19, item 6): every environment
variable, every secret in .streamlit/secrets.toml and every Streamlit setting, read from the code,
compose.yaml and .streamlit/config.toml, so the reference cannot drift.

What counts as read, found in the syntax tree of scan/, app.py, reports/, scoring/, deploy/ and
dev.py (and ``${NAAM}`` in compose.yaml, which compose fills in):
- an environment variable: the name given to ``os.environ.get``, ``os.environ[...]``, ``os.getenv``
  or ``... in os.environ`` (a string, or a module constant holding one, imported or not), and every
  string that is a whole ``SCAN_...`` name (the project's prefix: read through a helper too);
- a secret: ``st.secrets.get("a")``/``st.secrets["a"]``/``"a" in st.secrets`` is section ``[a]``; a
  ``.get("b")`` on it is ``[a] b``, also through a local variable or a function returning the
  section; ``.get("c")`` on each of its ``.values()`` is ``[a.<provider>] c``;
- a Streamlit setting: every key in .streamlit/config.toml, every ``st.get_option("x.y")`` and every
  ``--x.y`` flag the code passes or parses.
"""

from __future__ import annotations

import ast
import functools
import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import streamlit

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "configuratie.md"
CONFIG_TOML = ROOT / ".streamlit" / "config.toml"
ENV_NAAM = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")
PROJECT_VARIABELE = re.compile(r"SCAN_[A-Z0-9_]+")
SECRET_NAAM = re.compile(r"\[([a-z_]+(?:\.<[a-z]+>)?)\] ([a-z_]+)")
OPTIE_NAAM = re.compile(r"[a-z]+\.[A-Za-z]+")
VLAG = re.compile(r"--([a-z]+\.[A-Za-z]+)(?:=.*)?")
ENVIRON = {"os.environ", "environ"}

STREAMLIT_AUTH = {"redirect_uri", "client_id", "client_secret", "cookie_secret", "server_metadata_url"}
"""Keys of ``[auth]`` that Streamlit's ``st.login`` reads itself (checked against its source below);
the doc may list them although the app's code does not read them."""


def bronbestanden() -> list[Path]:
    paden = [ROOT / "app.py", ROOT / "dev.py"]
    for map_ in ("scan", "reports", "scoring", "deploy"):
        paden += sorted((ROOT / map_).rglob("*.py"))
    return paden


def _module(pad: Path) -> str:
    delen = pad.relative_to(ROOT).with_suffix("").parts
    return ".".join(delen[:-1] if delen[-1] == "__init__" else delen)


@dataclass
class Gevonden:
    omgeving: dict[str, str] = field(default_factory=dict)  # name -> where first seen
    secrets: dict[str, str] = field(default_factory=dict)  # "auth.cookie_secret" / "auth" / "auth.*.x"
    opties: dict[str, str] = field(default_factory=dict)


class _Code:
    """Module constants and imports of every source file, to resolve a name to its string."""

    def __init__(self, paden: list[Path]) -> None:
        self.bomen = {_module(p): (p, ast.parse(p.read_text(encoding="utf-8"))) for p in paden}
        self.constanten: dict[str, dict[str, str]] = {}
        self.imports: dict[str, dict[str, tuple[str, str | None]]] = {}
        for module, (_, boom) in self.bomen.items():
            consts, imps = {}, {}
            for knoop in boom.body:
                doelen: list[ast.expr] = []
                waarde: ast.expr | None = None
                if isinstance(knoop, ast.Assign):
                    doelen, waarde = knoop.targets, knoop.value
                elif isinstance(knoop, ast.AnnAssign) and knoop.value is not None:
                    doelen, waarde = [knoop.target], knoop.value
                if isinstance(waarde, ast.Constant) and isinstance(waarde.value, str):
                    for doel in doelen:
                        if isinstance(doel, ast.Name):
                            consts[doel.id] = waarde.value
            for knoop in ast.walk(boom):
                if isinstance(knoop, ast.ImportFrom) and knoop.module:
                    for alias in knoop.names:
                        # `from scan.ui import hostnamen` names a module; `from x import NAAM` a constant
                        sub = f"{knoop.module}.{alias.name}"
                        imps[alias.asname or alias.name] = (
                            (sub, None) if sub in self.bomen else (knoop.module, alias.name)
                        )
                elif isinstance(knoop, ast.Import):
                    for alias in knoop.names:
                        imps[alias.asname or alias.name] = (alias.name, None)
            self.constanten[module], self.imports[module] = consts, imps

    def tekst(self, knoop: ast.expr, module: str) -> str | None:
        """The string ``knoop`` stands for, if it is a literal or a module constant."""
        if isinstance(knoop, ast.Constant) and isinstance(knoop.value, str):
            return knoop.value
        if isinstance(knoop, ast.Name):
            if knoop.id in self.constanten.get(module, {}):
                return self.constanten[module][knoop.id]
            bron, naam = self.imports.get(module, {}).get(knoop.id, ("", None))
            return self.constanten.get(bron, {}).get(naam or "")
        if isinstance(knoop, ast.Attribute) and isinstance(knoop.value, ast.Name):
            bron, naam = self.imports.get(module, {}).get(knoop.value.id, ("", ""))
            if naam is None:
                return self.constanten.get(bron, {}).get(knoop.attr)
        return None


def _secrets_pad(knoop: ast.expr, secties: dict[str, str], code: _Code, module: str) -> str | None:
    """The secrets path an expression stands for: ``st.secrets`` is "", ``.get("a")`` on it "a"."""
    if ast.unparse(knoop) == "st.secrets":
        return ""
    if isinstance(knoop, ast.Name):
        return secties.get(knoop.id)
    if isinstance(knoop, ast.IfExp):  # `dict(auth) if hasattr(auth, "keys") else {}`
        return _secrets_pad(knoop.body, secties, code, module)
    if isinstance(knoop, ast.Call):
        functie = knoop.func
        if isinstance(functie, ast.Name) and functie.id in secties and not knoop.args:
            return secties[functie.id]  # a function returning a section
        if isinstance(functie, ast.Name) and functie.id == "dict" and len(knoop.args) == 1:
            return _secrets_pad(knoop.args[0], secties, code, module)
        if isinstance(functie, ast.Attribute) and functie.attr == "get" and knoop.args:
            basis = _secrets_pad(functie.value, secties, code, module)
            sleutel = code.tekst(knoop.args[0], module)
            if basis is not None and sleutel is not None:
                return f"{basis}.{sleutel}".lstrip(".")
    if isinstance(knoop, ast.Subscript):
        basis = _secrets_pad(knoop.value, secties, code, module)
        sleutel = code.tekst(knoop.slice, module)
        if basis is not None and sleutel is not None:
            return f"{basis}.{sleutel}".lstrip(".")
    return None


def _functies(boom: ast.Module) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef | ast.Module]:
    yield boom
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.FunctionDef | ast.AsyncFunctionDef):
            yield knoop


@functools.cache
def lees_code() -> Gevonden:
    code = _Code(bronbestanden())
    gevonden = Gevonden()
    for module, (pad, boom) in code.bomen.items():
        waar = str(pad.relative_to(ROOT))
        # --- environment variables ---
        for knoop in ast.walk(boom):
            naam: str | None = None
            if isinstance(knoop, ast.Call) and knoop.args:
                functie = ast.unparse(knoop.func)
                if functie in {f"{e}.{m}" for e in ENVIRON for m in ("get", "pop", "setdefault")} | {
                    "os.getenv",
                    "getenv",
                }:
                    naam = code.tekst(knoop.args[0], module)
            elif isinstance(knoop, ast.Subscript) and ast.unparse(knoop.value) in ENVIRON:
                naam = code.tekst(knoop.slice, module)
            elif (
                isinstance(knoop, ast.Compare)
                and any(isinstance(o, ast.In | ast.NotIn) for o in knoop.ops)
                and ast.unparse(knoop.comparators[0]) in ENVIRON
            ):
                naam = code.tekst(knoop.left, module)
            elif isinstance(knoop, ast.Constant) and isinstance(knoop.value, str):
                if PROJECT_VARIABELE.fullmatch(knoop.value):
                    naam = knoop.value
                elif (vlag := VLAG.fullmatch(knoop.value)) is not None:
                    gevonden.opties.setdefault(vlag.group(1), waar)
            if naam is not None:
                assert ENV_NAAM.fullmatch(naam), f"{waar}: '{naam}' is geen naam van een omgevingsvariabele"
                gevonden.omgeving.setdefault(naam, waar)
            if isinstance(knoop, ast.Call) and ast.unparse(knoop.func) == "st.get_option" and knoop.args:
                optie = code.tekst(knoop.args[0], module)
                if optie is not None:
                    gevonden.opties.setdefault(optie, waar)
        # --- secrets: sections through variables and helper functions, then every key read ---
        if "st.secrets" not in pad.read_text(encoding="utf-8"):
            continue
        secties: dict[str, str] = {}
        lokale: dict[int, dict[str, str]] = {}
        for _ in range(3):  # a helper's section (a variable's) is known once its body (line) was read
            for functie in _functies(boom):
                lokaal = lokale.setdefault(id(functie), {})
                lokaal.update({k: v for k, v in secties.items() if k not in lokaal})
                for knoop in ast.walk(functie):
                    if (
                        isinstance(knoop, ast.Assign)
                        and len(knoop.targets) == 1
                        and isinstance(knoop.targets[0], ast.Name)
                    ):
                        pad_ = _secrets_pad(knoop.value, lokaal, code, module)
                        if pad_:
                            lokaal[knoop.targets[0].id] = pad_
                    if isinstance(knoop, ast.comprehension) and isinstance(knoop.target, ast.Name):
                        # for v in section.values(): a provider's own section
                        bron = knoop.iter
                        if (
                            isinstance(bron, ast.Call)
                            and isinstance(bron.func, ast.Attribute)
                            and bron.func.attr == "values"
                        ):
                            pad_ = _secrets_pad(bron.func.value, lokaal, code, module)
                            if pad_:
                                lokaal[knoop.target.id] = f"{pad_}.*"
                    if (
                        isinstance(functie, ast.FunctionDef)
                        and isinstance(knoop, ast.Return)
                        and knoop.value is not None
                    ):
                        pad_ = _secrets_pad(knoop.value, lokaal, code, module)
                        if pad_:
                            secties[functie.name] = pad_
                    if isinstance(knoop, ast.Compare) and ast.unparse(knoop.comparators[0]) == "st.secrets":
                        sleutel = code.tekst(knoop.left, module)
                        if sleutel:
                            gevonden.secrets.setdefault(sleutel, waar)
                    if isinstance(knoop, ast.Call | ast.Subscript):
                        pad_ = _secrets_pad(knoop, lokaal, code, module)
                        if pad_:
                            gevonden.secrets.setdefault(pad_, waar)
    return gevonden


def compose_variabelen() -> dict[str, str]:
    """The variables compose.yaml fills in from the environment or .env (``${NAAM...}``)."""
    pad = ROOT / "compose.yaml"
    if not pad.exists():
        return {}
    return dict.fromkeys(re.findall(r"\$\{([A-Z][A-Z0-9_]*)", pad.read_text(encoding="utf-8")), "compose.yaml")


def config_toml() -> set[str]:
    with CONFIG_TOML.open("rb") as f:
        inhoud = tomllib.load(f)
    return {f"{sectie}.{optie}" for sectie, opties in inhoud.items() for optie in opties}


@dataclass
class Doc:
    omgeving: set[str] = field(default_factory=set)
    secrets: set[str] = field(default_factory=set)  # "auth.cookie_secret", "auth.*.server_metadata_url"
    opties: set[str] = field(default_factory=set)
    onbekend: list[str] = field(default_factory=list)


def lees_doc() -> Doc:
    doc = Doc()
    for regel in DOC.read_text(encoding="utf-8").splitlines():
        if not regel.startswith("| `"):
            continue
        naam = regel.split("|")[1].strip().strip("`")
        if ENV_NAAM.fullmatch(naam):
            doc.omgeving.add(naam)
        elif (s := SECRET_NAAM.fullmatch(naam)) is not None:
            sectie = re.sub(r"\.<[a-z]+>", ".*", s.group(1))
            doc.secrets.add(f"{sectie}.{s.group(2)}")
        elif OPTIE_NAAM.fullmatch(naam):
            doc.opties.add(naam)
        else:
            doc.onbekend.append(naam)
    return doc


def als_in_doc(sleutel: str) -> str:
    """A secret as the doc names it: "auth.*.x" is "[auth.<provider>] x", "toegang.issuers" "[toegang] issuers"."""
    sectie, _, naam = sleutel.rpartition(".")
    return f"[{sectie.replace('.*', '.<provider>')}] {naam}" if sectie else sleutel


def _verschil(
    soort: str,
    in_code: dict[str, str],
    in_doc: set[str],
    extra_toegestaan: frozenset[str] = frozenset(),
    naam_in_doc: Callable[[str], str] = str,
) -> list[str]:
    """What is read but not documented, and what is documented but not read, each with its name."""
    fouten = [
        f"{soort} '{naam_in_doc(naam)}' (in {in_code[naam]}) ontbreekt in docs/configuratie.md"
        for naam in sorted(set(in_code) - in_doc)
    ]
    fouten += [
        f"{soort} '{naam_in_doc(naam)}' staat in docs/configuratie.md, maar de code leest hem niet (meer)"
        for naam in sorted(in_doc - set(in_code) - extra_toegestaan)
    ]
    return fouten


def test_every_row_has_a_name_of_a_known_kind() -> None:
    assert not lees_doc().onbekend, f"rijen met een onbekende soort naam: {lees_doc().onbekend}"


def test_environment_variables__the_doc_lists_exactly_what_the_code_reads() -> None:
    code, doc = lees_code(), lees_doc()
    assert {"DATABASE_URL", "SCAN_PUBLIEKE_URL", "SCAN_LOG_FORMAAT"} <= set(code.omgeving)  # the scan itself works
    gelezen = {**compose_variabelen(), **code.omgeving}
    fouten = _verschil("omgevingsvariabele", gelezen, doc.omgeving)
    assert not fouten, "\n".join(fouten)


def test_secrets__the_doc_lists_exactly_what_the_app_and_streamlits_login_read() -> None:
    code, doc = lees_code(), lees_doc()
    sleutels = {k: v for k, v in code.secrets.items() if "." in k}
    assert {"auth.cookie_secret", "toegang.beheerders", "toegang.issuers", "auth.*.server_metadata_url"} <= set(
        sleutels
    )
    streamlit_leest = frozenset(f"auth.{k}" for k in STREAMLIT_AUTH)
    fouten = _verschil("geheim", sleutels, doc.secrets, streamlit_leest, als_in_doc)
    # A section the code opens (`"auth" in st.secrets`) has at least one documented key.
    for sectie, waar in code.secrets.items():
        if "." not in sectie and not any(s.startswith(f"{sectie}.") for s in doc.secrets):
            fouten.append(f"sectie [{sectie}] (in {waar}) heeft geen sleutel in docs/configuratie.md")
    assert not fouten, "\n".join(fouten)


def test_streamlits_login_still_reads_the_auth_keys_the_doc_lists_for_it() -> None:
    bron = (Path(streamlit.__file__).parent / "auth_util.py").read_text(encoding="utf-8")
    weg = sorted(k for k in STREAMLIT_AUTH if f'"{k}"' not in bron)
    assert not weg, f"Streamlit leest deze [auth]-sleutels niet meer: {weg}; werk docs/configuratie.md bij"


def test_streamlit_settings__the_doc_lists_config_toml_and_what_the_code_reads_or_passes() -> None:
    code, doc = lees_code(), lees_doc()
    opties = {**dict.fromkeys(config_toml(), ".streamlit/config.toml"), **code.opties}
    assert {"server.maxUploadSize", "server.port", "runner.postScriptGC"} <= set(opties)
    fouten = _verschil("Streamlit-instelling", opties, doc.opties)
    assert not fouten, "\n".join(fouten)


def test_the_check_names_the_offender() -> None:
    """A variable read in code but not documented, and a row for one nobody reads, are named."""
    fouten = _verschil("omgevingsvariabele", {"SCAN_NIEUW": "scan/x.py"}, {"SCAN_OUD"})
    assert fouten == [
        "omgevingsvariabele 'SCAN_NIEUW' (in scan/x.py) ontbreekt in docs/configuratie.md",
        "omgevingsvariabele 'SCAN_OUD' staat in docs/configuratie.md, maar de code leest hem niet (meer)",
    ]
    assert als_in_doc("auth.*.server_metadata_url") == "[auth.<provider>] server_metadata_url"
    assert als_in_doc("toegang.issuers") == "[toegang] issuers"
