/**
 * The physical floor of a note save, for comparison: node:http, the JSON body parsed, one SQLite
 * INSERT with the server's durability (WAL, synchronous=FULL), a small JSON answer. No framework,
 * sessions, authorization, validation, audit or fan-out: what no implementation can go below.
 *
 *   node --import tsx bench/support/note-floor.ts <sqlite file> <port>   # prints "listening" when ready
 */
import http from 'node:http';
import Database from 'better-sqlite3';

const [file, port] = process.argv.slice(2);
const db = new Database(file!);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(
  'CREATE TABLE IF NOT EXISTS notes (id TEXT PRIMARY KEY, interview_id TEXT, text TEXT, tags TEXT, offset_ms INTEGER, created_at TEXT)',
);
const insert = db.prepare(
  'INSERT INTO notes (id, interview_id, text, tags, offset_ms, created_at) VALUES (?, ?, ?, ?, ?, ?)',
);

const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const [, , , interviewId, , noteId] = (request.url ?? '').split('/');
    // Unvalidated on purpose: the floor is HTTP plus one INSERT, the least a note save can cost.
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      text: string;
      tags: string[];
      offsetMs: number;
    };
    const createdAt = new Date().toISOString();
    insert.run(noteId, interviewId, body.text, JSON.stringify(body.tags), body.offsetMs, createdAt);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ note: { id: noteId, text: body.text, createdAt } }));
  });
});
// Fastify's default: Node's 5 s closes a paced session's connection while the load generator
// reuses it (ECONNRESET) on a machine so busy that a second between notes stretches past 5 s.
server.keepAliveTimeout = 72_000;
server.listen(Number(port), '127.0.0.1', () => console.log('listening'));
