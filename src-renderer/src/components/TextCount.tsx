import { useDeferredValue, useMemo } from 'react';
import { countText } from '../../../src-shared/markdown/text-count';
import { formatCount } from '../../../src-shared/format';

/**
 * "12 words, 64 characters" for the note being edited. Counted from a deferred copy of the text,
 * so a long note's count never slows typing; not a live region, so it is read when reached,
 * not announced at every keystroke.
 */
export function TextCount({ text }: { text: string }) {
  const deferred = useDeferredValue(text);
  const { words, characters } = useMemo(() => countText(deferred), [deferred]);
  return (
    <span className="text-count">
      {formatCount(words, 'word')}, {formatCount(characters, 'character')}
    </span>
  );
}
