"""The public website: server-rendered Jinja2 pages with HTMX, talking only to the gateway."""
