import { createContext, useCallback, useContext, useRef, useState } from 'react';

/** One short status message ("Restored 2 notes from the backup."), shown as a toast. */
export interface ToastMessage {
  id: number;
  text: string;
}

/** Shows a toast; provided by ToastProvider (components/Toast.tsx) around the app. */
export const ToastContext = createContext<(text: string) => void>(() => undefined);

/** The function that shows a status message as a toast, from any component under ToastProvider. */
export function useToast(): (text: string) => void {
  return useContext(ToastContext);
}

/** The toasts on screen, oldest first; ToastProvider owns them. */
export function useToastQueue() {
  const [toasts, setToasts] = useState<ToastMessage[]>([]);
  const nextId = useRef(1);
  const show = useCallback((text: string) => {
    const id = nextId.current++;
    setToasts((shown) => [...shown, { id, text }]);
  }, []);
  const dismiss = useCallback((id: number) => {
    setToasts((shown) => shown.filter((toast) => toast.id !== id));
  }, []);
  return { toasts, show, dismiss };
}
