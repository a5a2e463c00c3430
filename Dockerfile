# syntax=docker/dockerfile:1
# Ledgerlink's image: one image for every role; the command picks it (`serve`, `worker`, `migrate`).
# Build: docker build -t ledgerlink .     Run: see compose.yaml and docs/deploy.md.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- deps: production dependencies only ----
# tsx is a runtime dependency (bin/ledgerlink.js registers it; there is no build step), so
# `--omit=dev` already leaves exactly what runs; no compile stage is needed. Nothing is native
# (pg is pure JavaScript, PGlite is WebAssembly), so the slim image needs no build tools.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# ---- runtime ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    LEDGERLINK_DATA_DIR=/data
# With DATABASE_URL and LEDGERLINK_SECRET_KEY set (production) nothing is written but tsx's
# compile cache in /tmp. /data is only for the embedded database (mount a volume there to keep it).
RUN mkdir -p /data && chown node:node /data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json ./
COPY bin ./bin
COPY src ./src
COPY deploy/healthcheck.js ./deploy/healthcheck.js
# The official image's unprivileged `node` user (uid 1000); the files stay root's, read-only to it.
USER node
EXPOSE 3000
# Liveness of the web role (GET /healthz); compose.yaml turns it off for the worker and migrate.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "deploy/healthcheck.js"]
ENTRYPOINT ["node", "bin/ledgerlink.js"]
CMD ["serve"]
