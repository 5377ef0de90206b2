import { createServer } from 'node:http';

/**
 * Where the traced api of `bench:api --tracing` sends its spans: an OTLP/HTTP receiver that reads each export
 * and answers 200, in a process of its own (its CPU is shown apart), counting the exports. A collector's own
 * cost is not the api's; reading the bytes is enough for the exporter to behave as against a real one.
 */
let exports = 0;
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    exports += 1;
    response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.({ ready: true }));
process.on('message', (message: unknown) => {
  if ((message as { stop?: boolean }).stop) {
    process.stdout.write(`${exports} span exports received\n`);
    server.close(() => process.exit(0));
  }
});
