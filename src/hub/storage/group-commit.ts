/**
 * Group commit for a synchronous database: calls made in the same turn of the event loop are
 * applied together by `commitAll` (one transaction), and each caller's promise settles only
 * after that commit. If the shared commit throws an error that `blamesAnItem` (a station deleted
 * meanwhile, say), every item is retried alone with `commitOne`, so the bad one fails only its
 * own caller. Any other error (a busy or broken database) fails them all at once, without
 * retrying each against the same trouble.
 */
export function groupCommit<In, Out>(
  commitAll: (items: In[]) => Out[],
  commitOne: (item: In) => Out,
  blamesAnItem: (error: unknown) => boolean = () => true,
) {
  let queue: Array<{ item: In; resolve: (out: Out) => void; reject: (error: unknown) => void }> = [];
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    let outs: Out[];
    try {
      outs = commitAll(batch.map((entry) => entry.item));
    } catch (error) {
      if (!blamesAnItem(error)) {
        for (const entry of batch) entry.reject(error);
        return;
      }
      for (const entry of batch) {
        try {
          entry.resolve(commitOne(entry.item));
        } catch (error) {
          entry.reject(error);
        }
      }
      return;
    }
    for (const [i, entry] of batch.entries()) entry.resolve(outs[i] as Out);
  }

  return {
    add(item: In): Promise<Out> {
      return new Promise<Out>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    /** Commits whatever is queued now (before closing the database). */
    flush,
  };
}
