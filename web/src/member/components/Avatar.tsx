/** The member's picture, or a neutral placeholder with the first character of the nickname. */
export function Avatar({
  url,
  name,
  size = 'large',
}: {
  url: string | null;
  name: string | null;
  size?: 'large' | 'small';
}) {
  const className = `avatar avatar-${size}`;
  if (url) return <img className={className} src={url} alt="" data-testid="avatar" />;
  const initial = name?.trim().charAt(0).toUpperCase();
  return (
    <span className={`${className} avatar-empty`} aria-hidden="true" data-testid="avatar-empty">
      {initial || (
        <svg viewBox="0 0 24 24" width="60%" height="60%" fill="currentColor" aria-hidden="true">
          <circle cx="12" cy="8.5" r="4.2" />
          <path d="M3.8 21c.9-4.4 4.2-7 8.2-7s7.3 2.6 8.2 7z" />
        </svg>
      )}
    </span>
  );
}
