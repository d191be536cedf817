/**
 * The main process's notes code as bench/measure-scale.mjs drives it: one built file
 * (out/bench/scale-engine.js, built by bench/electron.vite.config.mts with the app's main-process
 * settings) with the database, the repository, and the router with the notes handlers, so the
 * notes-at-scale figures are those of the bundled code the app runs. Nothing in the app imports this.
 */
export { closeNotesDatabase, openNotesDatabase } from '../src-main/db/open-database';
export { NotesRepository } from '../src-main/db/notes-repository';
export { createIpcRouter } from '../src-main/ipc/router';
export { createNotesHandlers } from '../src-main/ipc/notes-handlers';
