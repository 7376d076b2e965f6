# A slim image that runs `briefbot run`; the SQLite database lives on a volume.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DATABASE_URL=sqlite:////data/briefbot.db
WORKDIR /app

COPY pyproject.toml README.md LICENSE ./
COPY bot ./bot
COPY prompts ./prompts
# Editable install: the package finds prompts/ beside it, at the top of /app.
RUN pip install --no-cache-dir -e . \
    && useradd --create-home --uid 10001 briefbot \
    && mkdir /data && chown briefbot /data

USER briefbot
VOLUME ["/data"]
# 8443: `briefbot run --webhook` (WEBHOOK_LISTEN); docker-compose.yml runs it beside workers.
EXPOSE 8443
CMD ["briefbot", "run"]
