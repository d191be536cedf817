import { syntaxTree } from '@codemirror/language';
import type { EditorState } from '@codemirror/state';

/**
 * The address of the link at `pos`: an inline link's `(address)`, an `<autolink>` or a bare
 * address GFM links by itself. Null elsewhere. Whether it may open is main's decision.
 */
export function linkAddressAt(state: EditorState, pos: number): string | null {
  for (
    let node: ReturnType<typeof syntaxTree>['topNode'] | null = syntaxTree(state).resolveInner(pos, 1);
    node;
    node = node.parent
  ) {
    if (node.name === 'URL' && node.parent?.name !== 'Link' && node.parent?.name !== 'Image') {
      return state.sliceDoc(node.from, node.to);
    }
    if (node.name === 'Link' || node.name === 'Autolink') {
      const url = node.getChild('URL');
      return url ? state.sliceDoc(url.from, url.to) : null;
    }
  }
  return null;
}
