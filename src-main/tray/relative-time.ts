/** "just now", "5 min ago", "3 hours ago", "2 days ago": how long ago `then` was, for a person. */
export function formatAgo(then: number, now: number): string {
  const ms = now - then;
  // A time in the future (a clock set back since) reads as recent rather than as nonsense.
  if (ms < 60_000) return 'just now';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return hours === 1 ? '1 hour ago' : `${hours} hours ago`;
  return `${Math.floor(hours / 24)} days ago`;
}
