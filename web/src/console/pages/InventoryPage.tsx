/** The personal information inventory, for compliance officers: one row per personal column. */
import { useI18n } from '../../i18n/index.tsx';
import { useAsync } from '../../shared/useAsync.ts';
import { Loadable } from '../components/Loadable.tsx';
import { getInventory, type Inventory, type Label } from '../consoleApi.ts';

export function InventoryPage() {
  const { t } = useI18n();
  const inventory = useAsync('inventory', getInventory);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" className="page-title">
        {t('console.nav.inventory')}
      </h1>
      <Loadable state={inventory}>{(data) => <InventoryTable data={data} />}</Loadable>
    </section>
  );
}

function InventoryTable({ data }: { data: Inventory }) {
  const { t, lang } = useI18n();
  const tables = new Set(data.rows.map((r) => r.table)).size;
  // Labels come from the annotations in both languages: the code is their one source.
  const label = (l: Label) => (lang === 'en' ? l.en : l.zh);
  return (
    <>
      <p className="lead">{t('console.inventory.intro', { region: data.storageRegion })}</p>
      <p className="muted">{t('console.inventory.summary', { n: data.rows.length, tables })}</p>
      <div className="table-wrap">
        <table className="table table-inventory" data-testid="inventory-table">
          <thead>
            <tr>
              <th scope="col">{t('console.inventory.field')}</th>
              <th scope="col">{t('console.inventory.category')}</th>
              <th scope="col">{t('console.inventory.sensitive')}</th>
              <th scope="col">{t('console.inventory.purposes')}</th>
              <th scope="col">{t('console.inventory.legalBasis')}</th>
              <th scope="col">{t('console.inventory.retention')}</th>
              <th scope="col">{t('console.inventory.erasure')}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => (
              <tr key={`${r.table}.${r.column}`}>
                <th scope="row" className="mono">
                  {r.table}.{r.column}
                </th>
                <td>
                  {label(r.category.label)}
                  {r.note && <small className="note">{r.note}</small>}
                </td>
                <td>
                  <span className={r.sensitive ? 'badge badge-warn' : 'badge'}>
                    {r.sensitive ? t('console.inventory.yes') : t('console.inventory.no')}
                  </span>
                </td>
                <td>
                  <ul className="plain">
                    {r.purposes.map((p) => (
                      <li key={p.id}>{label(p.label)}</li>
                    ))}
                  </ul>
                </td>
                <td>{label(r.legalBasis.label)}</td>
                <td>{label(r.retention)}</td>
                <td>{label(r.erasure.label)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
