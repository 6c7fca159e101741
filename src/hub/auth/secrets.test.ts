import { describe, expect, it } from 'vitest';
import {
  enrollmentCode,
  hashPassword,
  normalizeCode,
  randomToken,
  sha256,
  verifyPassword,
} from './secrets.ts';

describe('secrets', () => {
  it('hashes passwords with scrypt and verifies only the right one', async () => {
    const hash = await hashPassword('河口 demo pass');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('河口 demo pass', hash)).toBe(true);
    expect(await verifyPassword('河口 demo pasS', hash)).toBe(false);
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('makes 256-bit tokens and readable enrollment codes', () => {
    expect(Buffer.from(randomToken(), 'base64url')).toHaveLength(32);
    const code = enrollmentCode();
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}$/);
    expect(normalizeCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code.replace(/-/g, ''));
    expect(sha256('a')).toHaveLength(64);
  });
});
