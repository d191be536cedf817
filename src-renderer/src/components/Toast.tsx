import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { ToastContext, useToastQueue } from '../hooks/useToasts';
import type { ToastMessage } from '../hooks/useToasts';
import './toast.css';

/** Long enough to read a sentence twice; the clock stops while the pointer or focus is on the toast. */
export const TOAST_MS = 6000;

interface ToastProps {
  toast: ToastMessage;
  onDismiss: (id: number) => void;
}

/** One toast: its sentence and a Dismiss button; it leaves by itself unless hovered or focused. */
export function Toast({ toast, onDismiss }: ToastProps) {
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const paused = hovered || focused;
  useEffect(() => {
    if (paused) return undefined;
    // A fresh full period after each pause: whoever looked at it gets the whole time again.
    const timer = setTimeout(() => onDismiss(toast.id), TOAST_MS);
    return () => clearTimeout(timer);
  }, [paused, onDismiss, toast.id]);
  return (
    <div
      className="toast"
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setFocused(false);
      }}
    >
      <span className="toast-text">{toast.text}</span>
      <button
        type="button"
        className="toast-dismiss"
        aria-label="Dismiss"
        onClick={() => onDismiss(toast.id)}
      >
        ×
      </button>
    </div>
  );
}

interface ToastRegionProps {
  toasts: ToastMessage[];
  onDismiss: (id: number) => void;
}

/**
 * Where toasts appear: a polite live region that is always in the page (a region added
 * together with its text is often not announced), at the window's bottom edge, outside every
 * toolbar and view so a message never pushes the layout around.
 */
export function ToastRegion({ toasts, onDismiss }: ToastRegionProps) {
  return (
    <div className="toast-region" role="status" aria-live="polite" aria-label="Notifications">
      {toasts.map((toast) => (
        <Toast key={toast.id} toast={toast} onDismiss={onDismiss} />
      ))}
    </div>
  );
}

/** Gives every component below it useToast(), and shows the toasts. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const { toasts, show, dismiss } = useToastQueue();
  return (
    <ToastContext.Provider value={show}>
      {children}
      <ToastRegion toasts={toasts} onDismiss={dismiss} />
    </ToastContext.Provider>
  );
}
