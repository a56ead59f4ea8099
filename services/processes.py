"""The platform's processes, in one table: what each runs, its settings and its data."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ProcessSpec:
    name: str
    app_factory: str  # "module:function" returning an ASGI app, called with no arguments
    settings: str  # "module:Class" (a ServiceSettings subclass)
    has_database: bool = True
    demo_loader: str | None = None  # "module:function(*, session) -> bool"
    models_base: str | None = None  # "module:Class" whose ``metadata`` holds the service's tables

    def load_settings(self, **overrides: Any) -> Any:
        return _resolve(self.settings)(**overrides)


def _resolve(target: str) -> Any:
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(module), attr)


PROCESSES: dict[str, ProcessSpec] = {
    spec.name: spec
    for spec in (
        ProcessSpec(
            name="registry",
            app_factory="services.registry.main:create_app",
            settings="services.registry.config:RegistrySettings",
            demo_loader="services.registry.demo:load_demo",
            models_base="services.registry.models:RegistryModel",
        ),
        ProcessSpec(
            name="events",
            app_factory="services.events.main:create_app",
            settings="services.events.config:EventsSettings",
            demo_loader="services.events.demo:load_demo",
            models_base="services.events.models:EventsModel",
        ),
        ProcessSpec(
            name="gateway",
            app_factory="services.gateway.main:create_app",
            settings="services.gateway.config:GatewaySettings",
            models_base="services.gateway.models:GatewayModel",
        ),
        ProcessSpec(
            name="frontend",
            app_factory="frontend.app:create_app",
            settings="frontend.config:FrontendSettings",
            has_database=False,
        ),
    )
}

DATABASE_SERVICES = [p.name for p in PROCESSES.values() if p.has_database]


def service_metadata(name: str) -> Any:
    base = PROCESSES[name].models_base
    assert base, f"{name} has no models"
    return _resolve(base).metadata


def resolve(target: str) -> Any:
    return _resolve(target)
