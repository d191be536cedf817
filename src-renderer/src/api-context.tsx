import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import type { NotevaultApi } from '../../src-shared/ipc/client';

const ApiContext = createContext<NotevaultApi | null>(null);

/**
 * Hands the API down to every component and hook, so none reaches for `window` itself and
 * a test can give a component an API of its own (createNotevaultApi over any transport).
 */
export function ApiProvider({ api, children }: { api: NotevaultApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

/** The API given to the nearest ApiProvider. */
export function useApi(): NotevaultApi {
  const api = useContext(ApiContext);
  if (api === null)
    throw new Error('useApi() is used outside <ApiProvider>: wrap the app in one (main.tsx).');
  return api;
}
