import * as v from 'valibot';
import type { BlobStore } from './blob-store.ts';
import { releaseManifest } from './release-manifest.ts';
import type { Store } from './storage/store.ts';

/** Blobs younger than this are never collected: an upload in progress has stored them, not yet its draft. */
export const BLOB_GRACE_MS = 48 * 3_600_000;

const DraftFiles = v.looseObject({ files: v.array(v.looseObject({ sha256: v.string() })) });

/**
 * Every blob a kept release or a draft names: the one list of blob references (a new record
 * that names blobs must be added here). Throws when a record cannot be read (then nothing is
 * collected).
 */
export async function referencedBlobs(store: Store): Promise<Set<string>> {
  const keep = new Set<string>();
  for (const release of await store.listReleases()) {
    // Either envelope (TUF or the legacy one), read the way every other reader of releases does.
    for (const f of releaseManifest(release.manifestJson).manifest.files) keep.add(f.sha256);
  }
  for (const draft of await store.listDrafts()) {
    const data = v.parse(DraftFiles, JSON.parse(draft.data));
    for (const f of data.files) keep.add(f.sha256);
  }
  return keep;
}

/** What a collection did. */
export interface GcResult {
  listed: number;
  referenced: number;
  /** Unreferenced but younger than the grace period. */
  young: number;
  deleted: string[];
}

/**
 * Deletes blobs that no kept release and no draft names and that are older than `graceMs`.
 * The blobs are listed before the references are read, so a blob stored after the listing is
 * never a candidate, and one stored (or put again) within the grace period is spared.
 */
export async function collectBlobs(options: {
  store: Store;
  blobs: BlobStore;
  now: Date;
  graceMs?: number;
}): Promise<GcResult> {
  const grace = options.graceMs ?? BLOB_GRACE_MS;
  const listed: Array<{ sha256: string; modifiedAt: Date }> = [];
  for await (const info of options.blobs.list()) listed.push(info);
  const keep = await referencedBlobs(options.store);
  // Sanity check: releases exist but none of their blobs were listed: a wrong prefix or folder.
  if (keep.size > 0 && listed.length > 0 && !listed.some((b) => keep.has(b.sha256))) {
    throw new Error(
      'no listed blob is referenced: is the blob store the one the releases were published to?',
    );
  }
  const cutoff = options.now.getTime() - grace;
  const result: GcResult = { listed: listed.length, referenced: 0, young: 0, deleted: [] };
  for (const blob of listed) {
    if (keep.has(blob.sha256)) result.referenced++;
    else if (blob.modifiedAt.getTime() > cutoff) result.young++;
    else {
      await options.blobs.delete(blob.sha256);
      result.deleted.push(blob.sha256);
    }
  }
  return result;
}
