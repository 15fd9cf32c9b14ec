/** Under a console table: how many rows are shown, a loading error, and the "more" button. */
import { useI18n } from '../../i18n/index.tsx';
import type { ApiError } from '../../shared/api.ts';

export function TableFoot(props: {
  shown: string;
  moreLabel: string;
  cursor: string | null;
  loading: boolean;
  error?: ApiError;
  onMore: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="table-foot">
      <span className="muted">{props.shown}</span>
      {props.error && (
        <span className="error-text" role="alert">
          {props.error.status === 0 ? t('error.network') : t('error.server')}
        </span>
      )}
      {props.cursor && (
        <button type="button" className="button button-quiet" onClick={props.onMore} disabled={props.loading}>
          {props.loading ? t('console.loading') : props.moreLabel}
        </button>
      )}
    </div>
  );
}
