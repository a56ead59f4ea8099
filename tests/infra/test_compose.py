"""compose.yaml and the Dockerfile, checked without a Docker engine.

Debian's `docker-compose config` validates and renders compose.yaml (CI installs
it; the test is skipped only when the binary is absent). The rendered document
is then checked for the topology the platform needs. The Dockerfile is linted
structurally: stages, locked dependencies, non-root user, health check.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from services.common.db import make_sync_engine
from services.processes import DATABASE_SERVICES, PROCESSES, service_metadata
from tests.support.databases import DatabaseFactory, backend
from tests.support.servers import PROJECT_ROOT
from tests.support.settings_names import unknown_variables
from tests.support.tools import require_tool

COMPOSE_FILE = PROJECT_ROOT / "compose.yaml"
DOCKERFILE = PROJECT_ROOT / "Dockerfile"
DOCKERIGNORE = PROJECT_ROOT / ".dockerignore"
INIT_SCRIPT = PROJECT_ROOT / "deploy" / "postgres" / "init-databases.sh"

SECRETS = {
    "MIM_JWT_SECRET": "s" * 48,
    "FRONTEND_SECRET_KEY": "f" * 48,
    "POSTGRES_PASSWORD": "0123456789abcdef",
    "EVENTS_SMTP_PASSWORD": "m" * 12,
    "MIM_METRICS_TOKEN": "t" * 40,
    "REGISTRY_LABEL_SIGNING_KEYS": "2026-01:" + "k" * 43,
}
# Variables compose.yaml requires (no default): the secrets, the SMTP relay, the public address.
REQUIRED = {**SECRETS, "EVENTS_SMTP_HOST": "smtp.example.org", "MIM_PUBLIC_URL": "https://www.example.ma"}
HTTP_SERVICES = ("registry", "events", "gateway", "frontend")
APP_SERVICES = (*HTTP_SERVICES, "worker")
RESTART_POLICIES = {"always", "unless-stopped", "on-failure"}


@pytest.fixture
def docker_compose() -> str:
    """The docker-compose binary: an external tool (skips locally when missing, fails in CI)."""
    return require_tool("docker-compose")


needs_compose = pytest.mark.usefixtures("docker_compose")


def _compose_config(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # An empty --env-file so a developer's own .env cannot change the outcome.
    empty = tmp_path / "empty.env"
    empty.write_text("")
    base = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(tmp_path)}
    return subprocess.run(
        ["docker-compose", "--env-file", str(empty), "-f", str(COMPOSE_FILE), "config"],
        cwd=PROJECT_ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(scope="module")
def compose(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    require_tool("docker-compose")
    result = _compose_config(tmp_path_factory.mktemp("compose"), REQUIRED)
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


def _env(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    assert isinstance(env, dict)
    return {k: "" if v is None else str(v) for k, v in env.items()}


def _conditions(service: dict[str, Any]) -> dict[str, str]:
    depends = service.get("depends_on") or {}
    assert isinstance(depends, dict), "depends_on must use the long form with conditions"
    return {name: spec["condition"] for name, spec in depends.items()}


@needs_compose
def test_services_are_exactly_the_platform(compose: dict[str, Any]) -> None:
    assert set(compose["services"]) == {"db", "migrate", *APP_SERVICES, "redis"}
    # Redis only for several gateway replicas: off unless asked for.
    assert compose["services"]["redis"]["profiles"] == ["scale"]
    assert "ports" not in compose["services"]["redis"]


@needs_compose
def test_postgres_has_volume_healthcheck_and_one_database_per_service(compose: dict[str, Any]) -> None:
    db = compose["services"]["db"]
    assert db["image"].split(":")[0] == "postgres"
    assert db["image"].split(":")[1].startswith("15")
    mounts = {v.split(":")[1]: v.split(":")[0] for v in db["volumes"]}
    data_volume = mounts["/var/lib/postgresql/data"]
    assert data_volume in compose["volumes"], "the data directory is a named volume"
    init = [src for dst, src in mounts.items() if dst.startswith("/docker-entrypoint-initdb.d/")]
    assert init == [str(INIT_SCRIPT)]
    script = INIT_SCRIPT.read_text()
    assert INIT_SCRIPT.stat().st_mode & 0o111, "the init script must be executable"
    for service in DATABASE_SERVICES:
        assert re.search(rf"\b{service}\b", script), f"init script does not create {service}"
    assert "CREATE DATABASE" in script
    check = " ".join(db["healthcheck"]["test"])
    assert "pg_isready" in check
    assert db["restart"] in RESTART_POLICIES
    assert "ports" not in db, "PostgreSQL must not be published"
    assert db["environment"]["POSTGRES_PASSWORD"] == SECRETS["POSTGRES_PASSWORD"]


def _database_urls(env: dict[str, str]) -> dict[str, str]:
    return {k.removesuffix("_DATABASE_URL").lower(): v for k, v in env.items() if k.endswith("_DATABASE_URL")}


@needs_compose
def test_migrate_runs_once_after_the_database_is_healthy(compose: dict[str, Any]) -> None:
    migrate = compose["services"]["migrate"]
    assert migrate["command"] == ["mim", "migrate"]
    assert _conditions(migrate) == {"db": "service_healthy"}
    assert migrate["restart"] == "no"
    urls = _database_urls(_env(migrate))
    assert set(urls) == set(DATABASE_SERVICES)
    for service, url in urls.items():
        parts = urlsplit(url)
        assert parts.scheme == "postgresql"
        assert parts.hostname == "db"
        assert parts.path == f"/{service}", "each service has its own database"


@needs_compose
@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_service_waits_for_migrations_restarts_and_checks_health(
    compose: dict[str, Any], name: str
) -> None:
    service = compose["services"][name]
    assert service["build"]["context"] == str(PROJECT_ROOT)
    assert Path(service["build"].get("dockerfile", "Dockerfile")).name == DOCKERFILE.name
    assert _conditions(service)["migrate"] == "service_completed_successfully"
    for dependency, condition in _conditions(service).items():
        assert dependency in compose["services"]
        assert condition in {"service_healthy", "service_completed_successfully"}
    assert service["restart"] in RESTART_POLICIES
    env = _env(service)
    assert env["MIM_ENV"] == "production"
    assert env["MIM_JWT_SECRET"] == SECRETS["MIM_JWT_SECRET"]
    healthcheck = service["healthcheck"]
    if name in HTTP_SERVICES:
        assert healthcheck["test"][0] == "CMD"
        command = " ".join(healthcheck["test"])
        assert "urllib.request" in command and "curl" not in command
        assert urlsplit(env["MIM_HEALTHCHECK_URL"]).path == "/healthz"
    else:  # the worker has no HTTP port: its check reads the outbox (tested on PostgreSQL below)
        assert healthcheck["test"][:3] == ["CMD", "python", "-c"]
        assert "outbox_message" in healthcheck["test"][3]
    for svc, url in _database_urls(env).items():
        parts = urlsplit(url)
        assert (parts.scheme, parts.hostname, parts.path) == ("postgresql", "db", f"/{svc}")


@needs_compose
@pytest.mark.parametrize("name", HTTP_SERVICES)
def test_http_service_listens_on_all_interfaces_on_its_port(compose: dict[str, Any], name: str) -> None:
    service = compose["services"][name]
    env = _env(service)
    prefix = name.upper()
    assert service["command"] == ["mim", "serve", name]
    assert env[f"{prefix}_HOST"] == "0.0.0.0"
    port = int(env[f"{prefix}_PORT"])
    assert urlsplit(env["MIM_HEALTHCHECK_URL"]).port == port
    if PROCESSES[name].has_database:
        assert set(_database_urls(env)) == {name}, "a service sees only its own database"
    else:
        assert _database_urls(env) == {}


@needs_compose
def test_only_gateway_and_frontend_are_published(compose: dict[str, Any]) -> None:
    published = {name for name, svc in compose["services"].items() if svc.get("ports")}
    assert published == {"gateway", "frontend"}
    targets = {
        name: {int(p["target"]) for p in compose["services"][name]["ports"]} for name in sorted(published)
    }
    for name, ports in targets.items():
        assert ports == {int(_env(compose["services"][name])[f"{name.upper()}_PORT"])}


@needs_compose
def test_processes_find_each_other_by_service_name(compose: dict[str, Any]) -> None:
    services = compose["services"]

    def port_of(name: str) -> int:
        return int(_env(services[name])[f"{name.upper()}_PORT"])

    links = {
        ("gateway", "GATEWAY_REGISTRY_URL"): "registry",
        ("gateway", "GATEWAY_EVENTS_URL"): "events",
        ("frontend", "FRONTEND_GATEWAY_URL"): "gateway",
    }
    for (name, variable), target in links.items():
        url = urlsplit(_env(services[name])[variable])
        assert (url.hostname, url.port) == (target, port_of(target)), variable
    assert _conditions(services["frontend"])["gateway"] == "service_healthy"


@needs_compose
def test_worker_runs_the_cli_command_mim_up_runs(compose: dict[str, Any]) -> None:
    from services.cli import EXTRA_PROCESSES as extra_processes

    commands = {tuple(svc["command"]) for svc in compose["services"].values() if "command" in svc}
    for _name, argv in extra_processes:
        assert ("mim", *argv) in commands, f"mim {' '.join(argv)} is not in compose.yaml"
    worker = compose["services"]["worker"]
    assert worker["command"] == ["mim", "events-worker"]
    assert set(_database_urls(_env(worker))) == {"events"}
    env = _env(worker)
    assert env["EVENTS_SMTP_HOST"] == REQUIRED["EVENTS_SMTP_HOST"]
    assert env["EVENTS_SMTP_PASSWORD"] == SECRETS["EVENTS_SMTP_PASSWORD"]


@needs_compose
@pytest.mark.parametrize("secret", sorted(REQUIRED))
def test_secrets_have_no_default(tmp_path: Path, secret: str) -> None:
    env = {k: v for k, v in REQUIRED.items() if k != secret}
    result = _compose_config(tmp_path, env)
    assert result.returncode != 0, f"compose.yaml renders without {secret}"
    assert secret in result.stderr


def test_no_secret_has_a_default_in_the_file() -> None:
    text = COMPOSE_FILE.read_text()
    for match in re.finditer(r"\$\{([A-Z0-9_]+)(:?[-?+])?([^}]*)\}", text):
        variable, operator = match.group(1), match.group(2) or ""
        if re.search(r"SECRET|PASSWORD|TOKEN|KEY", variable):
            assert operator in (":?", "?"), f"${{{variable}}} must be required, not {match.group(0)}"
    # No literal credentials either: every secret-looking key takes its value from a variable.
    for match in re.finditer(r"^\s*([A-Z0-9_]*(?:SECRET|PASSWORD|TOKEN))\s*:\s*(.+)$", text, re.M):
        assert match.group(2).strip().startswith("${"), match.group(0)


@pytest.mark.parametrize("name", APP_SERVICES)
def test_compose_environment_names_real_settings(name: str) -> None:
    """Every prefixed variable in a container's environment is a field of its settings."""
    environment = yaml.safe_load(COMPOSE_FILE.read_text())["services"][name]["environment"]
    assert unknown_variables(name, list(environment)) == []


