import { useEffect, useState } from 'react';
import type { NotevaultApi } from '../../../src-shared/ipc/client';
import { useApi } from '../api-context';
import { AttachmentUrlCache } from './attachment-url-cache';
import type { LoadedAttachment } from './attachment-url-cache';

export type AttachmentState =
  | { status: 'loading' }
  | { status: 'ready'; attachment: LoadedAttachment }
  /** Main would not give it: no longer stored, or no note refers to it. */
  | { status: 'missing'; message: string };

// One cache per API object: the window has one, and a test's own API gets its own.
const caches = new WeakMap<NotevaultApi, AttachmentUrlCache>();

function cacheFor(api: NotevaultApi): AttachmentUrlCache {
  let cache = caches.get(api);
  if (!cache) {
    cache = new AttachmentUrlCache((sha256) => api.attachments.read({ sha256 }));
    caches.set(api, cache);
  }
  return cache;
}

/**
 * The attachment `sha256` names, read from main once for the whole window; an image comes with
 * an object URL that is revoked when the last component showing it unmounts.
 */
export function useAttachment(sha256: string): AttachmentState {
  const api = useApi();
  const [state, setState] = useState<{ sha256: string; state: AttachmentState }>({
    sha256,
    state: { status: 'loading' },
  });
  useEffect(() => {
    const lease = cacheFor(api).acquire(sha256);
    let live = true;
    lease.loaded.then(
      (attachment) => live && setState({ sha256, state: { status: 'ready', attachment } }),
      (error: unknown) =>
        live &&
        setState({
          sha256,
          state: {
            status: 'missing',
            message: error instanceof Error ? error.message : 'This attachment could not be read.',
          },
        }),
    );
    return () => {
      live = false;
      lease.release();
    };
  }, [api, sha256]);
  // A new hash shows "loading" at once, not the previous attachment.
  return state.sha256 === sha256 ? state.state : { status: 'loading' };
}
