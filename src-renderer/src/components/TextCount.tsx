import { useMemo } from 'react';
import { countText } from '../../../src-shared/markdown/text-count';
import { formatCount } from '../../../src-shared/format';
import { useDebouncedValue } from '../hooks/useDebouncedValue';

/**
 * "12 words, 64 characters" for the note being edited. Counted once typing pauses (counting is
 * linear in the text, about a second for a 1 MB note), so it never slows typing; not a live
 * region, so it is read when reached, not announced at every pause.
 */
const SETTLE_MS = 300;

export function TextCount({ text }: { text: string }) {
  const settled = useDebouncedValue(text, SETTLE_MS);
  const { words, characters } = useMemo(() => countText(settled), [settled]);
  return (
    <span className="text-count">
      {formatCount(words, 'word')}, {formatCount(characters, 'character')}
    </span>
  );
}
