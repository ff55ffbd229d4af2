import type { Page } from 'playwright-core';

/** The PIN every browser test sets after enrolling. */
export const TEST_PIN = '482915';

/** The first PIN after enrollment: typed, then typed again, as the kader does. */
export async function setPin(page: Page, pin = TEST_PIN): Promise<void> {
  await page.waitForSelector('[data-testid="lock-screen"][data-mode="set"]');
  await page.fill('input[name="pin"]', pin);
  await page.click('[data-testid="lock-screen"] button[type="submit"]');
  await page.waitForSelector('h1:has-text("Ulangi PIN")');
  await page.fill('input[name="pin"]', pin);
  await page.click('[data-testid="lock-screen"] button[type="submit"]');
  await page.locator('[data-testid="lock-screen"]').waitFor({ state: 'detached' });
}

/** Unlocks a locked app (a cold start, a reload, the idle timeout). */
export async function unlock(page: Page, pin = TEST_PIN): Promise<void> {
  await page.waitForSelector('[data-testid="lock-screen"][data-mode="unlock"] input[name="pin"]:enabled');
  await page.fill('input[name="pin"]', pin);
  await page.click('[data-testid="lock-screen"] button[type="submit"]');
  await page.locator('[data-testid="lock-screen"]').waitFor({ state: 'detached' });
}