# ---------------------------------------------------------------- Dockerfile


@dataclass
class Stage:
    base: str
    name: str | None
    instructions: list[tuple[str, str]] = field(default_factory=list)

    def all(self, keyword: str) -> list[str]:
        return [args for kw, args in self.instructions if kw == keyword]


def parse_dockerfile(text: str) -> list[Stage]:
    """Instructions per stage, with continuation lines joined and comments dropped."""
    lines: list[str] = []
    current = ""
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        lines.append(current + stripped)
        current = ""
    assert not current, "dangling line continuation"
    stages: list[Stage] = []
    for line in lines:
        keyword, _, args = line.partition(" ")
        keyword = keyword.upper()
        if keyword == "FROM":
            match = re.fullmatch(r"(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?", args.strip(), re.I)
            assert match, f"bad FROM: {line}"
            stages.append(Stage(base=match.group(1), name=match.group(2)))
        else:
            assert stages, f"{keyword} before FROM"
            stages[-1].instructions.append((keyword, args.strip()))
    return stages


@pytest.fixture(scope="module")
def stages() -> list[Stage]:
    return parse_dockerfile(DOCKERFILE.read_text())


def test_dockerfile_has_a_builder_and_a_slim_runtime(stages: list[Stage]) -> None:
    assert len(stages) == 2
    builder, runtime = stages
    assert builder.name == "builder"
    for stage in stages:
        assert stage.base == "python:3.11-slim", "pinned Python 3.11 slim base"
    assert not any(kw == "ADD" for s in stages for kw, _ in s.instructions), "use COPY, not ADD"
    assert runtime.all("COPY"), "the runtime stage copies from the builder"


