"""deploy/k8s: the Kubernetes manifests, validated without a cluster.

Each document is validated strictly (unknown fields refused) against the OpenAPI schemas of a
pinned Kubernetes version, bundled by the `kubernetes-validate` package (no network). Then the
platform's own rules, which a schema cannot state: probes on /readyz and /healthz, resources,
disruption budgets, secrets only from Secrets, migrations before the services, and settings
names that the processes really read.
"""

from __future__ import annotations

import copy
import functools
import os
import secrets
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from services.processes import DATABASE_SERVICES
from tests.support.servers import PROJECT_ROOT
from tests.support.settings_names import accepted_variables, settings_class, unknown_variables

K8S = PROJECT_ROOT / "deploy" / "k8s"
# The Kubernetes version the manifests are written for (a version clusters run today).
KUBERNETES_VERSION = "1.34.0"
SECRET_NAMES = ("SECRET", "PASSWORD", "TOKEN", "DATABASE_URL", "SMTP_USERNAME", "SIGNING_KEYS")
PLATFORM_PROCESSES = {"registry", "events", "worker", "gateway", "frontend"}


@functools.cache
def _parsed(path: Path) -> tuple[dict[str, Any], ...]:
    """Each file parsed once per session: the rules below read the manifests dozens of times."""
    return tuple(doc for doc in yaml.safe_load_all(path.read_text()) if doc)


def _documents(path: Path) -> list[dict[str, Any]]:
    """A copy of the file's documents, so that no test can change what the next one reads."""
    return copy.deepcopy(list(_parsed(path)))


def _kustomization() -> dict[str, Any]:
    return _documents(K8S / "kustomization.yaml")[0]


def _applied() -> list[dict[str, Any]]:
    return [doc for name in _kustomization()["resources"] for doc in _documents(K8S / name)]


def _of_kind(kind: str) -> dict[str, dict[str, Any]]:
    return {doc["metadata"]["name"]: doc for doc in _applied() if doc["kind"] == kind}


def _secret_keys() -> set[str]:
    (secret,) = _documents(K8S / "secret.example.yaml")
    return set(secret["stringData"])


def _containers(workload: dict[str, Any]) -> list[dict[str, Any]]:
    spec = workload["spec"]["template"]["spec"]
    return [*spec.get("initContainers", []), *spec["containers"]]


def test_kustomization_applies_every_manifest_but_the_example_secret() -> None:
    on_disk = {path.name for path in K8S.glob("*.yaml")} - {"kustomization.yaml", "secret.example.yaml"}
    assert set(_kustomization()["resources"]) == on_disk


# kustomization.yaml is kustomize's own file, not a Kubernetes resource (checked above).
@pytest.mark.parametrize(
    "path", sorted(set(K8S.glob("*.yaml")) - {K8S / "kustomization.yaml"}), ids=lambda p: p.name
)
def test_manifests_are_valid_for_the_pinned_kubernetes(path: Path) -> None:
    for document in _documents(path):
        kubernetes_validate.validate(document, KUBERNETES_VERSION, strict=True)


def test_the_validator_refuses_what_kubernetes_would() -> None:
    """The check above can fail: a misspelt field and a wrong type are refused."""
    deployment = _of_kind("Deployment")["registry"]
    misspelt = {**deployment, "spec": {**deployment["spec"], "replica": 2}}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(misspelt, KUBERNETES_VERSION, strict=True)
    wrong_type = {**deployment, "spec": {**deployment["spec"], "replicas": "two"}}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(wrong_type, KUBERNETES_VERSION, strict=True)


def test_every_process_of_the_platform_is_deployed() -> None:
    deployments = _of_kind("Deployment")
    assert set(deployments) >= PLATFORM_PROCESSES
    for name in PLATFORM_PROCESSES:
        (main,) = deployments[name]["spec"]["template"]["spec"]["containers"]
        expected = ["mim", "events-worker"] if name == "worker" else ["mim", "serve", name]
        assert main["command"] == expected


