import { describe, expect, it } from 'vitest';
import type { Storage } from '../../src/storage/index.ts';
import { pullChanges } from '../../src/sync/pull-changes.ts';

/** A server of `pages` empty pages, and a storage whose writes take a while: the order of events is recorded. */
function fakePull(pages: number, failOnceWriteOf?: string) {
  const events: string[] = [];
  let failing = failOnceWriteOf;
  let stored: string | null = null;
  const fetchPage = (url: string): Promise<Response> => {
    const since = Number(new URL(url).searchParams.get('since') ?? '0');
    events.push(`ask ${since}`);
    const body = { changes: [], cursor: String(since + 1), hasMore: since + 1 < pages, remaining: pages - since - 1 };
    return Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
  };
  const storage = {
    getPullCursor: () => Promise.resolve(stored),
    applyPulledChanges: async (_changes: unknown, cursor: string) => {
      events.push(`write ${cursor} starts`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (cursor === failing) {
        failing = undefined;
        throw new Error('disk full');
      }
      stored = cursor;
      events.push(`write ${cursor} done`);
      return { applied: 0, skipped: 0 };
    },
    refreshPosyandu: () => Promise.resolve(),
    preparePulledChanges: () => undefined,
  } as unknown as Storage;
  const deps = {
    baseUrl: 'http://server.test',
    storage,
    token: 't',
    pageSize: 10,
    fetch: fetchPage as typeof fetch,
    now: () => Date.now(),
    timeoutMs: 1_000,
  };
  return { events, deps, cursor: () => stored };
}

describe('the pull loop', () => {
  it('asks for the next page while it writes this one, and stores each cursor only with its page', async () => {
    const { events, deps, cursor } = fakePull(3);
    await pullChanges(deps);
    expect(events).toEqual([
      'ask 0',
      'ask 1',
      'write 1 starts',
      'write 1 done',
      'ask 2',
      'write 2 starts',
      'write 2 done',
      'write 3 starts',
      'write 3 done',
    ]);
    expect(cursor()).toBe('3');
  });

  it('a page whose write fails is not passed: the next run asks for it again', async () => {
    const { events, deps, cursor } = fakePull(4, '2');
    await expect(pullChanges(deps)).rejects.toThrow('disk full');
    expect(cursor()).toBe('1');
    events.length = 0;
    await pullChanges(deps);
    expect(events[0]).toBe('ask 1');
    expect(cursor()).toBe('4');
  });
});
