/**
 * `npm run bench`: every benchmark with its budget. Prints a table and writes
 * tests/bench/RESULTS.md with this machine described. Timings are ratios against a baseline
 * measured in the same run where the issue asks for one, since machines are noisy.
 * Exits 1 when a budget is missed. Build first (`npm run build`; with KEPU_OUT_DIR set, the
 * bundle and browser benchmarks use that build). `npm run bench browser` runs one group.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Chunk, initialFiles, reachableFiles } from '../../scripts/lib/build-manifest.ts';
import { benchBrowser } from './browser.ts';
import { benchCap } from './cap.ts';
import { benchCompile, COMPILE_ARTICLES, COMPILE_BUDGET_S } from './content-compile.ts';
import { benchIngest } from './ingest.ts';
import { machine, type Row, table, verdict } from './lib.ts';
import { benchProvince } from './province.ts';

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

const GROUPS = ['bundle', 'browser', 'ingest', 'compile', 'cap', 'province'] as const;
const only = process.argv.slice(2);
for (const name of only) {
  if (!(GROUPS as readonly string[]).includes(name))
    throw new Error(`unknown benchmark "${name}"; pick from ${GROUPS.join(', ')}`);
}
const want = (name: string) => only.length === 0 || only.includes(name);
const groups = new Map<string, Row[]>();
let chromiumVersion: string | undefined;
if (want('bundle')) groups.set('bundle', bundleRows(process.env.KEPU_OUT_DIR ?? 'dist'));
if (want('browser')) {
  const browser = await benchBrowser();
  groups.set('browser', browser.rows);
  chromiumVersion = browser.chromium;
}
if (want('ingest')) groups.set('ingest', await benchIngest());
if (want('province')) groups.set('province', await benchProvince());
if (want('compile')) {
  const { seconds, files } = await benchCompile();
  groups.set('compile', [
    {
      figure: `content compile, ${COMPILE_ARTICLES} articles × 3 languages`,
      measured: seconds,
      budget: COMPILE_BUDGET_S,
      unit: 's',
      lowerIsBetter: true,
      note: `${files} files`,
    },
  ]);
}
if (want('cap')) groups.set('cap', await benchCap());

const rows = [...groups.values()].flat();
console.log(table(rows));
writeResults('tests/bench/RESULTS.md');
process.exitCode = rows.every((r) => verdict(r) === 'ok') ? 0 : 1;

/**
 * RESULTS.md holds one section per benchmark group; a run replaces the sections of the groups
 * it ran and keeps the others (each section says when and where it was measured).
 */
function writeResults(path: string): void {
  const sections = new Map<string, string>();
  const old = existsSync(path) ? readFileSync(path, 'utf8') : '';
  for (const part of old.split(/^## /m).slice(1)) {
    sections.set(part.split('\n', 1)[0]?.trim() ?? '', `## ${part.trimEnd()}\n`);
  }
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const command = ['npm run bench', ...only].join(' ');
  for (const [name, groupRows] of groups) {
    const where = machine(name === 'browser' ? chromiumVersion : undefined);
    sections.set(
      name,
      `## ${name}\n\nMeasured ${when} UTC on ${where} by \`${command}\`.\n\n${table(groupRows)}\n`,
    );
  }
  const order = [
    ...GROUPS,
    ...[...sections.keys()].filter((k) => !(GROUPS as readonly string[]).includes(k)),
  ];
  const body = order
    .map((k) => sections.get(k))
    .filter(Boolean)
    .join('\n');
  writeFileSync(
    path,
    `# Benchmark results\n\nWritten by \`npm run bench\` (every group) or \`npm run bench <group>…\` (replaces only\nthose groups' sections). Timings are ratios against baselines measured in the same run.\n\n${body}`,
  );
  console.log(`written to ${path}`);
}
