import { z } from 'zod';
import { record } from '../note-rules';
import { EXTERNAL_LINK_MAX_CHARS } from '../markdown/external-link';
import { returns } from './returns';

/**
 * links:* — a link in a note, opened outside NoteVault. The renderer only asks; the main
 * process decides (links-handlers.ts): http, https and mailto only, never file: or a custom
 * scheme, whatever the page sends.
 */
const linkRequest = record('The request', {
  url: z.string({ error: 'A link address must be text.' }).max(EXTERNAL_LINK_MAX_CHARS, {
    error: `A link address is at most ${EXTERNAL_LINK_MAX_CHARS} characters.`,
  }),
});

export const linksRequests = {
  'links:open': { args: linkRequest, returns: returns<void>() },
} as const;
