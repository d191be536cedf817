/**
 * How large an attachment may be, and its name and type. In a module of its own, importing
 * nothing, because the preload bundles the payload caps (payload-limits.ts) built on it.
 */
export const ATTACHMENT_LIMITS = {
  /**
   * Per file. Attachments live in the database and so in every backup: a photo straight off a
   * phone (3-8 MB) fits, a video does not; a runaway paste cannot bloat every backup.
   */
  maxBytes: 10 * 1024 * 1024,
  /** A stored file name, in characters (the schema's CHECK allows 255). */
  fileNameMaxChars: 120,
  /** A claimed media type, in characters (the schema's CHECK allows 255). */
  mediaTypeMaxChars: 255,
} as const;
