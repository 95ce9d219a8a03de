// A loopback HTTPS server for MTA-STS tests: serves /.well-known/mta-sts.txt with a
// certificate from the test CA, and can misbehave on demand (redirect, 404, oversize,
// wrong content type, never answer). Stops only itself.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface PolicyRoute {
  status?: number;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** Accept the request but never answer (time-limit tests). */
  hang?: boolean;
}

export interface HttpsServer {
  port: number;
  /** Requests seen, by Host header and path. */
  requests: { host: string; path: string }[];
  /** Route by Host name without port (e.g. "mta-sts.example.test"). */
  set(host: string, route: PolicyRoute): void;
  close(): Promise<void>;
}

export async function startHttpsServer(cert: {
  certFile: string;
  keyFile: string;
  chainFile?: string;
}): Promise<HttpsServer> {
  const routes = new Map<string, PolicyRoute>();
  const requests: { host: string; path: string }[] = [];
  const server: Server = createServer(
    { cert: readFileSync(cert.chainFile ?? cert.certFile), key: readFileSync(cert.keyFile) },
    (req, res) => {
      const host = String(req.headers.host ?? '').replace(/:\d+$/, '');
      requests.push({ host, path: req.url ?? '' });
      const route = routes.get(host);
      if (!route || req.url !== '/.well-known/mta-sts.txt') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
        return;
      }
      if (route.hang) return;
      res.writeHead(route.status ?? 200, {
        'content-type': route.contentType ?? 'text/plain',
        ...route.headers,
      });
      res.end(route.body ?? '');
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    set: (host, route) => void routes.set(host, route),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
