import { createServer, connect, type Socket } from 'node:net';

/**
 * A TCP proxy in front of the server that can drop the connection in the middle of a request: it forwards the
 * first `bytes` bytes of the next request, then destroys both sockets, like a phone losing signal mid-upload.
 */
export async function cuttingProxy(targetPort: string) {
  let cutAfter: number | null = null;
  let cuts = 0;
  const sockets = new Set<Socket>();
  const proxy = createServer((client) => {
    const upstream = connect(Number(targetPort), '127.0.0.1');
    sockets.add(client).add(upstream);
    let forwarded = 0;
    const limit = cutAfter;
    cutAfter = null;
    client.on('data', (chunk: Buffer) => {
      if (limit !== null && forwarded + chunk.length > limit) {
        upstream.write(chunk.subarray(0, Math.max(0, limit - forwarded)));
        cuts += 1;
        upstream.destroy();
        client.destroy();
        return;
      }
      forwarded += chunk.length;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', closeBoth).on('close', closeBoth);
    upstream.on('error', closeBoth).on('close', closeBoth);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const address = proxy.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    /** The next connection opened is cut after `bytes` bytes of request. */
    cutNextRequestAfter(bytes: number) {
      cutAfter = bytes;
    },
    cuts: () => cuts,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        proxy.close(() => resolve());
      }),
  };
}
