"""Registry service: exporters, products, sectors, regions and the label."""

from __future__ import annotations

from fastapi import FastAPI

from services.common.app import create_service_app
from services.registry.api import catalogue, exporters, labels, open_data, products
from services.registry.config import RegistrySettings


def create_app(settings: RegistrySettings | None = None) -> FastAPI:
    settings = settings or RegistrySettings()
    return create_service_app(
        name="registry",
        title="Made in Morocco — Registry",
        description="The exporter catalogue: companies, products, sectors, regions, export markets and the "
        "“Made in Morocco” label.",
        version="0.2.0",
        settings=settings,
        routers=[catalogue.router, open_data.router, exporters.router, products.router, labels.router],
    )
