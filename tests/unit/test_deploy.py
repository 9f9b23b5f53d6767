"""The deployment files read as files (issue 19, item 2): compose.yaml, the Dockerfile, the nginx
configuration and the systemd units. Cheap checks that run with every quick test; what they
configure is run for real in tests/e2e/test_proxy_browser.py (no container runtime here)."""

from __future__ import annotations

import re
import shlex
import socket
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "compose.yaml"
DOCKERFILE = ROOT / "Dockerfile"
NGINX_CONF = ROOT / "deploy" / "nginx" / "zelfscan.conf"
GEHEIM = re.compile(r"PASSWORD|SECRET|TOKEN|WACHTWOORD|GEHEIM|KEY", re.IGNORECASE)
INTERPOLATIE = re.compile(r"^\$\{[A-Z_][A-Z0-9_]*(:?[-?][^}]*)?\}$")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    gelezen = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    assert isinstance(gelezen, dict)
    return gelezen


def _stages() -> list[list[str]]:
    """The Dockerfile's stages, each its instructions (continuation lines joined, no comments)."""
    regels: list[str] = []
    deel = ""
    for regel in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        if regel.strip().startswith("#") or not regel.strip():
            continue
        deel += regel.rstrip("\\").strip() + " "
        if not regel.endswith("\\"):
            regels.append(deel.strip())
            deel = ""
    stages: list[list[str]] = []
    for regel in regels:
        if regel.startswith("FROM "):
            stages.append([])
        if stages:
            stages[-1].append(regel)
    return stages


