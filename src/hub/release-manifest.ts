import * as v from 'valibot';
import { type PackManifest, PackManifestSchema } from '../protocol/pack-manifest.ts';
import { contentEnvelope } from '../protocol/trust-metadata.ts';

/** A stored release's manifest (TUF envelope or the legacy one), and the key ids that signed it. */
export function releaseManifest(manifestJson: string): { manifest: PackManifest; keyIds: string[] } {
  const envelope = contentEnvelope(JSON.parse(manifestJson));
  if (!envelope) throw new Error('the release manifest is not a signed manifest');
  return {
    manifest: v.parse(PackManifestSchema, envelope.signed),
    keyIds: envelope.signatures.map((s) => s.keyid),
  };
}
