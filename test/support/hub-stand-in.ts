// Stand-ins for the Hugging Face hub on loopback: one that serves model files as the hub's resolve URLs do, one that
// accepts connections and never answers (a black-holed network), and an address that refuses connections.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { join, normalize } from 'node:path';

export interface HubStandIn {
  url: string;
  /** "HEAD /Xenova/bge-small-en-v1.5/resolve/main/config.json", ... in arrival order (silent: one per connection). */
  requests: string[];
  close(): Promise<void>;
}

/** Serves `<modelDir>/<model>/<file>` at `/<model>/resolve/main/<file>`, with Content-Length; 404 for anything else. */
export async function servingHub(modelDir: string): Promise<HubStandIn> {
  const requests: string[] = [];
  const server = createHttpServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const match = /^\/(.+?)\/resolve\/main\/(.+)$/.exec(decodeURIComponent(new URL(req.url ?? '/', 'http://hub').pathname));
    const file = match ? normalize(join(modelDir, match[1]!, match[2]!)) : undefined;
    if (!file || !file.startsWith(modelDir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Entry not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': statSync(file).size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return listen(server, requests);
}

/** Accepts every connection and never sends a byte, as a network that drops traffic looks to a client. */
export async function silentHub(): Promise<HubStandIn> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    requests.push('connection');
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  });
  const hub = await listen(server, requests);
  return {
    ...hub,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await hub.close();
    },
  };
}

/** A loopback address where nothing listens: connections are refused at once. */
export async function refusingHubUrl(): Promise<string> {
  const { url, close } = await listen(createTcpServer(), []);
  await close();
  return url;
}

async function listen(server: Server, requests: string[]): Promise<HubStandIn> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
