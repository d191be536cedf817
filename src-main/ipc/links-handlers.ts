import { NoteVaultError } from '../../src-shared/errors';
import { checkExternalLink } from '../../src-shared/markdown/external-link';
import type { ExternalLinks } from '../app/external-links';
import type { IpcHandlers } from './router';

type LinksHandlers = Pick<IpcHandlers, Extract<keyof IpcHandlers, `links:${string}`>>;

export const LINK_REFUSED_MESSAGE =
  'NoteVault opens only web (http, https) and email (mailto) links; this one stays as text.';

/**
 * `links:open`: the one place a note's link leaves NoteVault. The renderer's own check only
 * decides what it draws as a link; this check is the one that counts, since a compromised page
 * can send any address. What opens is the parser's normalised address, the one checked.
 */
export function createLinksHandlers(links: ExternalLinks): LinksHandlers {
  return {
    'links:open': async ({ url }) => {
      const verdict = checkExternalLink(url);
      if (!verdict.ok) {
        const shown = url.length > 200 ? `${url.slice(0, 200)}…` : url;
        throw new NoteVaultError('VALIDATION', LINK_REFUSED_MESSAGE, {
          details: `links:open refused ${JSON.stringify(shown)}: ${verdict.reason}`,
        });
      }
      await links.open(verdict.href);
    },
  };
}