def _teksten(waarde: object, pad: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(waarde, dict):
        for k, v in waarde.items():
            yield from _teksten(v, f"{pad}.{k}")
    elif isinstance(waarde, list):
        for i, v in enumerate(waarde):
            yield from _teksten(v, f"{pad}[{i}]")
    elif isinstance(waarde, str | int | float):
        yield pad, str(waarde)


# --- compose.yaml -------------------------------------------------------------------------------


def test_compose__two_app_services_from_one_image_with_healthchecks(compose: dict[str, Any]) -> None:
    diensten = compose["services"]
    assert {"postgres", "app1", "app2", "proxy"} <= set(diensten)
    app1, app2 = diensten["app1"], diensten["app2"]
    assert app1["image"] == app2["image"] and app1["build"] == app2["build"] == "."
    for app in (app1, app2):
        assert app["healthcheck"]["test"] == ["CMD", "python", "/app/deploy/gezondheid.py"]
        assert app["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert app["environment"]["DATABASE_URL"].startswith("postgresql+psycopg://")
        assert "ports" not in app, "only the proxy is published; the apps (and their metrics) stay inside"
    assert app1["volumes"] != app2["volumes"]
    postgres = diensten["postgres"]
    assert postgres["image"].startswith("postgres:16")
    assert "pg_isready" in " ".join(postgres["healthcheck"]["test"])
    assert any(v.endswith(":/var/lib/postgresql/data") for v in postgres["volumes"])
    assert "pgdata" in compose["volumes"]


def test_compose__no_literal_secret(compose: dict[str, Any]) -> None:
    for pad, waarde in _teksten(compose):
        if GEHEIM.search(pad.rsplit(".", 1)[-1]):
            assert INTERPOLATIE.match(waarde) or waarde == "", f"{pad}: een geheim hoort in .env, niet in compose.yaml"
        # A password inside a URL is interpolated too.
        for wachtwoord in re.findall(r"://[^:/@\s]+:([^@\s]+)@", waarde):
            assert INTERPOLATIE.match(wachtwoord), f"{pad}: wachtwoord in een URL"
    for naam, geheim in compose.get("secrets", {}).items():
        assert set(geheim) == {"file"}, naam


def test_compose__every_required_variable_is_in_env_example(compose: dict[str, Any]) -> None:
    tekst = COMPOSE.read_text(encoding="utf-8")
    genoemd = set(re.findall(r"\$\{([A-Z_][A-Z0-9_]*)", tekst))
    voorbeeld = (ROOT / ".env.example").read_text(encoding="utf-8")
    for naam in genoemd:
        assert re.search(rf"^#? ?{naam}=", voorbeeld, re.MULTILINE), f"{naam} ontbreekt in .env.example"
    # The example holds no secret value.
    for regel in voorbeeld.splitlines():
        naam, _, waarde = regel.partition("=")
        if not regel.startswith("#") and GEHEIM.search(naam):
            assert waarde == "", regel


def test_compose__nginx_mounts_the_conf_from_deploy_and_terminates_tls(compose: dict[str, Any]) -> None:
    proxy = compose["services"]["proxy"]
    assert proxy["image"].startswith("nginx:")
    assert "./deploy/nginx/zelfscan.conf:/etc/nginx/templates/default.conf.template:ro" in proxy["volumes"]
    assert any(v.endswith(":/etc/nginx/certs:ro") for v in proxy["volumes"])
    assert set(proxy["ports"]) == {"80:80", "443:443"}
    for app in ("app1", "app2"):
        assert proxy["depends_on"][app]["condition"] == "service_healthy"
        assert f"server {app}:8501 " in NGINX_CONF.read_text(encoding="utf-8")


# --- Dockerfile ---------------------------------------------------------------------------------


def test_dockerfile__locked_install_in_build_stage_non_root_run_stage_without_compilers() -> None:
    stages = _stages()
    assert len(stages) == 2
    bouw, draai = stages
    installatie = " ".join(r for r in bouw if r.startswith("RUN") and "pip install" in r)
    for deel in ("--require-hashes", "--no-deps", "--only-binary :all:", "-r /tmp/requirements.lock"):
        assert deel in installatie
    assert any("requirements.lock" in r for r in bouw if r.startswith("COPY"))
    tekst = "\n".join(draai)
    assert "COPY --from=build /opt/venv /opt/venv" in tekst
    for verboden in ("gcc", "build-essential", "apt-get install", "pip install", "requirements"):
        assert verboden not in tekst, verboden
    users = [r.split()[1] for r in draai if r.startswith("USER ")]
    assert users and users[-1].split(":")[0] not in ("root", "0")
    assert "--uid 10001" in tekst and users[-1].startswith("10001")
    assert 'VOLUME ["/app/data"]' in tekst and "WORKDIR /app" in tekst and "EXPOSE 8501" in tekst
    assert "PYTHONUNBUFFERED=1" in tekst
    assert 'CMD ["python", "-m", "scan", "start"]' in tekst
    assert any(r.startswith("HEALTHCHECK") and "/app/deploy/gezondheid.py" in r for r in draai)


def test_dockerfile__python_image_pinned_to_a_patch_release() -> None:
    arg = re.search(r"^ARG PYTHON_IMAGE=(\S+)$", DOCKERFILE.read_text(encoding="utf-8"), re.MULTILINE)
    assert arg and re.fullmatch(r"python:3\.11\.\d+-slim-bookworm", arg.group(1))
    assert [s[0] for s in _stages()] == ["FROM ${PYTHON_IMAGE} AS build", "FROM ${PYTHON_IMAGE} AS run"]


def test_dockerfile__copies_only_files_that_exist_and_dockerignore_keeps_data_out() -> None:
    for regel in _stages()[-1]:
        if regel.startswith("COPY ") and "--from" not in regel:
            for bron in [d for d in shlex.split(regel)[1:] if not d.startswith("--")][:-1]:
                assert (ROOT / bron).exists(), bron
                assert not bron.startswith(("tests", "data", ".venv", "bench")), bron
    negeer = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    for patroon in (".git", ".venv", "data", "test-output", ".env", ".streamlit/secrets.toml", "tests"):
        assert patroon in negeer, patroon


# --- nginx --------------------------------------------------------------------------------------


def test_nginx__upload_limit_matches_streamlit_and_log_has_no_query_string() -> None:
    conf = NGINX_CONF.read_text(encoding="utf-8")
    instellingen = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert f"client_max_body_size {instellingen['server']['maxUploadSize'] + 1}m;" in conf
    formaat = re.search(r"log_format zelfscan (.*?);", conf, re.DOTALL)
    assert formaat
    for verboden in (
        "$request ",
        '$request"',
        "$request_uri",
        "$args",
        "$query_string",
        "$http_referer",
        "$http_cookie",
    ):
        assert verboden not in formaat.group(1), verboden
    assert "$uri" in formaat.group(1)
    assert all(r.split()[-1] == "zelfscan;" for r in re.findall(r"^\s*access_log .*$", conf, re.MULTILINE))
    assert re.search(r"location \^~ /_stcore/metrics \{\s*return 404;", conf)
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in conf


# --- systemd ------------------------------------------------------------------------------------


def _unit(naam: str) -> dict[str, list[str]]:
    uit: dict[str, list[str]] = {}
    for regel in (ROOT / "deploy" / naam).read_text(encoding="utf-8").splitlines():
        if "=" in regel and not regel.startswith("#"):
            sleutel, _, waarde = regel.partition("=")
            uit.setdefault(sleutel, []).append(waarde)
    return uit


@pytest.mark.parametrize("naam", ["zelfscan.service", "zelfscan-bewaartermijn.service"])
def test_systemd__dedicated_user_settings_file_and_hardening(naam: str) -> None:
    unit = _unit(naam)
    assert unit["User"] == ["zelfscan"] and unit["WorkingDirectory"] == ["/opt/zelfscan"]
    assert unit["EnvironmentFile"] == ["/etc/zelfscan/zelfscan.env"]
    for sleutel, waarde in {
        "NoNewPrivileges": "yes",
        "ProtectSystem": "strict",
        "ReadWritePaths": "/opt/zelfscan/data",
        "PrivateTmp": "yes",
        "ProtectHome": "yes",
    }.items():
        assert unit[sleutel] == [waarde], sleutel


def test_systemd__commands_exist_on_the_command_line() -> None:
    from scan.cli import bouw_parser

    assert _unit("zelfscan.service")["ExecStart"] == ["/opt/zelfscan/.venv/bin/python -m scan start"]
    assert bouw_parser().parse_args(["start"]).opdracht == "start"
    assert _unit("zelfscan.service")["Restart"] == ["on-failure"]
    opdracht = _unit("zelfscan-bewaartermijn.service")["ExecStart"][0].split()
    assert opdracht[:3] == ["/opt/zelfscan/.venv/bin/python", "-m", "scan"]
    args = bouw_parser().parse_args(opdracht[3:])
    assert args.uitvoeren is True
    assert _unit("zelfscan-bewaartermijn.timer")["OnCalendar"] == ["*-*-* 03:15:00"]


# --- the health command -------------------------------------------------------------------------


def _gezondheid() -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location("gezondheid", ROOT / "deploy" / "gezondheid.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gezondheid__asks_where_streamlit_listens(monkeypatch: pytest.MonkeyPatch) -> None:
    g = _gezondheid()
    monkeypatch.delenv("STREAMLIT_SERVER_ADDRESS", raising=False)
    monkeypatch.delenv("STREAMLIT_SERVER_PORT", raising=False)
    assert g.health_url() == "http://127.0.0.1:8501/_stcore/health"
    monkeypatch.setenv("STREAMLIT_SERVER_ADDRESS", "0.0.0.0")
    monkeypatch.setenv("STREAMLIT_SERVER_PORT", "8502")
    assert g.health_url() == "http://127.0.0.1:8502/_stcore/health"
    monkeypatch.setenv("STREAMLIT_SERVER_ADDRESS", "::1")
    assert g.health_url() == "http://[::1]:8502/_stcore/health"


def test_gezondheid__unhealthy_when_nothing_answers(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    monkeypatch.setenv("STREAMLIT_SERVER_ADDRESS", "127.0.0.1")
    monkeypatch.setenv("STREAMLIT_SERVER_PORT", str(poort))
    assert _gezondheid().main() == 1
    assert capsys.readouterr().out.startswith("Niet gezond: de webserver antwoordt niet op http://127.0.0.1:")
