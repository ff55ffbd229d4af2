import { afterEach } from 'vitest';
import { describePage, openPages } from '../e2e/failure-report.ts';

// Only browser tests open phones; for every other test the set is empty and this costs nothing.
afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  for (const page of openPages) {
    if (page.isClosed()) continue;
    console.error(`[phone] after "${context.task.name}" failed: ${await describePage(page)}`);
  }
});
