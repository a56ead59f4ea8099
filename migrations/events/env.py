from services.common.migrate import run_env
from services.events.models import EventsModel

run_env(service="events", target_metadata=EventsModel.metadata)
