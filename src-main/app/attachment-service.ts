import { NoteVaultError } from '../../src-shared/errors';
import type { AttachmentAdded, AttachmentBytes, AttachmentInfo } from '../../src-shared/attachments';
import type { AttachmentsRepository, NewAttachment } from '../db/attachments-repository';
import { writeFileAtomic } from '../fsx/atomic-publish';
import { requireTrustedPath } from '../fsx/trusted-path';
import type { Dialogs } from './dialogs';

export interface AttachmentServiceOptions {
  /** Fetched per call: a restore swaps the database underneath. */
  repository: () => AttachmentsRepository;
  dialogs: Pick<Dialogs, 'chooseSaveFile'>;
}

/**
 * How many hashes this window added are remembered as readable before a note refers to them
 * (the note is saved a moment after the paste); far more than one paste or drop adds.
 */
const RECENT_ADDS = 256;

const NOT_READABLE =
  'This attachment is no longer stored in NoteVault; it may have been removed with the notes that used it.';

/**
 * The window's access to attachments (attachments:*). Bytes leave main only for an attachment
 * some note (live, trashed, or a kept version) refers to, or one this window has just added:
 * knowing a hash is not enough to read what it names. A copy is written only where main's own
 * save dialog says, never to a path from the window.
 */
export class AttachmentService {
  private readonly recent = new Set<string>();

  constructor(private readonly options: AttachmentServiceOptions) {}

  add(input: NewAttachment): AttachmentAdded {
    const added = this.options.repository().add(input);
    this.recent.delete(added.sha256);
    this.recent.add(added.sha256);
    if (this.recent.size > RECENT_ADDS) this.recent.delete(this.recent.values().next().value as string);
    return added;
  }

  info(sha256: string): AttachmentInfo {
    this.requireReadable(sha256);
    const info = this.options.repository().info(sha256);
    if (!info) throw new NoteVaultError('NOT_FOUND', NOT_READABLE);
    return info;
  }

  read(sha256: string): AttachmentBytes {
    this.requireReadable(sha256);
    return this.options.repository().read(sha256);
  }

  /** Asks where to save a copy, then writes it there (private to the user); false when cancelled. */
  async saveCopy(sha256: string): Promise<boolean> {
    const { fileName } = this.info(sha256);
    const chosen = await this.options.dialogs.chooseSaveFile({ title: 'Save a copy', defaultName: fileName });
    if (chosen === null) return false;
    const target = requireTrustedPath(chosen, 'the place chosen to save the copy');
    // Read after the dialog: a restore may have replaced the notes while it was open.
    await writeFileAtomic(target, this.read(sha256).data);
    return true;
  }

  private requireReadable(sha256: string): void {
    if (this.recent.has(sha256)) return;
    if (!this.options.repository().isReferenced(sha256)) throw new NoteVaultError('NOT_FOUND', NOT_READABLE);
  }
}
