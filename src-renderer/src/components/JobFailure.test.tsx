import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ErrorAlert } from './ErrorAlert';
import { JobFailure } from './JobFailure';

const SENTENCE = 'That passkey does not open this backup: check it (capital letters count) and try again.';
const TECHNICAL =
  'The passkey is wrong, or the header of /b/x.nvbak was altered: its first chunk (byte offset 64)…';

const failure = (details?: string): string =>
  renderToStaticMarkup(
    <JobFailure
      error={{ message: SENTENCE, code: 'WRONG_PASSKEY', ...(details === undefined ? {} : { details }) }}
      onClose={() => undefined}
      onRetry={() => undefined}
    />,
  );

describe('JobFailure', () => {
  it('announces only the sentence, with the code and technical text in a collapsed Details', () => {
    const html = failure(TECHNICAL);
    expect(html).toContain(`<p role="alert" class="dialog-error">${SENTENCE}</p>`);
    // A native disclosure: keyboard-usable with no script, closed until asked (no `open`).
    expect(html).toMatch(/<details class="error-details"><summary>Details<\/summary>/);
    expect(html).not.toMatch(/<details[^>]* open/);
    expect(html).toContain('<code>WRONG_PASSKEY</code>');
    expect(html).toContain(TECHNICAL);
    // Nothing to add, no disclosure.
    expect(failure()).not.toContain('<details');
  });
});

describe('ErrorAlert', () => {
  it('puts the details behind the same disclosure in the window’s banner', () => {
    const html = renderToStaticMarkup(
      <ErrorAlert
        error={{ message: SENTENCE, code: 'WRONG_PASSKEY', details: TECHNICAL }}
        onDismiss={() => undefined}
      />,
    );
    expect(html).toContain(`<p>${SENTENCE}</p>`);
    expect(html).toContain('<summary>Details</summary>');
    expect(html).toContain('Dismiss');
  });
});
