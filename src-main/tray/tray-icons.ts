import { join } from 'node:path';

/**
 * The tray icon file for a platform, in `iconDir` (assets/tray in development, resources/tray
 * in the packaged app; see electron-builder.yml). macOS gets a "Template" image, which it
 * recolours for light and dark menu bars (the @2x variant is picked up automatically); Windows
 * an .ico with every size the taskbar uses; Linux a PNG. The error variant marks failed
 * backups and health warnings.
 */
export function trayIconPath(
  platform: string,
  iconDir: string,
  variant: 'normal' | 'error' = 'normal',
): string {
  const error = variant === 'error';
  if (platform === 'win32') return join(iconDir, error ? 'tray-error.ico' : 'tray.ico');
  if (platform === 'darwin') return join(iconDir, error ? 'trayErrorTemplate.png' : 'trayTemplate.png');
  return join(iconDir, error ? 'tray-error.png' : 'tray.png');
}
