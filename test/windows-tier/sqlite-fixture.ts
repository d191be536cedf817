/**
 * The database file the SQLite holder (sqlite-holder.exe) keeps open: a real SQLite database made by
 * better-sqlite3 on the Linux side, whose note bodies carry the plaintext mark, so a case that must
 * destroy a plaintext snapshot can prove that no copy of a note survived it.
 */
import Database from 'better-sqlite3';
import { PLAINTEXT_MARK } from './scenarios';

export function notesDatabaseBytes(label: string, notes = 40): Buffer {
  const db = new Database(':memory:');
  try {
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO notes (title, body) VALUES (?, ?)');
    for (let i = 0; i < notes; i++) {
      insert.run(`Note ${i}`, `${PLAINTEXT_MARK} ${label} note ${i}: ${'secret words '.repeat(20)}`);
    }
    // The bytes of the database file as SQLite would write it to disk.
    return db.serialize();
  } finally {
    db.close();
  }
}
