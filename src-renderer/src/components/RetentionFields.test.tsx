import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { RetentionPolicy } from '../../../src-shared/settings';
import { RetentionFields } from './RetentionFields';

const render = (retention: RetentionPolicy): string =>
  renderToStaticMarkup(
    <RetentionFields retention={retention} save={() => Promise.resolve()} onError={() => undefined} />,
  );

describe('RetentionFields', () => {
  it('shows the size cap with its unit in a person’s terms once one is set', () => {
    const html = render({ keepLast: 10, thinDailyWeekly: false, capMegabytes: 5120 });
    expect(html).toContain('Keep them under');
    expect(html).toContain('value="5120"');
    expect(html).toContain('MB (5.0 GB)');
    expect(html).toMatch(/<input type="checkbox" aria-describedby="[^"]+" checked=""/);
  });

  it('offers the cap unchecked, without its number, when there is none', () => {
    for (const capMegabytes of [undefined, null]) {
      const html = render({ keepLast: 3, thinDailyWeekly: true, capMegabytes });
      expect(html).toContain('Limit the space these backups take');
      expect(html).not.toContain('Keep them under');
      expect(html).toContain('value="3"');
      expect(html).toContain('>backups<');
    }
  });
});
