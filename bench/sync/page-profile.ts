// With PAGE_PROFILE=<folder>, the page's JavaScript is CPU-profiled (Chrome DevTools Protocol) while ours syncs,
// and the profile written there as <name>.cpuprofile (open it in Chrome's DevTools, Performance panel): where the
// page's share of a push goes (IndexedDB calls, JSON, zod), which the request and storage timings only bound.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export async function startPageProfile(page: Page): Promise<{ stop(name: string): Promise<void> } | null> {
  const folder = process.env.PAGE_PROFILE;
  if (!folder) return null;
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await session.send('Profiler.start');
  return {
    async stop(name) {
      const { profile } = await session.send('Profiler.stop');
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, `${name}.cpuprofile`), JSON.stringify(profile));
      await session.detach();
    },
  };
}
