"""The environment variables a process's settings read (for checking deployment files)."""

from __future__ import annotations

import importlib

from pydantic_settings import BaseSettings

from services.common.config import SHARED_FIELDS
from services.processes import PROCESSES

SETTINGS_OF = {"worker": "events"}  # the outbox worker reads the events service's settings


def settings_class(process: str) -> tuple[str, type[BaseSettings]]:
    """The service whose settings ``process`` reads, and their class."""
    owner = SETTINGS_OF.get(process, process)
    module_name, _, class_name = PROCESSES[owner].settings.partition(":")
    return owner, getattr(importlib.import_module(module_name), class_name)


def accepted_variables(process: str) -> tuple[str, set[str]]:
    """The prefix of ``process``'s own variables, and every variable name its settings read."""
    owner, cls = settings_class(process)
    prefix = f"{owner.upper()}_"
    accepted = {prefix + field_name.upper() for field_name in cls.model_fields}
    accepted |= {f.validation_alias for f in cls.model_fields.values() if isinstance(f.validation_alias, str)}
    # One MIM_<NAME> sets a shared field for every process (services.common.config.SHARED_FIELDS).
    accepted |= {
        f"MIM_{field_name.upper()}" for field_name in SHARED_FIELDS if field_name in cls.model_fields
    }
    return prefix, accepted


def unknown_variables(process: str, names: list[str]) -> list[str]:
    """The names among ``names`` that look like settings of ``process`` but are none."""
    prefix, accepted = accepted_variables(process)
    return [
        name
        for name in names
        if (name.startswith(prefix) or (name.startswith("MIM_") and name != "MIM_HEALTHCHECK_URL"))
        and name not in accepted
    ]
