/**
 * A TCP proxy in front of a hub that can "kill the server" at a chosen moment: it counts blob
 * requests as they cross the wire and, when told, destroys every open socket (the browser
 * sees a reset, mid-response if need be) and stops listening (new connections are refused)
 * until `up()`. It keeps one port, so the kiosk's origin and its storage stay the same.
 */
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';

const BLOB_REQUEST = /GET \/api\/v1\/blobs\/[0-9a-f]{64}/g;

/** What to do when the `at`-th blob request (1-based, counted since `arm`) arrives. */
export type Trigger =
  /** Kill before that request reaches the hub. */
  | { at: number; action: 'kill-before' }
  /** Let it through, then kill once `bytes` of its response reached the browser (keep below its size). */
  | { at: number; action: 'kill-after-bytes'; bytes: number }
  /** Hold that request (never forward it) and only report; the test closes the browser. */
  | { at: number; action: 'hold' }
  /** Only report; everything keeps flowing. */
  | { at: number; action: 'notify' };

export interface KillProxy {
  url: string;
  /** Blob requests seen since the last `arm`. */
  blobRequests(): number;
  /** Sets the next trigger and resets the count; resolves when it fired (for a kill: once killed). */
  arm(trigger: Trigger): Promise<void>;
  /** Destroys every socket and stops listening. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  isUp(): boolean;
  close(): Promise<void>;
}

export async function startKillProxy(upstreamPort: number): Promise<KillProxy> {
  const sockets = new Set<Socket>();
  let seen = 0;
  let trigger: (Trigger & { fire: () => void }) | null = null;
  let server: Server | null = null;
  let fireOnKill: (() => void) | null = null;
  let port = 0;

  function kill(): void {
    server?.close();
    server = null;
    for (const s of sockets) s.resetAndDestroy(); // RST, as when a process dies
    sockets.clear();
  }

  function onConnection(client: Socket): void {
    if (!server) return void client.destroy();
    const upstream = tcpConnect(upstreamPort, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    let tail = '';
    let held = false;
    // Set when this socket carries the request after which the kill waits for `bytes`.
    let killAfter: number | null = null;
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);

    client.on('data', (chunk: Buffer) => {
      if (held) return;
      // Keep a short tail so a request line split across two reads is still counted once.
      const text = tail + chunk.toString('latin1');
      const count = [...text.matchAll(BLOB_REQUEST)].filter(
        (m) => m.index + m[0].length > tail.length,
      ).length;
      tail = text.slice(-100);
      for (let i = 0; i < count; i++) {
        seen++;
        const t = trigger;
        if (!t || seen !== t.at) continue;
        trigger = null;
        if (t.action === 'kill-before') {
          kill();
          return t.fire();
        }
        if (t.action === 'kill-after-bytes') {
          killAfter = t.bytes;
          fireOnKill = t.fire;
          continue;
        }
        t.fire();
        if (t.action === 'hold') {
          held = true;
          return;
        }
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (killAfter !== null && chunk.length >= killAfter) {
        if (killAfter > 0) client.write(chunk.subarray(0, killAfter));
        // Let the partial write leave before the reset.
        return void setImmediate(() => {
          kill();
          fireOnKill?.();
          fireOnKill = null;
        });
      }
      if (killAfter !== null) killAfter -= chunk.length;
      client.write(chunk);
    });
  }

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = createServer(onConnection);
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => {
        next.off('error', reject);
        server = next;
        port = (next.address() as { port: number }).port;
        resolve();
      });
    });
  await listen();

  return {
    url: `http://localhost:${port}`,
    blobRequests: () => seen,
    arm(next) {
      seen = 0;
      return new Promise((resolve) => {
        trigger = { ...next, fire: resolve };
      });
    },
    async down() {
      kill();
    },
    async up() {
      if (!server) await listen();
    },
    isUp: () => server !== null,
    async close() {
      trigger = null;
      kill();
    },
  };
}
