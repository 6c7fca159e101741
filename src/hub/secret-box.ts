import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { PublisherKey } from '../content-kit/keys.ts';

/**
 * Seals secrets the hub must keep but never show (the mail server's password, webhook signing
 * secrets) with AES-256-GCM under a key derived (HKDF-SHA256) from the hub's publisher key, so a
 * copy of the database alone gives none of them away. Every hub process has the publisher key.
 */
export interface SecretBox {
  seal(plain: string): string;
  /** The secret, or throws SecretBoxError when it was sealed under another key or damaged. */
  open(sealed: string): string;
}

/** A sealed secret that cannot be opened (the hub's key changed, or the value is damaged). */
export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

const VERSION = 'v1';

/** The secret box for a hub key. */
export function createSecretBox(key: PublisherKey): SecretBox {
  const secret = Buffer.from(
    hkdfSync(
      'sha256',
      Buffer.from(key.privateKey, 'base64'),
      Buffer.from(key.keyId),
      'kepu-hub settings v1',
      32,
    ),
  );
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', secret, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    open(sealed) {
      const [version, data] = sealed.split(':');
      if (version !== VERSION || !data) throw new SecretBoxError('not a sealed secret');
      const bytes = Buffer.from(data, 'base64');
      try {
        const decipher = createDecipheriv('aes-256-gcm', secret, bytes.subarray(0, 12));
        decipher.setAuthTag(bytes.subarray(12, 28));
        return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError(
          'a stored secret was sealed under another hub key (or is damaged): enter it again in the console',
        );
      }
    },
  };
}
