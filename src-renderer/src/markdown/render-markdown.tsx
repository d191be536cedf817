import type { Definition, ListItem, Nodes, Parents, Root, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { Fragment } from 'react';
import type { ReactNode } from 'react';
import { attachmentHashOf } from '../../../src-shared/attachment-ref';
import { externalLinkOf } from '../../../src-shared/markdown/external-link';
import type { AttachmentRenderers } from './attachment-renderers';
import { CodeBlock } from './CodeBlock';

/**
 * mdast to React elements, and nothing else: every piece of the note becomes a React text node
 * or an element built here, never HTML parsed from the note (no dangerouslySetInnerHTML).
 * Raw HTML in a note is shown as the text it is; a link is a link only when it is one NoteVault
 * opens (http, https, mailto, by the same rule main applies) or an attachment.
 */
export interface RenderContext {
  attachments: AttachmentRenderers;
  /** A ticked or cleared checkbox: the 1-based line of its item in the text. */
  onToggleTask: (line: number) => void;
  /** A link clicked: its address as written; main checks it again before anything opens. */
  onOpenLink: (address: string) => void;
  /** `[text][label]` references, by their normalised label. */
  definitions: Map<string, Definition>;
}

export function collectDefinitions(root: Root): Map<string, Definition> {
  const found = new Map<string, Definition>();
  const visit = (node: Nodes) => {
    if (node.type === 'definition' && !found.has(node.identifier)) found.set(node.identifier, node);
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(root);
  return found;
}

export function renderChildren(parent: Parents, ctx: RenderContext): ReactNode[] {
  return (parent.children as RootContent[]).map((child, index) => renderNode(child, ctx, index, parent));
}

function heading(depth: number, key: number, children: ReactNode[]): ReactNode {
  switch (depth) {
    case 1:
      return <h1 key={key}>{children}</h1>;
    case 2:
      return <h2 key={key}>{children}</h2>;
    case 3:
      return <h3 key={key}>{children}</h3>;
    case 4:
      return <h4 key={key}>{children}</h4>;
    case 5:
      return <h5 key={key}>{children}</h5>;
    default:
      return <h6 key={key}>{children}</h6>;
  }
}

function link(
  address: string,
  title: string | null | undefined,
  children: ReactNode,
  ctx: RenderContext,
  key: number,
) {
  const sha256 = attachmentHashOf(address);
  if (sha256 !== null) {
    const { File } = ctx.attachments;
    return (
      <File key={key} sha256={sha256}>
        {children}
      </File>
    );
  }
  const href = externalLinkOf(address);
  if (href === null) {
    return (
      <span key={key} className="md-link-text">
        {children}
      </span>
    );
  }
  return (
    <a
      key={key}
      href={href}
      title={title ?? href}
      onClick={(event) => {
        // Never navigates the window: main opens it in the system browser, after its own check.
        event.preventDefault();
        ctx.onOpenLink(address);
      }}
    >
      {children}
    </a>
  );
}

function image(
  address: string,
  alt: string,
  title: string | null | undefined,
  ctx: RenderContext,
  key: number,
) {
  const sha256 = attachmentHashOf(address);
  if (sha256 !== null) {
    const { Image } = ctx.attachments;
    return <Image key={key} sha256={sha256} alt={alt} title={title ?? null} />;
  }
  // Images from the web are not fetched (the window loads nothing remote): their text shows.
  return (
    <span key={key} className="md-attachment-chip" title={address}>
      {alt === '' ? 'Image' : alt}
    </span>
  );
}

function table(node: Table, ctx: RenderContext, key: number): ReactNode {
  return (
    <div key={key}>
      <table>
        <tbody>
          {node.children.map((row, rowIndex) => (
            <tr key={rowIndex}>
              {row.children.map((cell, cellIndex) => {
                const align = node.align?.[cellIndex] ?? undefined;
                const style = align ? { textAlign: align } : undefined;
                return rowIndex === 0 ? (
                  <th key={cellIndex} scope="col" style={style}>
                    {renderChildren(cell, ctx)}
                  </th>
                ) : (
                  <td key={cellIndex} style={style}>
                    {renderChildren(cell, ctx)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function listItem(node: ListItem, ctx: RenderContext, key: number, parent: Parents): ReactNode {
  // A tight list's paragraphs render without <p>, as Markdown renderers do.
  const spread = parent.type === 'list' && parent.spread === true;
  const content = node.children.map((child, index) =>
    child.type === 'paragraph' && !spread ? (
      <Fragment key={index}>{renderChildren(child, ctx)}</Fragment>
    ) : (
      renderNode(child, ctx, index, node)
    ),
  );
  if (node.checked === null || node.checked === undefined) return <li key={key}>{content}</li>;
  const line = node.position?.start.line;
  return (
    <li key={key} className="md-task">
      <input
        type="checkbox"
        checked={node.checked}
        aria-label={toString(node).slice(0, 200) || 'Checklist item'}
        onChange={() => line !== undefined && ctx.onToggleTask(line)}
      />{' '}
      {content}
    </li>
  );
}

function renderNode(node: RootContent, ctx: RenderContext, key: number, parent: Parents): ReactNode {
  switch (node.type) {
    case 'paragraph':
      return <p key={key}>{renderChildren(node, ctx)}</p>;
    case 'heading':
      return heading(node.depth, key, renderChildren(node, ctx));
    case 'thematicBreak':
      return <hr key={key} />;
    case 'blockquote':
      return <blockquote key={key}>{renderChildren(node, ctx)}</blockquote>;
    case 'list':
      return node.ordered ? (
        <ol key={key} start={node.start ?? undefined}>
          {renderChildren(node, ctx)}
        </ol>
      ) : (
        <ul key={key}>{renderChildren(node, ctx)}</ul>
      );
    case 'listItem':
      return listItem(node, ctx, key, parent);
    case 'code':
      return <CodeBlock key={key} code={node.value} info={node.lang ?? ''} />;
    case 'html':
      // As written, as text: React escapes it.
      return parent.type === 'root' || parent.type === 'blockquote' || parent.type === 'listItem' ? (
        <p key={key} className="md-raw-html">
          {node.value}
        </p>
      ) : (
        <span key={key} className="md-raw-html">
          {node.value}
        </span>
      );
    case 'text':
      return node.value;
    case 'emphasis':
      return <em key={key}>{renderChildren(node, ctx)}</em>;
    case 'strong':
      return <strong key={key}>{renderChildren(node, ctx)}</strong>;
    case 'delete':
      return <del key={key}>{renderChildren(node, ctx)}</del>;
    case 'inlineCode':
      return (
        <code key={key} className="md-code">
          {node.value}
        </code>
      );
    case 'break':
      return <br key={key} />;
    case 'link':
      return link(node.url, node.title, renderChildren(node, ctx), ctx, key);
    case 'image':
      return image(node.url, node.alt ?? '', node.title, ctx, key);
    case 'linkReference': {
      const definition = ctx.definitions.get(node.identifier);
      const children = renderChildren(node, ctx);
      return definition ? link(definition.url, definition.title, children, ctx, key) : children;
    }
    case 'imageReference': {
      const definition = ctx.definitions.get(node.identifier);
      return image(definition?.url ?? '', node.alt ?? '', definition?.title, ctx, key);
    }
    case 'table':
      return table(node, ctx, key);
    case 'footnoteReference':
      return <sup key={key}>[{node.label ?? node.identifier}]</sup>;
    case 'footnoteDefinition':
      return (
        <div key={key} className="md-footnote">
          <sup>[{node.label ?? node.identifier}]</sup> {renderChildren(node, ctx)}
        </div>
      );
    case 'definition':
      return null;
    default:
      // Anything this renderer does not know (a future extension's node) shows as its text.
      return toString(node);
  }
}
