import { useEffect } from 'react';
import { backupDestinations } from '../../../src-shared/settings';
import { useRetentionPreviews } from '../hooks/useRetentionPreviews';
import { useSettings } from '../hooks/useSettings';
import { RetentionPreviewList } from './RetentionPreviewList';

interface RetentionPreviewsProps {
  onError: (error: unknown) => void;
  /** Changes when the view's own actions (a delete) changed what a destination holds. */
  refreshKey: number;
}

/** The next clean-up of every destination, before it happens (issue #17: "show what would go"). */
export function RetentionPreviews({ onError, refreshKey }: RetentionPreviewsProps) {
  const { settings } = useSettings(onError);
  const destinations = settings ? backupDestinations(settings) : [];
  const { previews, reload } = useRetentionPreviews(
    destinations.map((destination) => destination.id),
    onError,
  );
  useEffect(() => {
    if (refreshKey > 0) reload();
  }, [refreshKey, reload]);
  if (previews === null || previews.length === 0) return null;
  const several = destinations.length > 1;
  return (
    <section className="retention-previews" aria-labelledby="retention-previews-heading">
      <h3 id="retention-previews-heading">Next clean-up</h3>
      {previews.map((answer) => {
        const folder = several
          ? (destinations.find((destination) => destination.id === answer.destinationId)?.folder ?? null)
          : null;
        return answer.preview ? (
          <RetentionPreviewList key={answer.destinationId} preview={answer.preview} folder={folder} />
        ) : (
          <p key={answer.destinationId} className="retention-preview">
            {folder === null ? null : <span className="destination-folder">{folder}: </span>}
            {answer.problem}
          </p>
        );
      })}
    </section>
  );
}
