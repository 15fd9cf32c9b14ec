/** Grey placeholders in the shape of the content, while the first page loads. */
export function FeedSkeleton({ count = 4, label }: { count?: number; label: string }) {
  return (
    <div className="skeletons" role="status" aria-label={label} aria-busy="true">
      {Array.from({ length: count }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
        <div key={i} className="feed-card skeleton" aria-hidden="true">
          <div className="bone bone-title" />
          <div className="bone bone-title short" />
          <div className="bone bone-line" />
          <div className="bone bone-line short" />
        </div>
      ))}
    </div>
  );
}

export function ArticleSkeleton({ label }: { label: string }) {
  return (
    <div className="article skeleton" role="status" aria-label={label} aria-busy="true">
      <div className="bone bone-headline" />
      <div className="bone bone-headline short" />
      <div className="bone bone-line short" />
      {Array.from({ length: 6 }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
        <div key={i} className="bone bone-line" />
      ))}
    </div>
  );
}