def test_builder_installs_the_locked_dependencies_without_dev(stages: list[Stage]) -> None:
    builder = stages[0]
    makefile_uv = re.search(r"^UV_VERSION := (\S+)$", (PROJECT_ROOT / "Makefile").read_text(), re.M)
    assert makefile_uv
    runs = " ".join(builder.all("RUN"))
    envs = " ".join(builder.all("ENV"))
    assert f"UV_VERSION={makefile_uv.group(1)}" in envs, "the image uses the Makefile's uv version"
    assert re.search(
        r'pip install [^&;]*"?uv==(\$\{UV_VERSION\}|' + re.escape(makefile_uv.group(1)) + ")", runs
    )
    assert "UV_PROJECT_ENVIRONMENT=/app/.venv" in envs
    syncs = [r for r in builder.all("RUN") if "uv sync" in r]
    assert syncs, "the builder runs uv sync"
    for sync in syncs:
        assert "--locked" in sync or "--frozen" in sync, sync
        assert "--no-dev" in sync, sync
    copies = builder.all("COPY")
    lock_copy = next(i for i, c in enumerate(copies) if "uv.lock" in c)
    first_code_copy = next(i for i, c in enumerate(copies) if "services" in c)
    assert lock_copy < first_code_copy, "dependencies are a layer of their own, before the code"


