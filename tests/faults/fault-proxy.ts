/**
 * A loopback proxy that breaks requests on purpose: it hangs some (the client times out),
 * answers 500 to some without forwarding, and forwards some but hangs up before the answer
 * reaches the client (the hub has committed; the client sees an error and retries).
 */
import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FaultProxy {
  url: string;
  /** Points the proxy at another upstream port (after a hub restart). */
  retarget(port: number): void;
  counts: { forwarded: number; hung: number; failed500: number; droppedAfterCommit: number };
  close(): Promise<void>;
}

export async function startFaultProxy(
  upstreamPort: number,
  faultRate: number,
  random: () => number,
): Promise<FaultProxy> {
  let port = upstreamPort;
  const counts = { forwarded: 0, hung: 0, failed500: 0, droppedAfterCommit: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const roll = random();
      const fault = roll < faultRate ? Math.floor((roll / faultRate) * 3) : -1;
      if (fault === 0) {
        counts.hung++;
        return; // never answers; the client's timeout fires
      }
      if (fault === 1) {
        counts.failed500++;
        res
          .writeHead(500, { 'content-type': 'application/json' })
          .end('{"code":"INTERNAL","message":"injected"}');
        return;
      }
      const upstream = forward(
        { host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers },
        (up) => {
          const body: Buffer[] = [];
          up.on('data', (c: Buffer) => body.push(c));
          up.on('end', () => {
            if (fault === 2) {
              counts.droppedAfterCommit++;
              res.socket?.destroy(); // committed upstream, lost on the way back
              return;
            }
            counts.forwarded++;
            res.writeHead(up.statusCode ?? 502, up.headers).end(Buffer.concat(body));
          });
        },
      );
      upstream.on('error', () => res.socket?.destroy()); // upstream down (restarting)
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    retarget: (next) => {
      port = next;
    },
    counts,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
