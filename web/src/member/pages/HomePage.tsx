import { useI18n } from '../../i18n/index.tsx';
import { Link, navigate, useLocation } from '../../shared/router.tsx';
import { useTitle } from '../../shared/useTitle.ts';
import { ColumnTabs } from '../components/ColumnTabs.tsx';
import { Feed } from '../components/Feed.tsx';
import { FOLLOWING_TAB, FollowingFeed, withFollowingTab } from '../components/FollowingFeed.tsx';
import { FeedSkeleton } from '../components/Skeleton.tsx';
import type { Column } from '../content.ts';
import { clicksOf } from '../engagement.ts';
import { regionLabel, useActiveRegion } from '../location.ts';
import '../location.css';
import { useReference } from '../reference.tsx';
import { useSession } from '../session.tsx';

/** The member's My Column, in their order; every column for readers without one. */
function tabColumns(all: Column[] | undefined, mine: string[] | null): Column[] | undefined {
  if (!all || !mine) return all;
  const chosen = mine.map((id) => all.find((c) => c.id === id)).filter((c): c is Column => Boolean(c));
  return chosen.length > 0 ? chosen : all;
}

export function HomePage() {
  const { t, lang } = useI18n();
  const { search } = useLocation();
  // Regional items lead the feed only with a region the reader set up in 附近 (and, for a member,
  // only while the location consent is on: the server answers null otherwise).
  const { region } = useActiveRegion(lang);
  const following = search.get('tab') === 'following';
  const column = following ? FOLLOWING_TAB : search.get('column') || undefined;
  const { reference, error, reload } = useReference();
  const { member, myColumns } = useSession();
  const feedColumn = following ? undefined : column;
  useTitle(`${t('app.name')} · ${t('app.tagline')}`);

  const select = (next: string | undefined) => {
    // Replace, not push: tabs are a view of one page, and "back" should leave the page.
    if (next === FOLLOWING_TAB) navigate('/?tab=following', { replace: true });
    else navigate(next ? `/?column=${encodeURIComponent(next)}` : '/', { replace: true });
    window.scrollTo(0, 0);
  };

  return (
    <>
      <ColumnTabs
        columns={withFollowingTab(tabColumns(reference?.columns, member ? myColumns : null), member, t)}
        active={column}
        onSelect={select}
      />
      <div className="nearby-bar">
        <Link to="/nearby" data-testid="open-nearby">
          {t('location.entry')}
        </Link>
        {region && (
          <span className="nearby-region" data-testid="home-region">
            {t('location.current', { region: regionLabel(region) })}
          </span>
        )}
      </div>
      {following && member ? (
        <FollowingFeed reference={reference} />
      ) : (
        // biome-ignore lint/a11y/noStaticElementInteractions: records link clicks; the links are the controls
        // biome-ignore lint/a11y/useKeyWithClickEvents: as above
        <div onClick={clicksOf('feed')}>
          {region === undefined ? (
            <FeedSkeleton label={t('feed.loading')} />
          ) : (
            <Feed
              key={`${feedColumn ?? ''}|${region?.province.id ?? ''}`}
              column={feedColumn}
              region={region?.province.id}
              reference={reference}
              onRetry={() => error && reload()}
            />
          )}
        </div>
      )}
    </>
  );
}