def test_runtime_runs_as_non_root_with_only_venv_and_code(stages: list[Stage]) -> None:
    runtime = stages[1]
    users = runtime.all("USER")
    assert users, "the runtime stage sets USER"
    user = users[-1].split(":")[0]
    assert user not in {"root", "0"}
    keywords = [kw for kw, _ in runtime.instructions]
    assert keywords.index("USER") < keywords.index("CMD"), "USER comes before CMD"
    assert keywords.index("USER") > max(i for i, kw in enumerate(keywords) if kw == "COPY")
    copies = runtime.all("COPY")
    assert all(c.startswith("--from=builder ") for c in copies), "runtime copies only from the builder"
    copied = {c.split()[1] for c in copies}
    assert "/app/.venv" in copied
    assert {"/app/services", "/app/frontend", "/app/migrations"} <= copied
    runs = " ".join(runtime.all("RUN"))
    assert "pip install" not in runs and "uv " not in runs, "no installs in the runtime stage"
    assert "/app/.venv/bin" in " ".join(runtime.all("ENV"))
    cmd = runtime.all("CMD")[-1]
    assert isinstance(json.loads(cmd), list), "CMD in exec form"


def test_runtime_has_a_healthcheck_on_healthz_without_curl(stages: list[Stage]) -> None:
    runtime = stages[1]
    checks = runtime.all("HEALTHCHECK")
    assert len(checks) == 1
    check = checks[0]
    assert "urllib.request" in check and "curl" not in check
    exec_form = json.loads(check[check.index("CMD") + 3 :].strip())
    assert exec_form[:2] == ["python", "-c"]
    compile(exec_form[2], "<healthcheck>", "exec")
    assert "MIM_HEALTHCHECK_URL=http://127.0.0.1:8000/healthz" in " ".join(runtime.all("ENV"))


def test_dockerfile_bakes_in_no_secret(stages: list[Stage]) -> None:
    for stage in stages:
        for keyword in ("ENV", "ARG"):
            for args in stage.all(keyword):
                assert not re.search(r"SECRET|PASSWORD|TOKEN", args, re.I), f"{keyword} {args}"


def test_dockerignore_keeps_the_context_small_and_secret_free(stages: list[Stage]) -> None:
    ignored = {line.strip() for line in DOCKERIGNORE.read_text().splitlines() if line.strip()}
    ignored = {line for line in ignored if not line.startswith("#")}
    assert {".git", ".venv", "var", ".env", "tests"} <= ignored
    # Every file the builder copies from the context exists and is not ignored.
    for copy in stages[0].all("COPY"):
        if copy.startswith("--from"):
            continue
        *sources, _dest = copy.split()
        for source in sources:
            assert (PROJECT_ROOT / source).exists(), source
            assert source.rstrip("/") not in ignored, f"{source} is copied but ignored"


