import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Starts a sandbox's server (port 0: any free port) and tells where it answers. */
export async function listenSandbox(server: Server, options: { port?: number; host?: string }): Promise<{ url: string; port: number }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { url: `http://${host}:${address.port}`, port: address.port };
}
