/**
 * The operations endpoint: GET /healthz (JSON, 503 when netlab cannot serve) and GET /metrics
 * (Prometheus text) on HEALTH_HOST:HEALTH_PORT, 127.0.0.1 by default so nothing outside the
 * machine (or the container) sees it unless the organiser says so.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { HealthReport } from './health.ts';
import type { NetlabMetrics } from './metrics.ts';

export interface OpsServer {
  /** Where it listens, e.g. http://127.0.0.1:9464 (the real port when HEALTH_PORT=0). */
  readonly url: string;
  close(): Promise<void>;
}

export interface OpsServerOptions {
  readonly host: string;
  readonly port: number;
  readonly metrics: NetlabMetrics;
  readonly health: () => Promise<HealthReport>;
  readonly logger: Logger;
}

async function respond(req: IncomingMessage, res: ServerResponse, options: OpsServerOptions): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
  } else if (path === '/healthz') {
    const report = await options.health();
    res.writeHead(report.status === 'down' ? 503 : 200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : `${JSON.stringify(report)}\n`);
  } else if (path === '/metrics') {
    const text = await options.metrics.render();
    res.writeHead(200, { 'content-type': options.metrics.registry.contentType });
    res.end(req.method === 'HEAD' ? undefined : text);
  } else {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found: try /healthz or /metrics\n');
  }
}

export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const server = createServer((req, res) => {
    respond(req, res, options).catch((error: unknown) => {
      options.logger.error({ err: error, path: req.url }, 'ops endpoint failed');
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const where = `${options.host}:${options.port}`;
      if (error.code === 'EADDRINUSE') reject(new ConfigError([`HEALTH_PORT: ${where} is already in use (EADDRINUSE): another program, or another netlab, listens there. Stop it or set HEALTH_PORT to a free port.`]));
      else if (error.code === 'EADDRNOTAVAIL') reject(new ConfigError([`HEALTH_HOST: ${options.host} is not an address of this machine (EADDRNOTAVAIL); use 127.0.0.1, or 0.0.0.0 inside a container.`]));
      else reject(error);
    });
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
