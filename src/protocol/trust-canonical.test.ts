import { canonicalize } from '@tufjs/canonical-json';
import { describe, expect, it } from 'vitest';
import { createTrustWorld, testManifest } from '../content-kit/test-trust.ts';
import { canonicalJson } from './canonical-json.ts';

// Our signatures are over canonicalJson; TUF's are over OLPC canonical JSON (tuf-js uses
// @tufjs/canonical-json). For the documents our schemas accept (integers only, no control
// characters) the two must be the same bytes, so our metadata is TUF-canonical.
describe('canonical JSON', () => {
  it('is byte for byte what TUF signs, for roots, timestamps and manifests', async () => {
    const world = await createTrustWorld();
    await world.rotate({ fresh: ['content'] });
    const content = await world.content(testManifest(7, { files: 50 }));
    const timestamp = await world.timestamp({ version: 3, content });
    const docs = [
      ...world.roots.map((r) => r.signed),
      timestamp.signed,
      JSON.parse(new TextDecoder().decode(content)).signed,
      { path: '科普/文章 ü', holder: '张三 Nguyễn Văn A', n: [0, -1, 9007199254740991] },
    ];
    for (const doc of docs) expect(canonicalJson(doc)).toBe(canonicalize(doc));
  });
});
