"""Page routes, one module per area; each renders full pages or their HTMX blocks."""
