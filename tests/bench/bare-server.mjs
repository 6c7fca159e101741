// The baseline for the ingest benchmark: a bare node:http server that reads the body and
// answers 204. Prints its port.
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    Buffer.concat(chunks);
    res.writeHead(204).end();
  });
});
server.listen(0, '127.0.0.1', () => console.log(`PORT ${server.address().port}`));
