import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { apiOver } from './api';
import { ApiProvider, useApi } from './api-context';

function ShowsApi() {
  const api = useApi();
  return <span>{Object.keys(api.notes).includes('list') ? 'has notes.list' : 'no API'}</span>;
}

describe('ApiProvider', () => {
  it('gives components the API it was handed', () => {
    const api = apiOver(undefined);
    expect(
      renderToStaticMarkup(
        <ApiProvider api={api}>
          <ShowsApi />
        </ApiProvider>,
      ),
    ).toBe('<span>has notes.list</span>');
  });

  it('says where the provider belongs when a component is rendered without one', () => {
    expect(() => renderToStaticMarkup(<ShowsApi />)).toThrow('outside <ApiProvider>');
  });
});
