import { diffLines } from '../../../src-shared/line-diff';
import './note-diff.css';

interface NoteDiffProps {
  /** The current note's text. */
  before: string;
  /** The backup's version, which would replace it. */
  after: string;
  label: string;
}

/**
 * An inline line diff: lines only in the current note struck out (<del>), lines only in the
 * backup's version marked <ins>; each says so in words too, not by colour alone.
 */
export function NoteDiff({ before, after, label }: NoteDiffProps) {
  const lines = diffLines(before, after);
  if (lines.length === 0) return <p className="note-diff-empty">(empty)</p>;
  return (
    <ol className="note-diff" aria-label={label} tabIndex={0}>
      {lines.map((line, index) =>
        line.kind === 'same' ? (
          <li key={index} className="diff-same">
            <span aria-hidden="true" className="diff-mark">
              {' '}
            </span>
            {line.text}
          </li>
        ) : line.kind === 'removed' ? (
          <li key={index} className="diff-removed">
            <span aria-hidden="true" className="diff-mark">
              −
            </span>
            <del>
              <span className="visually-hidden">Removed: </span>
              {line.text}
            </del>
          </li>
        ) : (
          <li key={index} className="diff-added">
            <span aria-hidden="true" className="diff-mark">
              +
            </span>
            <ins>
              <span className="visually-hidden">Added: </span>
              {line.text}
            </ins>
          </li>
        ),
      )}
    </ol>
  );
}
