import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchPhone, type PhoneBrowser } from './browser.ts';
import { describePage, openPages } from './failure-report.ts';

describe('the report after a failed browser step', () => {
  let phone: PhoneBrowser;

  beforeAll(async () => {
    phone = await launchPhone();
  }, 60_000);

  afterAll(async () => {
    await phone?.close();
  });

  it('knows every page the phone opened, until it closes', async () => {
    expect(openPages.has(phone.page)).toBe(true);
    const second = await phone.context.newPage();
    expect(openPages.has(second)).toBe(true);
    await second.close();
    expect(openPages.has(second)).toBe(false);
  });

  it('says what a page shows', async () => {
    await phone.page.setContent('<h1>Posyandu Kenanga</h1><p>Pengunjung hari ini</p>');
    const report = await describePage(phone.page);
    expect(report).toContain('Posyandu Kenanga Pengunjung hari ini');
    expect(report).toContain('"online":true');
  });

  it('says so when the page’s main thread does not answer', async () => {
    const frozen = await phone.context.newPage();
    await frozen.setContent('<p>busy</p>');
    // Started, never awaited: the page's only thread spins from here on.
    void frozen
      .evaluate(() => {
        for (;;) {
          /* busy */
        }
      })
      .catch(() => undefined);
    expect(await describePage(frozen)).toContain('did not answer within 3 s');
    await frozen.close({ runBeforeUnload: false });
  });
});
