import type { Session } from 'electron';

/** NoteVault needs no camera, microphone, notifications from pages or any other web permission. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
