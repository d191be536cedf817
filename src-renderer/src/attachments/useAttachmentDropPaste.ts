import { useMemo, useRef } from 'react';
import type { Extension } from '@codemirror/state';
import { useApi } from '../api-context';
import { addAttachments } from './add-attachments';
import { attachmentDropPaste } from './attachment-drop-paste';

/**
 * The editor extension that turns pasted or dropped files into attachments (attachment-drop-
 * paste.ts), over this window's API; refusals (a file over the cap, say) go to `onError`. The
 * same extension for the editor's whole life, so passing it never rebuilds the editor.
 */
export function useAttachmentDropPaste(onError: (error: unknown) => void): Extension {
  const api = useApi();
  const latest = useRef(onError);
  latest.current = onError;
  return useMemo(
    () =>
      attachmentDropPaste({
        add: (files) => addAttachments(api.attachments, files),
        onRefused: (error) => latest.current(error),
      }),
    [api],
  );
}
