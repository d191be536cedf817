import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import './menu-button.css';

export interface MenuItem {
  label: string;
  /** The item's accessible name when the label alone is ambiguous ("Delete backup of …"). */
  ariaLabel?: string;
  onSelect: () => void;
  disabled?: boolean;
  danger?: boolean;
}

interface MenuButtonProps {
  /** What the button shows. */
  label: string;
  /** The tooltip, for a button that shows a symbol. */
  title?: string;
  /** The button's accessible name, e.g. "More actions for the backup of 5 Dec 2026, 21:01". */
  ariaLabel: string;
  items: MenuItem[];
}

function enabledItems(menu: HTMLElement | null): HTMLButtonElement[] {
  return [...(menu?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)') ?? [])];
}

/** The item an arrow key, Home or End moves to from the focused one (arrows wrap around). */
function itemFor(key: string, enabled: HTMLButtonElement[]): HTMLButtonElement | undefined {
  const index = enabled.findIndex((item) => item === document.activeElement);
  const moves: Record<string, HTMLButtonElement | undefined> = {
    ArrowDown: enabled[(index + 1) % enabled.length],
    ArrowUp: enabled[(index - 1 + enabled.length) % enabled.length],
    Home: enabled[0],
    End: enabled[enabled.length - 1],
  };
  return moves[key];
}

/** One item: reached with the arrow keys only (tabIndex -1), as menus are. */
function MenuItemButton({ item, onChosen }: { item: MenuItem; onChosen: () => void }) {
  return (
    <button
      type="button"
      role="menuitem"
      tabIndex={-1}
      className={item.danger ? 'danger' : undefined}
      disabled={item.disabled}
      aria-label={item.ariaLabel}
      onClick={() => {
        onChosen();
        item.onSelect();
      }}
    >
      {item.label}
    </button>
  );
}

/**
 * A menu button as the ARIA Authoring Practices describe it: Enter, Space or Arrow Down opens
 * the menu on its first item (Arrow Up on its last); in the menu, arrows, Home and End move,
 * Escape closes it and gives focus back to the button, Tab closes it and moves on. Choosing
 * an item puts focus back on the button before the item runs, so focus is never lost.
 */
export function MenuButton({ label, title, ariaLabel, items }: MenuButtonProps) {
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  // Which item to focus when the menu opens: the first or the last enabled one.
  const [open, setOpen] = useState<'first' | 'last' | null>(null);

  useEffect(() => {
    if (!open) return;
    const enabled = enabledItems(menu.current);
    (open === 'first' ? enabled[0] : enabled[enabled.length - 1])?.focus();
  }, [open]);

  const close = () => {
    setOpen(null);
    button.current?.focus();
  };

  const onButtonKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(event.key === 'ArrowDown' ? 'first' : 'last');
    }
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = itemFor(event.key, enabledItems(menu.current));
    if (target) {
      event.preventDefault();
      target.focus();
    } else if (event.key === 'Escape') {
      // The menu's Escape wins over the view's (which would leave the view).
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'Tab') {
      setOpen(null);
    }
  };

  return (
    <div
      className="menu-button"
      onBlur={(event) => {
        // A click elsewhere closes the menu; moving between its items does not.
        if (open && !event.currentTarget.contains(event.relatedTarget)) setOpen(null);
      }}
    >
      <button
        ref={button}
        type="button"
        aria-label={ariaLabel}
        title={title}
        aria-haspopup="menu"
        aria-expanded={open !== null}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => setOpen((shown) => (shown ? null : 'first'))}
        onKeyDown={onButtonKeyDown}
      >
        {label}
      </button>
      {open ? (
        <div
          ref={menu}
          id={`${id}-menu`}
          role="menu"
          aria-label={ariaLabel}
          className="menu"
          onKeyDown={onMenuKeyDown}
        >
          {items.map((item) => (
            <MenuItemButton key={item.label} item={item} onChosen={close} />
          ))}
        </div>
      ) : null}
    </div>
  );
}
