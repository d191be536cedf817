import '../editor/markdown.css';
import type { Definition } from 'mdast';
import { useMemo } from 'react';
import { parseMarkdown } from '../../../src-shared/markdown/parse-markdown';
import { useAttachmentRenderers } from './attachment-renderers';
import { collectDefinitions, renderChildren } from './render-markdown';

interface MarkdownViewProps {
  text: string;
  onToggleTask: (line: number) => void;
  onOpenLink: (address: string) => void;
}

const PLAIN_TEXT_NOTICE =
  'This note is too long or too deeply nested to show formatted; it is shown as plain text.';

/** A note read as formatted text: the reading view, and the right half of the split view. */
export function MarkdownView({ text, onToggleTask, onOpenLink }: MarkdownViewProps) {
  const attachments = useAttachmentRenderers();
  // Null for a note the parser would crawl on (markdown-parse-guard.ts): shown as written instead.
  const root = useMemo(() => parseMarkdown(text), [text]);
  const definitions = useMemo(
    () => (root === null ? new Map<string, Definition>() : collectDefinitions(root)),
    [root],
  );
  if (root === null) {
    return (
      <div className="markdown-view">
        <p className="markdown-plain-notice">{PLAIN_TEXT_NOTICE}</p>
        <div className="markdown-plain">{text}</div>
      </div>
    );
  }
  return (
    <div className="markdown-view">
      {renderChildren(root, { attachments, onToggleTask, onOpenLink, definitions })}
    </div>
  );
}
