import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import type { AppAccess } from './app-access';

/**
 * Saves a screenshot into a fixed folder, test-results/screenshots/ (next to Playwright's own
 * output) so CI can publish it, and attaches it to the report. Named per tier by the prefix.
 */
export async function shoot(access: AppAccess, page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const fullName = `${access.screenshotPrefix}${name}`;
  const path = join(testInfo.project.outputDir, 'screenshots', `${fullName}.png`);
  await page.screenshot({ path });
  await testInfo.attach(fullName, { path, contentType: 'image/png' });
}
