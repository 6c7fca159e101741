/**
 * `npm run bench`: every benchmark with its budget. Prints a table and writes
 * tests/bench/RESULTS.md with this machine described. Timings are ratios against a baseline
 * measured in the same run where the issue asks for one, since machines are noisy.
 * Exits 1 when a budget is missed. Build first (`npm run build`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Chunk, initialFiles, reachableFiles } from '../../scripts/lib/build-manifest.ts';
import { benchBrowser } from './browser.ts';
import { benchCompile, COMPILE_ARTICLES, COMPILE_BUDGET_S } from './content-compile.ts';
import { benchIngest } from './ingest.ts';
import { machine, type Row, table, verdict } from './lib.ts';

function bundleRows(dist: string): Row[] {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    Chunk
  >;
  const gz = (f: string) => gzipSync(readFileSync(join(dist, f)), { level: 9 }).length / 1024;
  // The console (admin.html) is another page: only what the kiosk page can load counts.
  return [
    {
      figure: 'kiosk initial JavaScript (gzip)',
      measured: initialFiles(manifest).reduce((s, f) => s + gz(f), 0),
      budget: 25,
      unit: 'KB',
      lowerIsBetter: true,
    },
    {
      figure: 'all kiosk JavaScript (gzip)',
      measured: reachableFiles(manifest).reduce((s, f) => s + gz(f), 0),
      budget: 120,
      unit: 'KB',
      lowerIsBetter: true,
    },
  ];
}

const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);
const rows: Row[] = [];
let chromiumVersion: string | undefined;
if (want('bundle')) rows.push(...bundleRows(process.env.KEPU_OUT_DIR ?? 'dist'));
if (want('browser')) {
  const browser = await benchBrowser();
  rows.push(...browser.rows);
  chromiumVersion = browser.chromium;
}
if (want('ingest')) rows.push(...(await benchIngest()));
if (want('compile')) {
  const { seconds, files } = await benchCompile();
  rows.push({
    figure: `content compile, ${COMPILE_ARTICLES} articles × 3 languages`,
    measured: seconds,
    budget: COMPILE_BUDGET_S,
    unit: 's',
    lowerIsBetter: true,
    note: `${files} files`,
  });
}

const text = table(rows);
console.log(text);
const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
if (only.length === 0) {
  writeFileSync(
    'tests/bench/RESULTS.md',
    `# Benchmark results\n\nMeasured ${when} UTC on ${machine(chromiumVersion)} by \`npm run bench\`.\n\n${text}\n`,
  );
  console.log('written to tests/bench/RESULTS.md');
}
process.exitCode = rows.every((r) => verdict(r) === 'ok') ? 0 : 1;
