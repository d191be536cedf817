interface RecoveryCodeGroupsProps {
  code: string;
  /** So the dialog can select the code for copying by hand. */
  id?: string;
}

/**
 * The code in large type, its 8 groups in two rows of four: easy to copy by hand group by group.
 * Copied as text it stays `XXXXX-XXXXX-…`, which the recovery-code field reads back.
 */
export function RecoveryCodeGroups({ code, id }: RecoveryCodeGroupsProps) {
  const groups = code.split('-');
  return (
    <p className="recovery-code-groups" id={id}>
      {groups.map((group, index) => (
        <span key={index}>
          <span className="recovery-code-group">{group}</span>
          {index < groups.length - 1 ? <span className="recovery-code-dash">-</span> : null}
        </span>
      ))}
    </p>
  );
}
