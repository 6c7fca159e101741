import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from './open-store.ts';
import { openPostgresStore } from './postgres-store.ts';
import { storeSuite } from './store.suite.ts';

const url = process.env.KEPU_TEST_DATABASE_URL;
const HOW =
  'run `bash scripts/with-postgres.sh npx vitest run` (starts a throwaway PostgreSQL), ' +
  'or set KEPU_TEST_DATABASE_URL=postgres://…, or KEPU_SKIP_POSTGRES=1 to skip these tests';

if (!url) {
  if (process.env.KEPU_SKIP_POSTGRES === '1') {
    console.warn(
      'postgres store tests SKIPPED (KEPU_SKIP_POSTGRES=1); to run them: bash scripts/with-postgres.sh npx vitest run',
    );
    describe.skip('postgres store', () => {
      it('needs KEPU_TEST_DATABASE_URL', () => {});
    });
  } else {
    describe('postgres store', () => {
      it('needs KEPU_TEST_DATABASE_URL', () => {
        throw new Error(`KEPU_TEST_DATABASE_URL is not set: ${HOW}`);
      });
    });
  }
} else {
  // Each run gets its own schema, so runs (and other users of the database) never meet.
  const schema = `kepu_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: url });
  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
  });
  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  storeSuite('postgres store', () => openPostgresStore(url, { schema }));

  describe('postgres specifics', () => {
    it('openStore picks PostgreSQL for a postgres:// URL', async () => {
      const withSchema = new URL(url);
      withSchema.searchParams.set('options', `-c search_path=${schema}`);
      const store = await openStore({
        databaseUrl: withSchema.toString(),
        sqlitePath: '/nonexistent/hub.db',
      });
      try {
        expect(store.kind).toBe('postgres');
        const { rows } = await admin.query(`SELECT max(version) AS v FROM ${schema}.schema_version`);
        expect(Number(rows[0]?.v)).toBeGreaterThanOrEqual(1);
      } finally {
        await store.close();
      }
    });
  });
}
