import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatCueReport } from './answer-cues.ts';
import { compileContent } from './compile.ts';
import { type Diagnostic, formatDiagnostic } from './diagnostics.ts';
import { loadOrCreateKey } from './keys.ts';
import { KEYS_USAGE, keysCommand } from './keys-cli.ts';
import { writePack } from './pack.ts';
import { formatSelfTestBank, selfTestBank } from './selftest-bank.ts';
import { readRootFiles, writeRootFile } from './trust-files.ts';

const USAGE = `usage:
  npm run content -- check [contentDir]
  npm run content -- build [--content content] [--out dist-pack] [--key <path>] [--version N] [--valid-days 365] [--trust data/keys/trust]
${KEYS_USAGE.replace(/^usage:\n/, '')}`;

/** Runs one command; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'check') return check(rest[0] ?? 'content');
  if (command === 'build') return build(rest);
  if (command === 'keys') return keysCommand(rest);
  console.error(USAGE);
  return 2;
}

async function check(contentDir: string): Promise<number> {
  const compiled = await compileContent(contentDir);
  const errors = report(compiled.diagnostics);
  for (const line of formatCueReport(compiled.cues)) console.log(line);
  for (const line of formatSelfTestBank(selfTestBank(compiled.quizzes))) console.log(line);
  const questions = compiled.quizzes.reduce((n, q) => n + q.questions.length, 0);
  const { articles } = compiled.catalog;
  console.log(
    `${articles.length} articles, ${questions} quiz questions, ${compiled.tutorials.length} tutorials compiled`,
  );
  return errors > 0 ? 1 : 0;
}

async function build(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      content: { type: 'string', default: 'content' },
      out: { type: 'string', default: 'dist-pack' },
      key: { type: 'string', default: process.env.KEPU_PUBLISHER_KEY ?? 'data/keys/publisher.json' },
      version: { type: 'string', default: String(Math.floor(Date.now() / 1000)) },
      'valid-days': { type: 'string', default: '365' },
      trust: { type: 'string', default: process.env.KEPU_TRUST_DIR ?? 'data/keys/trust' },
    },
  });
  const version = Number(values.version);
  const validDays = Number(values['valid-days']);
  if (!Number.isSafeInteger(version) || version < 1) return usage(`--version must be a positive integer`);
  if (!Number.isFinite(validDays) || validDays <= 0) return usage(`--valid-days must be a positive number`);
  const compiled = await compileContent(values.content);
  if (report(compiled.diagnostics) > 0) return 1;
  const { key, created } = await loadOrCreateKey(values.key);
  if (created) {
    console.log(`Created demo publisher key ${values.key} (key id ${key.keyId}).`);
    console.log('Demo keys are generated on first start and never committed; kiosks must trust this key.');
  }
  const pack = await writePack(compiled, { outDir: values.out, key, version, validDays });
  const bytes = pack.manifest.files.reduce((n, f) => n + f.size, 0);
  console.log(`pack ${pack.manifest.version}: ${pack.manifest.files.length} files, ${bytes} bytes`);
  console.log(`written to ${pack.dir}, signed with key ${key.keyId}, expires ${pack.manifest.expires}`);
  // The root chain rides with the pack, so a kiosk that never met the hub can check the key.
  const roots = await readRootFiles(values.trust);
  for (const text of roots) await writeRootFile(join(values.out, 'trust'), JSON.parse(text));
  console.log(
    roots.length > 0
      ? `root chain 1..${roots.length} copied to ${join(values.out, 'trust')}`
      : `no root chain in ${values.trust}: kiosks can check this pack only if root 1 lists key ${key.keyId}`,
  );
  return 0;
}

/** Prints diagnostics and a summary line; returns the error count. */
function report(diagnostics: Diagnostic[]): number {
  for (const d of diagnostics) console.log(formatDiagnostic(d));
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  console.log(`${errors} error(s), ${diagnostics.length - errors} warning(s)`);
  return errors;
}

function usage(message: string): number {
  console.error(`${message}\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  },
);
