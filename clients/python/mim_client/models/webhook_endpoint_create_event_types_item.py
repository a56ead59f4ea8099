from enum import StrEnum


class WebhookEndpointCreateEventTypesItem(StrEnum):
    EVENT_CANCELLED = "event.cancelled"
    EVENT_CHANGED = "event.changed"
    EVENT_PUBLISHED = "event.published"
    EXPORTER_CREATED = "exporter.created"
    EXPORTER_DELETED = "exporter.deleted"
    EXPORTER_UPDATED = "exporter.updated"
    LABEL_EXPIRED = "label.expired"
    LABEL_GRANTED = "label.granted"
    LABEL_REINSTATED = "label.reinstated"
    LABEL_SUSPENDED = "label.suspended"
    LABEL_WITHDRAWN = "label.withdrawn"

    def __str__(self) -> str:
        return str(self.value)
