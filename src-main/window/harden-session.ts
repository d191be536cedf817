import type { Session } from 'electron';

/**
 * NoteVault needs no camera, microphone, notifications from pages or any other web permission,
 * and no file:// load: the renderer comes from app:// (install-app-protocol.ts), so a file://
 * URL in the session (an injected <img>, script or link to a local file) is refused outright
 * rather than left to the file-protocol rules.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.protocol.handle('file', () => new Response(null, { status: 403 }));
}
