import './welcome.css';

interface WelcomeProps {
  onSetUp: () => void;
  onDismiss: () => void;
}

/** A first launch: what NoteVault keeps safe, in two sentences, and the way to set up backups. */
export function Welcome({ onSetUp, onDismiss }: WelcomeProps) {
  return (
    <section className="welcome" aria-labelledby="welcome-heading">
      <h2 id="welcome-heading">Welcome to NoteVault</h2>
      <p>
        NoteVault keeps your notes on this computer and saves every change as you type. Its backups are
        encrypted with a passkey only you know, so a lost laptop or a broken disk does not take your notes
        with it.
      </p>
      <div className="welcome-actions">
        <button type="button" className="primary" onClick={onSetUp}>
          Set up backups
        </button>
        <button type="button" onClick={onDismiss}>
          Not now
        </button>
      </div>
      <p className="welcome-hint">Or press Ctrl+N to write your first note.</p>
    </section>
  );
}
