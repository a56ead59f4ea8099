"""The small shared kernel every service builds on: settings, database, errors, auth, health."""