# ------------------------------------------------- the worker's health check


def _worker_healthcheck_code() -> str:
    test = yaml.safe_load(COMPOSE_FILE.read_text())["services"]["worker"]["healthcheck"]["test"]
    assert test[:3] == ["CMD", "python", "-c"]
    return test[3]


@pytest.mark.skipif(backend() != "postgres", reason="the worker's health check queries PostgreSQL")
def test_worker_healthcheck_fails_only_when_mail_is_overdue(databases: DatabaseFactory) -> None:
    url = databases.fresh_url("events")
    code = _worker_healthcheck_code()

    def check() -> int:
        env = {"PATH": os.environ["PATH"], "EVENTS_DATABASE_URL": url}
        return subprocess.run([sys.executable, "-c", code], env=env, timeout=30).returncode

    outbox = service_metadata("events").tables["outbox_message"]
    now = dt.datetime.now(dt.UTC)

    def add(message_id: str, status: str, next_attempt_at: dt.datetime) -> None:
        with engine.begin() as conn:
            conn.execute(
                outbox.insert().values(
                    kind="rsvp_confirmed",
                    to_address="a@example.org",
                    language="fr",
                    subject="s",
                    body_text="b",
                    attach_ics=False,
                    message_id=message_id,
                    status=status,
                    attempts=0,
                    next_attempt_at=next_attempt_at,
                    last_error="",
                    created_at=now,
                )
            )

    engine = make_sync_engine(url)
    try:
        assert check() == 0, "an empty outbox is healthy"
        add("<recent@x>", "pending", now - dt.timedelta(minutes=2))
        add("<retry-later@x>", "pending", now + dt.timedelta(hours=1))
        add("<old-but-sent@x>", "sent", now - dt.timedelta(days=1))
        assert check() == 0, "recent, future and sent messages are fine"
        add("<stuck@x>", "pending", now - dt.timedelta(minutes=30))
        assert check() == 1, "a message overdue by 30 minutes means the worker is stuck"
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- edge settings (issue 19)

EDGE_SETTINGS = {
    "MIM_HEADER_TIMEOUT_SECONDS": "header_timeout_seconds",
    "MIM_BODY_TIMEOUT_SECONDS": "body_timeout_seconds",
    "MIM_BODY_TOTAL_SECONDS": "body_total_seconds",
    "MIM_MAX_CONNECTIONS": "max_connections",
}


def _raw_compose() -> dict[str, Any]:
    """compose.yaml as YAML (anchors and merge keys resolved), without docker-compose."""
    return yaml.safe_load(COMPOSE_FILE.read_text())  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", HTTP_SERVICES)
def test_every_http_process_gets_the_metrics_token_and_the_slow_client_limits(name: str) -> None:
    env = _raw_compose()["services"][name]["environment"]
    assert str(env["MIM_METRICS_TOKEN"]).startswith("${MIM_METRICS_TOKEN:?"), "from .env, required"
    for variable, attribute in EDGE_SETTINGS.items():
        assert variable in env, f"{name}: {variable} missing"
        default = re.fullmatch(r"\$\{" + variable + r":-([0-9.]+)\}", str(env[variable]))
        assert default, env[variable]
        settings = PROCESSES[name].load_settings()
        assert float(default.group(1)) == float(getattr(settings, attribute)), "compose and code agree"


def test_the_settings_read_the_shared_edge_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MIM_HEADER_TIMEOUT_SECONDS", "7")
    monkeypatch.setenv("MIM_MAX_CONNECTIONS", "321")
    monkeypatch.setenv("GATEWAY_MAX_CONNECTIONS", "500")
    monkeypatch.setenv("MIM_METRICS_TOKEN", "t" * 40)
    for name in HTTP_SERVICES:
        settings = PROCESSES[name].load_settings()
        assert settings.header_timeout_seconds == 7
        assert settings.max_connections == (500 if name == "gateway" else 321)
        assert settings.metrics_token.get_secret_value() == "t" * 40


def test_env_example_documents_the_metrics_token_and_limits() -> None:
    text = (PROJECT_ROOT / ".env.example").read_text()
    for variable in ("MIM_METRICS_TOKEN", *EDGE_SETTINGS):
        assert variable in text, variable
