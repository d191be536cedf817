import '../editor/markdown.css';
import { useMemo } from 'react';
import { parseMarkdown } from '../../../src-shared/markdown/parse-markdown';
import { useAttachmentRenderers } from './attachment-renderers';
import { collectDefinitions, renderChildren } from './render-markdown';

interface MarkdownViewProps {
  text: string;
  onToggleTask: (line: number) => void;
  onOpenLink: (address: string) => void;
}

/** A note read as formatted text: the reading view, and the right half of the split view. */
export function MarkdownView({ text, onToggleTask, onOpenLink }: MarkdownViewProps) {
  const attachments = useAttachmentRenderers();
  const root = useMemo(() => parseMarkdown(text), [text]);
  const definitions = useMemo(() => collectDefinitions(root), [root]);
  return (
    <div className="markdown-view">
      {renderChildren(root, { attachments, onToggleTask, onOpenLink, definitions })}
    </div>
  );
}
