import { useApiCall } from './useLatestCall';

/** How many notes are in the trash, re-read when `version` changes. */
export function useTrashCount(version: number, onError: (error: unknown) => void): number {
  return useApiCall((api) => api.notes.count({ trashed: true }), [version], onError).data ?? 0;
}
