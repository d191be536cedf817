import { shell } from 'electron';
import type { ExternalLinks } from './external-links';

/** The ExternalLinks seam over Electron's shell: the desktop's default browser or mail app. */
export function electronExternalLinks(): ExternalLinks {
  return { open: (href) => shell.openExternal(href) };
}
