import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrollmentCode } from '../../server/src/services/enrollment-codes.ts';
import { waitForServiceWorker } from './browser.ts';
import { startPosyanduRig, type PosyanduRig } from './posyandu-rig.ts';
import { setPin } from './app-lock.ts';

/** A kader types the one-time code the puskesmas gave her; the phone exchanges it once for its own token. */
describe('enrolling with a one-time code in a real browser', () => {
  let rig: PosyanduRig;
  let page: Page;

  beforeAll(async () => {
    rig = await startPosyanduRig('Posyandu Anggrek', 'Bu Rina');
    page = rig.page;
  }, 180_000);

  afterAll(async () => {
    await rig?.close();
  });

  it('refuses a code the puskesmas never gave, in Indonesian, and stays on the enrollment screen', async () => {
    await page.goto(`${rig.server.url}/`);
    await waitForServiceWorker(page);
    await page.fill('input[name="enrollmentCode"]', '0000-0000-0000-0000');
    await page.click('button[type="submit"]');
    await page.waitForSelector('text=Kode ini tidak berlaku');
  });

  it('enrolls with a valid code typed in lower case, and the code is then used up', async () => {
    const { enrollmentCode } = await createEnrollmentCode(rig.server.store, {
      posyanduId: rig.posyanduId,
      kaderName: 'Bu Rina',
    });
    await page.fill('input[name="enrollmentCode"]', enrollmentCode.toLowerCase());
    await page.click('button[type="submit"]');
    await setPin(page);
    await page.waitForSelector('text=Posyandu Anggrek');
    const second = await fetch(`${rig.server.url}/api/v1/enroll`, {
      method: 'POST',
      body: JSON.stringify({ code: enrollmentCode }),
    });
    expect(second.status).toBe(401);
  });
});
