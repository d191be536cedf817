/** Text and attribute values inside the XML NoteVault generates (Task Scheduler XML, launchd plists). */
export function xmlText(value: string): string {
  // Control characters other than tab, LF and CR cannot appear in XML 1.0 at all, even escaped:
  // refuse them rather than write a file the scheduler rejects.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(value)) {
    throw new Error(`A control character cannot be written into XML: ${JSON.stringify(value)}`);
  }
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
