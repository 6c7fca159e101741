/**
 * A second process on the hub's SQLite file, making lock contention on purpose until a stop file appears:
 * long read transactions (a snapshot held while the hub writes), write-lock holds like another
 * tool writing (`npm run publish` does), and WAL checkpoints that reset the log. Prints `ready`,
 * a line per thing done (`read`, `write-hold`, `checkpoint`), and a JSON summary when it stops.
 *   tsx tests/support/sqlite-contender.ts <hub.sqlite> <stop file>
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';

const [path, stopFile] = process.argv.slice(2);
if (!path || !stopFile) throw new Error('usage: sqlite-contender <hub.sqlite> <stop file>');
const db = new Database(path, { fileMustExist: true });
db.pragma('busy_timeout = 10000');

const pause = new Int32Array(new SharedArrayBuffer(4));
/** Blocks this process (and so keeps whatever lock it holds) for `ms`. */
const hold = (ms: number) => Atomics.wait(pause, 0, 0, ms);

const done = { reads: 0, writeHolds: 0, checkpoints: 0, errors: [] as string[] };
// Also stops if the test's folder is gone (a failed test must not leave it running).
const stopping = () => existsSync(stopFile) || !existsSync(path);

console.log('ready');

const total = db.prepare('SELECT COALESCE(SUM(count), 0) AS n FROM usage_totals');
const beats = db.prepare('SELECT COUNT(*) AS n FROM heartbeats');
const begin = db.prepare('BEGIN');
const beginImmediate = db.prepare('BEGIN IMMEDIATE');
const commit = db.prepare('COMMIT');

for (let i = 0; !stopping(); i++) {
  try {
    const kind = i % 5;
    if (kind < 3) {
      // A report that reads for a while: one snapshot across several statements.
      begin.run();
      total.get();
      hold(200 + Math.random() * 400);
      beats.get();
      total.get();
      commit.run();
      done.reads++;
      console.log('read');
    } else if (kind === 3) {
      // Another writer holding the write lock (the hub's writers queue behind it).
      beginImmediate.run();
      hold(50 + Math.random() * 250);
      commit.run();
      done.writeHolds++;
      console.log('write-hold');
    } else {
      db.pragma('wal_checkpoint(TRUNCATE)');
      done.checkpoints++;
      console.log('checkpoint');
    }
  } catch (error) {
    done.errors.push(String(error));
    if (db.inTransaction) db.exec('ROLLBACK');
  }
  hold(5);
}
db.close();
console.log(JSON.stringify(done));
