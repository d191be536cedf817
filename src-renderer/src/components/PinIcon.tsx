/** A pin drawn inline: emoji fonts are missing on some Linux desktops. Decorative only. */
export function PinIcon() {
  return (
    <svg className="pin-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M10.6 1.2a1 1 0 0 1 1.4 0l2.8 2.8a1 1 0 0 1 0 1.4l-.7.7a1 1 0 0 1-1 .25l-2.3 2.3.3 2.6a1 1 0 0 1-.3.8l-.6.6a.5.5 0 0 1-.7 0L6.6 9.8l-3.9 3.9a.5.5 0 0 1-.7-.7l3.9-3.9-2.9-2.9a.5.5 0 0 1 0-.7l.6-.6a1 1 0 0 1 .8-.3l2.6.3 2.3-2.3a1 1 0 0 1 .25-1z"
      />
    </svg>
  );
}