@pytest.mark.parametrize("name", sorted(PLATFORM_PROCESSES - {"worker"}))
def test_http_processes_have_probes_resources_service_and_budget(name: str) -> None:
    deployment = _of_kind("Deployment")[name]
    (main,) = deployment["spec"]["template"]["spec"]["containers"]
    assert main["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert main["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert main["startupProbe"]["httpGet"]["path"] == "/healthz"
    # Memory is limited (each process stays under 150 MB in the bench); CPU is requested.
    assert {"cpu", "memory"} <= set(main["resources"]["requests"]) and "memory" in main["resources"]["limits"]
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    service = _of_kind("Service")[name]
    assert service["spec"]["selector"].items() <= labels.items()
    assert service["spec"]["ports"][0]["targetPort"] == main["ports"][0]["name"]
    assert deployment["spec"]["replicas"] >= 2
    budget = _of_kind("PodDisruptionBudget")[name]
    assert budget["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert budget["spec"]["minAvailable"] < deployment["spec"]["replicas"]


def test_pods_run_unprivileged() -> None:
    for workload in [*_of_kind("Deployment").values(), *_of_kind("Job").values()]:
        pod = workload["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True
        assert pod["automountServiceAccountToken"] is False
        for container in _containers(workload):
            assert container["securityContext"]["allowPrivilegeEscalation"] is False
            assert container["securityContext"]["readOnlyRootFilesystem"] is True
            assert container["securityContext"]["capabilities"]["drop"] == ["ALL"]


def test_secrets_come_only_from_the_secret() -> None:
    config = _of_kind("ConfigMap")["mim-config"]["data"]
    assert not [key for key in config if any(word in key for word in SECRET_NAMES)]
    keys = _secret_keys()
    for workload in [*_of_kind("Deployment").values(), *_of_kind("Job").values()]:
        for container in _containers(workload):
            for variable in container.get("env", []):
                if any(word in variable["name"] for word in SECRET_NAMES):
                    reference = variable["valueFrom"]["secretKeyRef"]
                    assert reference["name"] == "mim-secrets" and reference["key"] in keys, variable
                    assert "value" not in variable


def test_migrations_run_as_a_job_before_the_services_start() -> None:
    (job,) = _of_kind("Job").values()
    (migrate,) = job["spec"]["template"]["spec"]["containers"]
    assert migrate["command"] == ["mim", "migrate"]
    job_env = {variable["name"] for variable in migrate["env"]}
    assert {f"{service.upper()}_DATABASE_URL" for service in DATABASE_SERVICES} <= job_env
    deployments = _of_kind("Deployment")
    for process in PLATFORM_PROCESSES:
        database = "events" if process == "worker" else process
        if database not in DATABASE_SERVICES:
            continue
        (wait,) = deployments[process]["spec"]["template"]["spec"]["initContainers"]
        assert f"mim migrate {database} --check" in " ".join(wait["command"])


@pytest.mark.parametrize("name", sorted(PLATFORM_PROCESSES))
def test_environment_names_real_settings(name: str) -> None:
    config = list(_of_kind("ConfigMap")["mim-config"]["data"])
    (main,) = _of_kind("Deployment")[name]["spec"]["template"]["spec"]["containers"]
    own = [variable["name"] for variable in main.get("env", [])]
    assert unknown_variables(name, own) == []
    # The shared ConfigMap: a variable with this process's prefix is one of its settings.
    assert unknown_variables(name, config) == []


def test_every_shared_setting_is_read_by_some_process() -> None:
    read = set().union(*(accepted_variables(process)[1] for process in PLATFORM_PROCESSES))
    assert set(_of_kind("ConfigMap")["mim-config"]["data"]) - read == set()


def _real_secret_values() -> dict[str, str]:
    """What an operator puts in the Secret: random values of the right shapes."""
    from services.registry import statements

    values = {}
    for key in _secret_keys():
        if key.endswith("_DATABASE_URL"):
            values[key] = f"postgresql://mim:{secrets.token_hex(8)}@postgres:5432/{key.split('_')[0].lower()}"
        elif key == "REGISTRY_LABEL_SIGNING_KEYS":
            values[key] = statements.new_key_entry("k8s-1")
        elif key.startswith("EVENTS_SMTP"):
            values[key] = ""
        else:
            values[key] = secrets.token_hex(24)
    return values


@pytest.mark.parametrize("workload", sorted(PLATFORM_PROCESSES | {"mim-migrate"}), ids=lambda name: name)
def test_each_container_gets_what_its_production_settings_require(
    workload: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The settings of each process load in production from the ConfigMap and the Secret refs
    its container has, and from nothing else (a required setting missing here is caught)."""
    manifests = {**_of_kind("Deployment"), **_of_kind("Job")}
    config = _of_kind("ConfigMap")["mim-config"]["data"]
    values = _real_secret_values()
    for container in _containers(manifests[workload]):
        for name in list(os.environ):
            if name.startswith(("MIM_", "REGISTRY_", "EVENTS_", "GATEWAY_", "FRONTEND_")):
                monkeypatch.delenv(name)
        for name, value in config.items():
            monkeypatch.setenv(name, value)
        for variable in container.get("env", []):
            value = variable.get(
                "value", values.get(variable.get("valueFrom", {}).get("secretKeyRef", {}).get("key"))
            )
            assert value is not None, variable
            monkeypatch.setenv(variable["name"], value)
        command = " ".join(container["command"])
        if command == "mim migrate":  # every service's settings
            processes = sorted(DATABASE_SERVICES)
        else:
            processes = [workload if workload != "mim-migrate" else "registry"]
            for service in DATABASE_SERVICES:  # an init container checks one service
                if f"mim migrate {service} --check" in command:
                    processes = [service]
        for process in processes:
            _, cls = settings_class(process)
            settings = cls()
            assert settings.environment == "production", process
