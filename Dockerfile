# Production image: gunicorn serving azerishiq_portal.wsgi; the same image runs the Celery worker
# and beat (see docker-compose.yml). Configuration comes only from the environment.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=azerishiq_portal.settings.production

WORKDIR /app

RUN groupadd --system app \
    && useradd --system --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app

# Dependencies first, so a code change does not reinstall them. pyproject.toml declares no
# packages: `pip install .` installs the dependencies; the code runs from /app.
COPY pyproject.toml ./
RUN pip install .

COPY . .

# Production settings refuse to load without a real secret, so collectstatic gets a throwaway
# one that exists only for this command and is not kept in the image's environment. An ASAN Login
# issuer is named so that the emulated one's development signing key is not generated into the image.
RUN SECRET_KEY=build-only-collectstatic-key-not-used-at-runtime-0123456789 \
    ALLOW_FAKE_ADAPTERS=1 \
    IDENTITY_PROVIDER_URL=https://asan-login.invalid \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/media \
    && chown app:app /app/media

USER app

EXPOSE 8000

CMD ["gunicorn", "azerishiq_portal.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
