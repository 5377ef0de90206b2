import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * The bench's receiver, in a process of its own (its CPU is not the dispatcher's): `/fast` answers 204 at once,
 * `/slow` after `SLOW_MS`. Sends its port to the parent, then counts the requests per path, which the parent asks
 * for with a message.
 */
const SLOW_MS = Number(process.env.SLOW_MS ?? 2000);
const counts: Record<string, number> = {};

const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    const path = request.url ?? '/';
    counts[path] = (counts[path] ?? 0) + 1;
    if (path === '/slow') setTimeout(() => response.writeHead(204).end(), SLOW_MS);
    else response.writeHead(204).end();
  });
});
server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.on('message', () => process.send?.({ counts }));
process.on('disconnect', () => process.exit(0));
