import { useEffect, useId, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { formatBytes } from '../../../src-shared/format';
import { VERSION_REASON_LABELS } from '../../../src-shared/note-versions';
import type { NoteVersion, NoteVersionSummary } from '../../../src-shared/note-versions';
import type { Note } from '../../../src-shared/notes';
import { displayTitle } from '../format';
import { useNoteHistory } from '../hooks/useNoteHistory';
import type { LastRestore } from '../hooks/useNoteHistory';
import { ModalDialog } from './ModalDialog';
import { NoteDiff } from './NoteDiff';
import './note-history.css';

interface NoteHistoryDialogProps {
  open: boolean;
  /** The note whose history is shown; null for a new note not saved yet. */
  noteId: string | null;
  onClose: () => void;
  /** A version was restored (or a restore undone): the editor shows the note's new text. */
  onRestored: (note: Note) => void;
  onError: (error: unknown) => void;
}

/** Seconds too: versions kept minutes apart, or a restore and its undo, must read apart. */
function versionTime(time: number): string {
  return new Date(time).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/**
 * A note's history: its kept versions newest first (time, why it was kept, size); the one
 * selected shown as the changes restoring it would make to the current text, or as its own
 * text; and restoring it after a confirmation. A restore keeps the current text first, so it
 * is undone from here ("Undo restore") or later by restoring the version at the top.
 */
export function NoteHistoryDialog({ open, onClose, ...body }: NoteHistoryDialogProps) {
  return (
    <ModalDialog
      open={open}
      title="History of this note"
      onEscape={onClose}
      className="backup-dialog history-dialog"
    >
      <HistoryBody {...body} />
      <div className="dialog-actions">
        <button type="button" autoFocus onClick={onClose}>
          Close
        </button>
      </div>
    </ModalDialog>
  );
}

/** Mounted only while the dialog shows (ModalDialog), so a closed dialog asks main nothing. */
function HistoryBody({ noteId, onRestored, onError }: Omit<NoteHistoryDialogProps, 'open' | 'onClose'>) {
  const history = useNoteHistory(noteId, onError);
  const [confirming, setConfirming] = useState(false);
  const [view, setView] = useState<'changes' | 'text'>('changes');
  const undoButton = useRef<HTMLButtonElement>(null);
  const statusId = useId();
  const { items, version, current, lastRestore } = history;

  // After a restore the confirmation's buttons are gone: focus goes to Undo, not to the page.
  useEffect(() => {
    if (lastRestore && !lastRestore.undone) undoButton.current?.focus();
  }, [lastRestore]);

  const restore = async (target: NoteVersionSummary, undo: boolean) => {
    setConfirming(false);
    const result = await history.restore(target, undo);
    if (result) onRestored(result.note);
  };

  return (
    <>
      {lastRestore && (
        <RestoreStatus
          id={statusId}
          last={lastRestore}
          undoButton={undoButton}
          onUndo={() => void restore(lastRestore.kept, true)}
          disabled={history.restoring}
        />
      )}
      {items === null ? (
        <p>Reading the history…</p>
      ) : items.length === 0 ? (
        <p className="history-empty">
          No versions yet. While you write, NoteVault keeps the text as it was every few minutes, and before
          any restore, bring-back or import changes it.
        </p>
      ) : (
        <div className="history-layout">
          <VersionList
            items={items}
            total={history.total}
            selected={history.selected}
            onSelect={(seq) => {
              history.select(seq);
              setConfirming(false);
            }}
            onLoadOlder={() => void history.loadOlder()}
          />
          <section className="history-detail" aria-label="Selected version">
            {version && current ? (
              <VersionDetail
                version={version}
                current={current}
                view={view}
                onView={setView}
                confirming={confirming}
                restoring={history.restoring}
                onAsk={() => setConfirming(true)}
                onCancel={() => setConfirming(false)}
                onRestore={() => void restore(version, false)}
              />
            ) : (
              <p>Reading the version…</p>
            )}
          </section>
        </div>
      )}
    </>
  );
}

interface VersionListProps {
  items: NoteVersionSummary[];
  total: number;
  selected: number | null;
  onSelect: (seq: number) => void;
  onLoadOlder: () => void;
}

function VersionList({ items, total, selected, onSelect, onLoadOlder }: VersionListProps) {
  return (
    <div className="history-versions">
      <ol className="history-list" aria-label="Kept versions, newest first">
        {items.map((item) => (
          <li key={item.seq}>
            <button type="button" aria-pressed={item.seq === selected} onClick={() => onSelect(item.seq)}>
              <span className="history-time">{versionTime(item.savedAt)}</span>
              <span className="history-meta">
                {VERSION_REASON_LABELS[item.reason]} · {formatBytes(item.size)}
              </span>
            </button>
          </li>
        ))}
      </ol>
      {items.length < total && (
        <button type="button" onClick={onLoadOlder}>
          Show older versions
        </button>
      )}
    </div>
  );
}

interface RestoreStatusProps {
  id: string;
  last: LastRestore;
  undoButton: RefObject<HTMLButtonElement | null>;
  onUndo: () => void;
  disabled: boolean;
}

function RestoreStatus({ id, last, undoButton, onUndo, disabled }: RestoreStatusProps) {
  return (
    <div className="history-status">
      <p id={id} role="status">
        {last.undone
          ? 'Restore undone: the note has its text from before the restore again.'
          : `Restored the version from ${versionTime(last.restored.savedAt)}. The text it replaced is kept at the top of the history.`}
      </p>
      {!last.undone && (
        <button type="button" ref={undoButton} aria-describedby={id} disabled={disabled} onClick={onUndo}>
          Undo restore
        </button>
      )}
    </div>
  );
}

interface VersionDetailProps {
  version: NoteVersion;
  current: Note;
  view: 'changes' | 'text';
  onView: (view: 'changes' | 'text') => void;
  confirming: boolean;
  restoring: boolean;
  onAsk: () => void;
  onCancel: () => void;
  onRestore: () => void;
}

function VersionDetail(props: VersionDetailProps) {
  const { version, current, view, onView, confirming, restoring } = props;
  const questionId = useId();
  const same = version.title === current.title && version.body === current.body;
  const when = versionTime(version.savedAt);
  return (
    <>
      <h3>
        {when} · {VERSION_REASON_LABELS[version.reason]}
      </h3>
      <div className="history-view-switch" role="group" aria-label="Show">
        <button type="button" aria-pressed={view === 'changes'} onClick={() => onView('changes')}>
          Changes from current text
        </button>
        <button type="button" aria-pressed={view === 'text'} onClick={() => onView('text')}>
          Text of this version
        </button>
      </div>
      {view === 'text' ? (
        <>
          <p className="history-title">Title: {displayTitle(version.title)}</p>
          <pre className="history-text" tabIndex={0} aria-label={`Text of the version from ${when}`}>
            {version.body}
          </pre>
        </>
      ) : same ? (
        <p className="history-empty">This version is the same as the current text.</p>
      ) : (
        <>
          {version.title !== current.title && (
            <p className="history-title">
              Title: {displayTitle(current.title)} → {displayTitle(version.title)}
            </p>
          )}
          <p className="history-hint">
            Lines marked − leave the note if you restore this version; lines marked + come back.
          </p>
          <NoteDiff
            before={current.body}
            after={version.body}
            label={`Changes restoring the version from ${when} would make`}
          />
        </>
      )}
      {confirming ? (
        <div className="history-confirm" role="group" aria-labelledby={questionId}>
          <p id={questionId}>
            Replace the note&apos;s text with the version from {when}? Its current text is kept at the top of
            the history, so you can undo this.
          </p>
          <div className="dialog-actions">
            <button type="button" onClick={props.onCancel}>
              Keep current text
            </button>
            <button
              type="button"
              className="primary"
              autoFocus
              disabled={restoring}
              onClick={props.onRestore}
            >
              Restore this version
            </button>
          </div>
        </div>
      ) : (
        <button type="button" disabled={same} onClick={props.onAsk}>
          Restore this version…
        </button>
      )}
    </>
  );
}
