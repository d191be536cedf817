import { useEffect, useState } from 'react';
import type { AttachmentInfo } from '../../../src-shared/attachments';
import { useApi } from '../api-context';

export type AttachmentInfoState =
  { status: 'loading' } | { status: 'ready'; info: AttachmentInfo } | { status: 'missing'; message: string };

/** A file's name, size and type from main, without its bytes: what a chip shows. */
export function useAttachmentInfo(sha256: string): AttachmentInfoState {
  const api = useApi();
  const [state, setState] = useState<{ sha256: string; state: AttachmentInfoState }>({
    sha256,
    state: { status: 'loading' },
  });
  useEffect(() => {
    let live = true;
    api.attachments.info({ sha256 }).then(
      (info) => live && setState({ sha256, state: { status: 'ready', info } }),
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
    };
  }, [api, sha256]);
  return state.sha256 === sha256 ? state.state : { status: 'loading' };
}
