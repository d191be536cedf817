import { useEffect, useRef } from 'react';
import type { FocusEvent } from 'react';

/** The next page is asked for while the end of the list is still half a list's height away. */
const AHEAD = '0px 0px 50% 0px';

interface NoteListEndProps<T> {
  /** The entries shown; a new value (a page added, a re-read) re-arms the observer. */
  loaded: T;
  /**
   * Called with the `loaded` the observer was armed for: its reports arrive as a task of
   * their own, possibly after the next page arrived, and then ask for nothing.
   */
  onNearEnd: (loaded: T) => void;
}

/**
 * The last item of a list that has more pages: it asks for the next one as it scrolls near
 * view. It must sit inside the list that scrolls, which is the observer's root. An observer
 * reports only changes, so it is re-armed for every new set of entries: the end may still be
 * in view after a page arrives (a tall window) or after a read was dropped for a newer one.
 */
export function NoteListEnd<T>({ loaded, onNearEnd }: NoteListEndProps<T>) {
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    const end = ref.current;
    if (!end) return undefined;
    const observer = new IntersectionObserver(
      (records) => {
        if (records.some((record) => record.isIntersecting)) onNearEnd(loaded);
      },
      { root: end.parentElement, rootMargin: AHEAD },
    );
    observer.observe(end);
    return () => observer.disconnect();
  }, [loaded, onNearEnd]);
  // Not an entry: hidden from assistive technology, which counts the list's items.
  return <li ref={ref} className="list-end" aria-hidden="true" />;
}

/**
 * A focus handler for the list: focus reaching the last loaded entry (arrow keys, End, Tab or
 * a click) asks for the next page too, so moving with the keyboard never meets a false end.
 */
export function loadMoreAtLastEntry(onNearEnd: () => void) {
  return (event: FocusEvent<HTMLUListElement>) => {
    const item = event.target.closest('li');
    if (item?.nextElementSibling?.classList.contains('list-end')) onNearEnd();
  };
}
