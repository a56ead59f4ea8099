"""Process-level tuning shared by every server process."""

from __future__ import annotations

import gc

from fastapi.telemetry import TelemetryConfig

# FastAPI's native OpenTelemetry, switched off: the platform reports through Prometheus
# (/metrics) and JSON logs with request ids. Left on but unconfigured, it still asks the
# OpenTelemetry API on every request whether a provider has appeared since (about 5 % of
# the gateway's CPU per proxied request, py-spy). Pass a config of your own to turn it on.
NO_NATIVE_TELEMETRY: TelemetryConfig = {"tracing": False, "metrics": False, "logs": False}


def freeze_startup_heap() -> None:
    """Keep the objects that live as long as the process out of the garbage collector's way.

    After start-up a service holds a few hundred thousand long-lived objects (FastAPI routes,
    SQLAlchemy and pydantic models, templates). CPython's oldest-generation collection
    walks all of them whenever enough new objects have survived, stalling the event loop:
    80-90 ms per collection for the registry here, in the middle of whatever request was
    running. ``gc.freeze()`` moves them to a permanent generation that collections skip; what
    requests allocate afterwards is collected as before.
    """
    gc.collect()
    gc.freeze()
