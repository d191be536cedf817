import { AxeBuilder } from '@axe-core/playwright';
import { expect } from '@playwright/test';
import type { Page, TestInfo } from '@playwright/test';
import type { AppAccess } from './app-access';
import { shoot } from './screenshots';

/**
 * The WCAG 2.0 and 2.1 A and AA rules. wcag21a is there too: without it axe skips 2.5.3 "Label
 * in Name" (a button's accessible name must contain the words it shows).
 */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The two window sizes every screen is checked at: a common laptop and a small window. */
export const SIZES = [
  { name: '1280x800', width: 1280, height: 800 },
  { name: '800x600', width: 800, height: 600 },
] as const;

/**
 * Both themes, reached by the system's preference with the setting on "system". The Settings
 * override resolves to the same tokens (theme.css), so scanning every screen a second time
 * through it would double the gate's minutes for no new finding; the theme-setting test proves
 * the override wins against the opposite system preference.
 */
export const THEMES = [
  { name: 'light', system: 'light', setting: 'system', background: 'rgb(250, 250, 250)' },
  { name: 'dark', system: 'dark', setting: 'system', background: 'rgb(27, 27, 31)' },
] as const;

type Theme = (typeof THEMES)[number];

/** Pages scanned by every test in this worker; the spec prints the total. */
export const scanned = { pages: 0 };

/**
 * Runs axe on whatever the window shows now, in every theme at every size, saving a screenshot
 * of each as test-results/screenshots/<screen>-<theme>-<size>.png. Violations are collected, one
 * readable line each, so a run lists them all; `expectNone` fails the test on any.
 */
export class AccessibilityGate {
  private readonly violations: string[] = [];
  private theme: Theme | null = null;
  private pages = 0;

  constructor(
    private readonly access: AppAccess,
    private readonly page: Page,
    private readonly testInfo: TestInfo,
  ) {}

  async scan(screen: string): Promise<void> {
    for (const size of SIZES) {
      await this.page.setViewportSize({ width: size.width, height: size.height });
      for (const theme of THEMES) {
        await this.useTheme(theme);
        // options() before withTags(): options() replaces them all, runOnly included. Only
        // violations are read, so axe need not collect every passing node (faster).
        const results = await new AxeBuilder({ page: this.page })
          .options({ resultTypes: ['violations'] })
          .withTags(AXE_TAGS)
          .analyze();
        scanned.pages += 1;
        this.pages += 1;
        for (const violation of results.violations) {
          for (const node of violation.nodes) {
            const summary = (node.failureSummary ?? violation.help).replace(/\s+/g, ' ').trim();
            this.violations.push(
              `${screen} ${theme.name} ${size.name}: ${violation.id} at ${node.target.join(' ')}: ${summary}`,
            );
          }
        }
        await shoot(this.access, this.page, this.testInfo, `${screen}-${theme.name}-${size.name}`);
      }
    }
    await this.page.setViewportSize(SIZES[0]);
  }

  expectNone(): void {
    console.log(`${this.testInfo.title}: axe scanned ${this.pages} pages.`);
    expect(this.violations, 'axe found accessibility violations').toEqual([]);
  }

  /** The system preference, then the setting through the app; waits until the window shows it. */
  private async useTheme(theme: Theme): Promise<void> {
    await this.page.emulateMedia({ colorScheme: theme.system });
    if (this.theme?.setting !== theme.setting) {
      const result = await this.access.dispatch('settings:update', { theme: theme.setting });
      expect(result.ok, `settings:update ${theme.setting}`).toBe(true);
    }
    this.theme = theme;
    await expect
      .poll(() => this.page.evaluate(() => document.documentElement.dataset['theme'] ?? 'system'))
      .toBe(theme.setting);
    await expect
      .poll(() => this.page.evaluate(() => getComputedStyle(document.body).backgroundColor))
      .toBe(theme.background);
  }
}
