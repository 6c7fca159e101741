import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from 'valibot';
import type { Diagnostic } from '../content-kit/diagnostics.ts';
import type { PackFile } from '../protocol/pack-manifest.ts';
import { PackError, type SubtleLike, verifyBlob } from '../protocol/pack-verify.ts';
import { ArchiveError, readZip, stripTopFolder, writeFiles } from './archive.ts';
import type { HubContext } from './http/context.ts';
import { HttpError } from './http/errors.ts';
import { PublishError, stageContent } from './publish.ts';

/** How long an unconfirmed draft is kept. */
export const DRAFT_HOURS = 24;

/** A staged upload waiting for someone to confirm it: stored as JSON by the store. */
export interface DraftData {
  /** `content`: compiled here, signed at publish. `pack`: signed offline, published as is. */
  kind: 'content' | 'pack';
  /** The uploaded file's name, for people. */
  source: string;
  files: PackFile[];
  /** A `pack` draft's manifest.json exactly as uploaded. */
  manifestJson?: string;
  /** A `pack` draft's version and signing key. */
  version?: number;
  keyId?: string;
  warnings: Diagnostic[];
  articles: number;
  questions: number;
}

const DraftDataSchema = v.looseObject({
  kind: v.picklist(['content', 'pack']),
  source: v.string(),
  files: v.array(v.looseObject({ path: v.string(), sha256: v.string(), size: v.number(), type: v.string() })),
  warnings: v.array(v.any()),
  articles: v.number(),
  questions: v.number(),
});

const subtle = globalThis.crypto.subtle as unknown as SubtleLike;

/** Reads an uploaded zip and stages it as a draft; throws HttpError with the reason on refusal. */
export async function stageUpload(ctx: HubContext, bytes: Uint8Array, source: string): Promise<DraftData> {
  let files: Map<string, Uint8Array>;
  try {
    files = readZip(bytes);
  } catch (error) {
    if (!(error instanceof ArchiveError)) throw error;
    const status = error.code === 'ARCHIVE_TOO_LARGE' || error.code === 'ARCHIVE_TOO_MANY_FILES' ? 413 : 400;
    throw new HttpError(status, error.code, error.message);
  }
  const asPack = stripTopFolder(files, ['manifest.json']);
  if (asPack.has('manifest.json')) return stagePack(ctx, asPack, source);
  const content = stripTopFolder(files, ['articles/', 'quizzes/']);
  if (![...content.keys()].some((n) => n.startsWith('articles/') || n.startsWith('quizzes/'))) {
    throw new HttpError(
      422,
      'CONTENT_INVALID',
      'the archive has neither articles/ and quizzes/ folders (the content/ format) nor a manifest.json (a signed pack)',
    );
  }
  return stageContentFiles(ctx, content, source);
}

async function stageContentFiles(
  ctx: HubContext,
  files: Map<string, Uint8Array>,
  source: string,
): Promise<DraftData> {
  const dir = await mkdtemp(join(tmpdir(), 'kepu-upload-'));
  try {
    await writeFiles(join(dir, 'content'), files);
    // Diagnostics then name files as authors see them: content/articles/<topic>/<id>/zh-CN.md.
    const staged = await stageContent(ctx.blobs, 'content', dir);
    return { kind: 'content', source, ...staged };
  } catch (error) {
    if (error instanceof PublishError) {
      throw new HttpError(422, 'CONTENT_INVALID', `the content has ${error.diagnostics.length} error(s)`, {
        diagnostics: error.diagnostics,
      });
    }
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function stagePack(
  ctx: HubContext,
  files: Map<string, Uint8Array>,
  source: string,
): Promise<DraftData> {
  const raw = files.get('manifest.json') ?? new Uint8Array();
  const manifestJson = new TextDecoder().decode(raw);
  try {
    // Checked as a kiosk checks it: the content role of the current root, revoked keys, expiry.
    const { manifest, signers } = await ctx.trust.verifyUpload(raw);
    // Every blob is checked before any is stored.
    const blobs: Array<[Uint8Array, string]> = [];
    for (const file of manifest.files) {
      const bytes = files.get(`blobs/${file.sha256}`);
      if (bytes) {
        await verifyBlob(subtle, bytes, file.sha256);
        blobs.push([bytes, file.sha256]);
      } else if (!(await ctx.blobs.has(file.sha256))) {
        throw new HttpError(422, 'BLOB_MISSING', `blobs/${file.sha256} (${file.path}) is not in the archive`);
      }
    }
    for (const [bytes, sha] of blobs) await ctx.blobs.put(bytes, sha);
    return {
      kind: 'pack',
      source,
      files: manifest.files,
      manifestJson,
      version: manifest.version,
      keyId: signers.join(', '),
      warnings: [],
      articles: manifest.files.filter((f) => /^articles\/.+\.zh-CN\.json$/.test(f.path)).length,
      questions: 0,
    };
  } catch (error) {
    if (error instanceof PackError) throw new HttpError(422, error.code, error.message);
    throw error;
  }
}

/** Stores a staged draft (and forgets drafts older than a day); returns its id. */
export async function saveDraft(ctx: HubContext, adminId: string, data: DraftData): Promise<string> {
  const now = ctx.now();
  await ctx.store.pruneDrafts(new Date(now.getTime() - DRAFT_HOURS * 3_600_000));
  const id = randomUUID();
  await ctx.store.saveDraft({ id, adminId, createdAt: now, data: JSON.stringify(data) });
  return id;
}

/** A stored draft, or 404. */
export async function loadDraft(ctx: HubContext, id: string): Promise<DraftData & { createdAt: Date }> {
  const draft = /^[0-9a-f-]{36}$/.test(id) ? await ctx.store.getDraft(id) : null;
  if (!draft) throw new HttpError(404, 'NOT_FOUND', 'no such draft (drafts are kept for a day)');
  const data = v.parse(DraftDataSchema, JSON.parse(draft.data)) as DraftData;
  return { ...data, createdAt: draft.createdAt };
}
