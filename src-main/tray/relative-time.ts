// One wording for "how long ago" across the tray and the window: it lives in src-shared/format.ts.
export { formatAgo } from '../../src-shared/format';
