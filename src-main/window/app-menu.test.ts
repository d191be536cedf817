import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate } from './app-menu';

function fileItems(platform: NodeJS.Platform, calls: string[]): MenuItemConstructorOptions[] {
  const template = appMenuTemplate(platform, {
    importNotes: () => calls.push('import'),
    exportNotes: () => calls.push('export'),
  });
  const file = template.find((menu) => menu.label === '&File');
  return (file?.submenu ?? []) as MenuItemConstructorOptions[];
}

describe('the application menu', () => {
  it.each(['linux', 'win32', 'darwin'] as const)(
    'File offers Import notes… and Export notes… (%s)',
    (platform) => {
      const calls: string[] = [];
      const items = fileItems(platform, calls);
      const byLabel = (label: string) => items.find((item) => item.label === label);
      (byLabel('Import notes…')?.click as (() => void) | undefined)?.();
      (byLabel('Export notes…')?.click as (() => void) | undefined)?.();
      expect(calls).toEqual(['import', 'export']);
    },
  );

  it('keeps Edit (copy, paste, undo) and leaves out View (reload, developer tools)', () => {
    const roles = appMenuTemplate('darwin', {
      importNotes: () => undefined,
      exportNotes: () => undefined,
    }).map((menu) => menu.role ?? menu.label);
    expect(roles).toEqual(['appMenu', '&File', 'editMenu', 'windowMenu']);
  });
});
