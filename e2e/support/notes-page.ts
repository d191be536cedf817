import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/**
 * The notes window's landmarks and controls, found the way a screen reader user would.
 * Shared by both end-to-end tiers: tier 1 opens the built renderer in Chromium (open()),
 * tier 2 gets the page Electron's own window loaded (waitUntilReady()).
 */
export class NotesPage {
  readonly toolbar: Locator;
  readonly newNoteButton: Locator;
  readonly trashButton: Locator;
  readonly search: Locator;
  readonly sidebar: Locator;
  readonly list: Locator;
  readonly title: Locator;
  readonly body: Locator;
  readonly saveStatus: Locator;
  readonly pinButton: Locator;
  readonly moveToTrashButton: Locator;
  readonly alert: Locator;
  readonly trash: Locator;
  readonly trashList: Locator;
  /** The toasts' live region: status messages that leave by themselves. */
  readonly toasts: Locator;

  constructor(readonly page: Page) {
    this.toolbar = page.getByRole('toolbar', { name: 'Main actions' });
    this.newNoteButton = this.toolbar.getByRole('button', { name: 'New note' });
    this.trashButton = this.toolbar.getByRole('button', { name: /^Trash/ });
    this.search = page.getByRole('searchbox', { name: 'Search notes' });
    this.sidebar = page.getByRole('navigation', { name: 'Notes' });
    this.list = this.sidebar.getByRole('list');
    this.title = page.getByRole('textbox', { name: 'Title' });
    this.body = page.getByRole('textbox', { name: 'Note text' });
    this.saveStatus = page.getByRole('region', { name: 'Editor' }).getByRole('status');
    this.pinButton = page.getByRole('button', { name: 'Pin', exact: true });
    this.moveToTrashButton = page.getByRole('button', { name: 'Move to trash' });
    this.alert = page.getByRole('alert');
    this.trash = page.getByRole('region', { name: 'Trash' });
    this.trashList = this.trash.getByRole('list', { name: 'Notes in the trash' });
    this.toasts = page.getByRole('status', { name: 'Notifications' });
  }

  /** Tier 1: loads the served renderer. */
  async open(): Promise<void> {
    await this.page.goto('/');
    await this.waitUntilReady();
  }

  /** Waits until the app has rendered and can be used; the page is already loading. */
  async waitUntilReady(): Promise<void> {
    await this.newNoteButton.waitFor();
  }

  /** The list entries' titles, top to bottom. */
  entryTitles(): Promise<string[]> {
    return this.list.locator('.note-entry-title').allTextContents();
  }

  entry(title: string): Locator {
    return this.list
      .getByRole('button')
      .filter({ has: this.page.locator('.note-entry-title', { hasText: title }) });
  }

  /** Scrolls `list` with the mouse wheel, as a person would, until `target` is in view. */
  async scrollUntilInView(list: Locator, target: Locator): Promise<void> {
    await list.hover();
    await expect(async () => {
      await this.page.mouse.wheel(0, 2000);
      await expect(target).toBeInViewport({ timeout: 250 });
    }).toPass({ timeout: 20_000 });
  }

  /**
   * The note's text as the editor holds it. CodeMirror draws each line as an element and a
   * checklist item's box as a checkbox, so the lines are read back with the box as `[ ]`/`[x]`
   * (and without the placeholder shown in an empty note). Only the lines on screen: short notes.
   */
  bodyText(): Promise<string> {
    return this.body.evaluate((content) =>
      [...content.querySelectorAll('.cm-line')]
        .map((line) => {
          const copy = line.cloneNode(true) as Element;
          for (const shown of copy.querySelectorAll('.cm-placeholder')) shown.remove();
          // A clone keeps each box's checkedness.
          for (const box of copy.querySelectorAll('input')) box.replaceWith(box.checked ? '[x]' : '[ ]');
          return copy.textContent ?? '';
        })
        .join('\n'),
    );
  }

  async expectBody(text: string): Promise<void> {
    await expect.poll(() => this.bodyText()).toBe(text);
  }

  /**
   * Puts `text` into the note as a paste of it would, through the editor's own paste handling:
   * for text no keyboard makes (a lone UTF-16 surrogate), which a script in the page could send.
   */
  async pasteIntoBody(text: string): Promise<void> {
    await this.body.evaluate((content, pasted) => {
      const data = new DataTransfer();
      data.setData('text/plain', pasted);
      content.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, text);
  }

  async createNote(title: string, body: string): Promise<void> {
    await this.newNoteButton.click();
    await this.title.fill(title);
    await this.body.fill(body);
    await this.waitUntilSaved();
  }

  async waitUntilSaved(): Promise<void> {
    await this.saveStatus.filter({ hasText: /^Saved at \d\d:\d\d$/ }).waitFor();
  }
}
