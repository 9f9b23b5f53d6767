# The Omnichannel zelfscan as a container image. Build: docker build -t zelfscan:0.2.0 .
# Operators read docs/beheer.md, "Installeren in productie"; compose.yaml runs two of these
# behind nginx with PostgreSQL.
#
# Two stages: the build stage installs the locked packages into a venv at /opt/venv; the image
# that runs gets that venv and the app's own files, nothing else (no pip cache, no compilers: the
# slim image has none and --only-binary refuses anything that would need one).

ARG PYTHON_IMAGE=python:3.11.15-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1
RUN python -m venv /opt/venv
COPY requirements.lock /tmp/requirements.lock
# Every package, direct and indirect, pinned with its hashes (python3 dev.py lock makes the file).
RUN /opt/venv/bin/pip install --require-hashes --no-deps --only-binary :all: -r /tmp/requirements.lock


FROM ${PYTHON_IMAGE} AS run
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    STREAMLIT_SERVER_PORT=8501 \
    STREAMLIT_SERVER_ADDRESS=0.0.0.0 \
    STREAMLIT_SERVER_HEADLESS=true \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false

# A user of its own without a login shell; the app's files stay root's, so the app cannot change
# its own code. Only /app/data (the default SQLite database, the beheer link file) is writable.
RUN groupadd --system --gid 10001 zelfscan \
 && useradd --system --uid 10001 --gid zelfscan --home-dir /app --no-create-home --shell /usr/sbin/nologin zelfscan

COPY --from=build /opt/venv /opt/venv

WORKDIR /app
# The app only: what `python -m scan start` and the pages read (the privacy and accessibility
# pages show docs/*.md). No tests, no bench, no dev tooling, no lock files.
COPY LICENSE app.py alembic.ini ./
COPY .streamlit/config.toml .streamlit/config.toml
COPY scan scan
COPY scoring scoring
COPY reports reports
COPY questionnaires questionnaires
COPY docs docs
COPY deploy/gezondheid.py deploy/gezondheid.py
RUN python -m compileall -q /app \
 && mkdir -p /app/data \
 && chown zelfscan:zelfscan /app/data

USER 10001:10001
VOLUME ["/app/data"]
EXPOSE 8501

# Healthy = the web server answers on Streamlit's /_stcore/health AND `python -m scan check` says
# the database is reachable, its schema is one this code can serve and the questionnaires are
# valid. /_stcore/health alone says "ok" with the database gone or a schema newer than the code
# (issue 19); the check alone does not see a web server that stopped answering. The start period
# covers the migrations `scan start` runs first.
HEALTHCHECK --interval=30s --timeout=20s --start-period=120s --retries=3 \
    CMD ["python", "/app/deploy/gezondheid.py"]

# Migrate, check, then exec Streamlit with production flags (port STREAMLIT_SERVER_PORT).
CMD ["python", "-m", "scan", "start"]
