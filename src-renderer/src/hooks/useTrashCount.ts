import { useEffect, useState } from 'react';
import { notevault } from '../api';

/** How many notes are in the trash, re-read when `version` changes. */
export function useTrashCount(version: number, onError: (error: unknown) => void): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    let current = true;
    Promise.resolve()
      .then(() => notevault().notes.count({ trashed: true }))
      .then(
        (value) => {
          if (current) setCount(value);
        },
        (error: unknown) => {
          if (current) onError(error);
        },
      );
    return () => {
      current = false;
    };
  }, [version, onError]);
  return count;
}
