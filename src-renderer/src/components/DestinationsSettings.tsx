import { useEffect, useId, useRef, useState } from 'react';
import { MAX_DESTINATIONS, backupDestinations } from '../../../src-shared/settings';
import type { ExtraDestination, Settings } from '../../../src-shared/settings';
import type { DestinationStatusView } from '../../../src-shared/ipc/contract-destinations';
import { useApi } from '../api-context';
import { DestinationState } from './DestinationState';
import { RetentionFields } from './RetentionFields';
import './backup-destinations.css';

interface DestinationsSettingsProps {
  settings: Settings;
  /** destinations:status, null until it answered. */
  status: DestinationStatusView[] | null;
  onError: (error: unknown) => void;
}

/** Why "Add destination" cannot be pressed, said beside it, or null. */
function addBlocker(settings: Settings): string | null {
  if (settings.backupFolder === null) return 'Choose a backup folder first.';
  if (backupDestinations(settings).length >= MAX_DESTINATIONS)
    return `NoteVault keeps backups in at most ${MAX_DESTINATIONS} places; remove one first.`;
  return null;
}

/**
 * The places each backup is copied to besides the backup folder, each with its own retention.
 * Main chooses the folder in its own dialog and makes the id; the renderer names a destination
 * only by that id, so it can never point backups, copies or deletes at a path.
 */
export function DestinationsSettings({ settings, status, onError }: DestinationsSettingsProps) {
  const id = useId();
  const api = useApi();
  const [working, setWorking] = useState(false);
  const [notice, setNotice] = useState('');
  // A removed destination's Remove button goes with it: focus goes to "Add" rather than the page.
  const addButton = useRef<HTMLButtonElement>(null);
  const [focusAdd, setFocusAdd] = useState(false);
  useEffect(() => {
    if (!focusAdd || working) return;
    addButton.current?.focus();
    setFocusAdd(false);
  }, [focusAdd, working]);
  const extras = settings.extraDestinations ?? [];
  const blocker = addBlocker(settings);
  const now = Date.now();
  const act = (work: () => Promise<string | void>) => {
    setWorking(true);
    setNotice('');
    work()
      .then((message) => setNotice(message ?? ''))
      .catch(onError)
      .finally(() => setWorking(false));
  };
  return (
    <fieldset className="settings-group">
      <legend>More places for backups</legend>
      <p id={`${id}-what`} className="settings-hint">
        Each backup is made and checked in the backup folder, then copied to these folders (another drive, a
        cloud-sync folder) and checked there. A folder that cannot be reached is caught up when it is back.
      </p>
      {extras.length === 0 ? null : (
        <ul className="destination-list">
          {extras.map((destination) => {
            const known = status?.find((entry) => entry.id === destination.id);
            return (
              <ExtraDestinationItem
                key={destination.id}
                destination={destination}
                folder={known?.folder ?? destination.folder}
                status={known}
                now={now}
                working={working}
                onRemove={() =>
                  act(async () => {
                    const removed = await api.settings.removeDestination({ id: destination.id });
                    setFocusAdd(true);
                    return removed.message;
                  })
                }
                onError={onError}
              />
            );
          })}
        </ul>
      )}
      <div className="settings-field">
        <button
          ref={addButton}
          type="button"
          disabled={working || blocker !== null}
          aria-describedby={blocker === null ? `${id}-what` : `${id}-reason ${id}-what`}
          onClick={() =>
            act(async () => {
              const added = await api.settings.addDestination();
              if (added !== null) return 'Backups will be copied there from the next backup on.';
            })
          }
        >
          Add a place for backups…
        </button>
        {blocker === null ? null : (
          <span id={`${id}-reason`} className="disabled-reason">
            {blocker}
          </span>
        )}
      </div>
      <p role="status">{notice}</p>
    </fieldset>
  );
}

interface ExtraDestinationItemProps {
  destination: ExtraDestination;
  /** The folder as main words it for display (or as saved, before main answered). */
  folder: string;
  status: DestinationStatusView | undefined;
  now: number;
  working: boolean;
  onRemove: () => void;
  onError: (error: unknown) => void;
}

/** One extra destination: its state, its own retention, and Remove (which never deletes a file). */
function ExtraDestinationItem({
  destination,
  folder,
  status,
  now,
  working,
  onRemove,
  onError,
}: ExtraDestinationItemProps) {
  const api = useApi();
  return (
    <li>
      <fieldset className="settings-group">
        <legend className="destination-folder">{folder}</legend>
        {status ? <DestinationState status={status} now={now} /> : null}
        <RetentionFields
          retention={destination.retention}
          save={(retention) =>
            api.settings.update({ destinationRetention: { id: destination.id, retention } })
          }
          onError={onError}
        />
        <button type="button" disabled={working} aria-label={`Remove ${folder}`} onClick={onRemove}>
          Remove
        </button>
      </fieldset>
    </li>
  );
}
