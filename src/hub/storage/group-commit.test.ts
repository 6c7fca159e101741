import { describe, expect, it } from 'vitest';
import { groupCommit } from './group-commit.ts';

describe('groupCommit', () => {
  it('commits calls made in one turn together and answers each caller with its own result', async () => {
    const commits: number[][] = [];
    const group = groupCommit<number, string>(
      (items) => {
        commits.push(items);
        return items.map((n) => `ok ${n}`);
      },
      () => {
        throw new Error('not used');
      },
    );
    const results = await Promise.all([group.add(1), group.add(2), group.add(3)]);
    expect(results).toEqual(['ok 1', 'ok 2', 'ok 3']);
    expect(commits).toEqual([[1, 2, 3]]);
    expect(await group.add(4)).toBe('ok 4');
    expect(commits).toEqual([[1, 2, 3], [4]]);
  });

  it('answers only after the commit ran', async () => {
    let committed = false;
    const group = groupCommit<number, boolean>(
      (items) => {
        committed = true;
        return items.map(() => committed);
      },
      () => false,
    );
    const pending = group.add(1);
    expect(committed).toBe(false);
    expect(await pending).toBe(true);
  });

  it('when the shared commit fails, retries each item alone so only the bad one fails', async () => {
    const alone: number[] = [];
    const group = groupCommit<number, number>(
      () => {
        throw new Error('one bad apple');
      },
      (n) => {
        alone.push(n);
        if (n === 2) throw new Error('bad 2');
        return n * 10;
      },
    );
    const results = await Promise.allSettled([group.add(1), group.add(2), group.add(3)]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      10,
      'bad 2',
      30,
    ]);
    expect(alone).toEqual([1, 2, 3]);
  });

  it('an error that blames no item fails every caller without retrying each', async () => {
    let alone = 0;
    const group = groupCommit<number, number>(
      () => {
        throw new Error('database is locked');
      },
      (n) => {
        alone++;
        return n;
      },
      (error) => !(error instanceof Error && /locked/.test(error.message)),
    );
    const results = await Promise.allSettled([group.add(1), group.add(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(alone).toBe(0);
  });

  it('flush commits what is queued at once', () => {
    const commits: number[][] = [];
    const group = groupCommit<number, number>(
      (items) => {
        commits.push(items);
        return items;
      },
      (n) => n,
    );
    void group.add(7);
    group.flush();
    expect(commits).toEqual([[7]]);
  });
});
