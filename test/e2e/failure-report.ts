import type { Page } from 'playwright-core';

/** The phones' pages open in this test file, for the report after a failed step (test/setup/phone-report.ts). */
export const openPages = new Set<Page>();

/**
 * What a phone showed after a failed step: its address and first words, or that its main thread did not answer
 * at all. A step that times out names no cause by itself, and a frozen page and a slow one ask for different fixes.
 */
export async function describePage(page: Page): Promise<string> {
  const seen = page
    .evaluate(() => ({
      url: location.href,
      online: navigator.onLine,
      text: document.body.innerText.replace(/\s+/g, ' ').slice(0, 400),
    }))
    .then((state) => JSON.stringify(state))
    .catch((error: unknown) => `it could not be read (${error instanceof Error ? error.message : String(error)})`);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const silent = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve('its main thread did not answer within 3 s (busy or frozen)'), 3_000);
  });
  try {
    return await Promise.race([seen, silent]);
  } finally {
    clearTimeout(timer);
  }
}
