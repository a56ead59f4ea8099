# syntax=docker/dockerfile:1
# One image for every process of the platform (registry, events, gateway,
# frontend, the outbox worker, migrations): the command picks the process.

# ---- builder: uv installs the LOCKED runtime dependencies into /app/.venv ----
FROM python:3.11-slim AS builder

ENV UV_VERSION=0.13.9 \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN pip install --no-cache-dir "uv==${UV_VERSION}"

WORKDIR /app

# Dependencies first (cached while only the code changes). --locked fails the
# build when uv.lock is out of date with pyproject.toml.
COPY pyproject.toml uv.lock ./
RUN uv sync --locked --no-dev --no-install-project --python /usr/local/bin/python

# Then the project itself (an editable install pointing at /app).
COPY README.md ./
COPY services ./services
COPY frontend ./frontend
COPY migrations ./migrations
RUN uv sync --locked --no-dev --python /usr/local/bin/python

# ---- runtime: the venv and the code, run by an unprivileged user ----
FROM python:3.11-slim AS runtime

ENV PATH=/app/.venv/bin:$PATH \
    VIRTUAL_ENV=/app/.venv \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    MIM_ENV=production \
    MIM_HEALTHCHECK_URL=http://127.0.0.1:8000/healthz

RUN groupadd --system --gid 10001 mim \
    && useradd --system --uid 10001 --gid mim --home-dir /app --no-create-home --shell /usr/sbin/nologin mim

WORKDIR /app
# Code and venv stay owned by root (read-only for the process); only var/ is writable.
COPY --from=builder /app/.venv /app/.venv
COPY --from=builder /app/pyproject.toml /app/README.md ./
COPY --from=builder /app/services ./services
COPY --from=builder /app/frontend ./frontend
COPY --from=builder /app/migrations ./migrations
# var/media: the registry's logos and photos (a volume in compose, created owned by mim).
RUN mkdir -p /app/var/media && chown -R mim:mim /app/var

USER mim:mim

EXPOSE 8000 8001 8002 8080

# The URL is per process (compose sets MIM_HEALTHCHECK_URL); slim has no curl.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(os.environ['MIM_HEALTHCHECK_URL'], timeout=4)"]

CMD ["mim", "serve", "gateway"]
