/**
 * A minimal typed event: `on` returns the function that removes exactly that listener (the
 * Bitwarden pitfall of removing a fresh closure cannot happen). A throwing listener is reported
 * and does not stop the others or the code that fired the event.
 */
export class Listeners<T> {
  private readonly listeners = new Set<(value: T) => void>();

  constructor(private readonly onListenerError: (error: unknown) => void = (error) => console.error(error)) {}

  on(listener: (value: T) => void): () => void {
    // A wrapper per registration, so adding the same function twice gives two removable entries.
    const entry = (value: T) => listener(value);
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
