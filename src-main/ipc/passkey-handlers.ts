import type { PasskeyChangeWindow } from '../app/passkey-change-window';
import type { IpcHandlers } from './router';

type PasskeyHandlers = Pick<IpcHandlers, Extract<keyof IpcHandlers, `passkey:${string}`>>;

/**
 * The `passkey:*` channels: changing the passkey of the backups in the backup folder, confirmed
 * in main's own dialog, and stopping it between two files.
 */
export function createPasskeyHandlers(passkeys: PasskeyChangeWindow): PasskeyHandlers {
  return {
    'passkey:change': ({ oldPasskey, newPasskey }) => passkeys.change(oldPasskey, newPasskey),
    'passkey:cancel': () => passkeys.cancel(),
  };
}
