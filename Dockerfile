# netlab's image: the compiled bundle on Node 20, production dependencies only, run as the
# unprivileged `node` user, with a health check on /healthz. Secrets come from the environment
# (compose.yaml's env_file), never from the image. NODE_IMAGE lets a machine without a registry
# build from a local stand-in; users get the official image.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Only better-sqlite3 runs its install script (as package.json's allowScripts says); the bundle
# is built explicitly below instead of through `prepare`. Its script downloads a prebuilt binary
# where it can, else compiles against this image's own Node headers, for which python3, make and
# g++ are installed in this build stage only when the first attempt fails.
ENV npm_config_nodedir=/usr/local
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && { npm rebuild better-sqlite3 \
      || { apt-get update -qq \
           && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 make g++ >/dev/null \
           && npm rebuild better-sqlite3; }; }
COPY tsconfig.json ./
COPY bin ./bin
COPY src ./src
RUN npm run build && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM ${NODE_IMAGE}
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/bin ./bin
COPY --from=build /app/dist ./dist
COPY --from=build /app/src/content/topics ./src/content/topics
COPY --from=build /app/src/content/quiz ./src/content/quiz
# The SQLite database (NETLAB_DB, ./data/netlab.db): compose.yaml mounts a volume here, which
# takes this folder's owner on first use.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
# /healthz and /metrics; HEALTH_HOST=0.0.0.0 (compose.yaml sets it) makes them reachable from
# outside the container, 127.0.0.1 (netlab's default) keeps them to the health check.
EXPOSE 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.HEALTH_PORT || 9464}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--max-semi-space-size=4", "bin/netlab.js", "start"]
