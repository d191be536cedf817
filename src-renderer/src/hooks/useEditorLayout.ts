import { useCallback, useState } from 'react';
import type { EditorLayout } from '../../../src-shared/settings';
import { useApi } from '../api-context';
import { useSettings } from './useSettings';

/**
 * The editor's layout (text, split, reading), remembered in the settings so every note and the
 * next start open the same way. A choice shows at once; the saved one follows.
 */
export function useEditorLayout(onError: (error: unknown) => void): {
  layout: EditorLayout;
  setLayout: (layout: EditorLayout) => void;
} {
  const api = useApi();
  const { settings } = useSettings(onError);
  const [chosen, setChosen] = useState<EditorLayout | null>(null);
  const setLayout = useCallback(
    (layout: EditorLayout) => {
      setChosen(layout);
      api.settings.update({ editorLayout: layout }).catch(onError);
    },
    [api, onError],
  );
  return { layout: chosen ?? settings?.editorLayout ?? 'edit', setLayout };
}
