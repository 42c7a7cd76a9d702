import { useState } from 'react';
import { useI18n } from '../app/i18n-context';
import { Link } from '../app/router';
import { useGatewayQuery } from '../app/use-gateway-query';
import { QueryView } from '../components/query-view';
import { SectionCard } from '../components/section-card';
import { StatusBadge } from '../components/status-badge';
import { labelOf } from '../i18n/translate';

const LIST = `query Residents($filter: EnterpriseFilterInput, $after: String) { industries enterprises(filter: $filter, first: 50, after: $after) { totalCount endCursor hasNextPage items { id name uscc industry status admittedMonth } } }`;
const STATUSES = ['approved', 'suspended', 'exited', 'submitted', 'under_review', 'information_requested', 'rejected'];

interface ListData {
  industries: string[];
  enterprises: { totalCount: number; endCursor: string | null; hasNextPage: boolean; items: Array<{ id: string; name: string; uscc: string; industry: string; status: string; admittedMonth: string | null }> };
}

/** Residents (and every other enterprise) with filters and a name search; suspend, reinstate and exit are on each one's page. */
export function ResidentsPage() {
  const { t } = useI18n();
  const [status, setStatus] = useState('approved');
  const [industry, setIndustry] = useState('');
  const [search, setSearch] = useState('');
  const [name, setName] = useState('');
  const [after, setAfter] = useState<string>();
  const filter = { ...(status ? { statuses: [status] } : {}), ...(industry ? { industry } : {}), ...(name ? { nameContains: name } : {}) };
  const state = useGatewayQuery<ListData>(LIST, { filter, ...(after ? { after } : {}) });
  // A new filter starts from the first page.
  const refilter = <T,>(set: (value: T) => void) => (value: T) => {
    setAfter(undefined);
    set(value);
  };
  return (
    <div className="page">
      <h1>{t('residents.title')}</h1>
      <form className="filters" onSubmit={(ev) => { ev.preventDefault(); refilter(setName)(search.trim()); }}>
        <label>{t('residents.filterStatus')}
          <select value={status} onChange={(ev) => refilter(setStatus)(ev.target.value)}>
            <option value="">{t('common.all')}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{labelOf(t, 'status', s)}</option>)}
          </select>
        </label>
        <label>{t('residents.filterIndustry')}
          <select value={industry} onChange={(ev) => refilter(setIndustry)(ev.target.value)}>
            <option value="">{t('common.all')}</option>
            {(state.data?.industries ?? []).map((i) => <option key={i} value={i}>{labelOf(t, 'industry', i)}</option>)}
          </select>
        </label>
        <input type="search" placeholder={t('residents.searchName')} value={search} onChange={(ev) => setSearch(ev.target.value)} />
        <button type="submit">{t('common.search')}</button>
      </form>
      <SectionCard title={state.data ? t('residents.total', { n: state.data.enterprises.totalCount }) : t('residents.title')}>
        <QueryView state={state}>
          {({ enterprises }) => (
            <table className="table" data-testid="residents">
              <thead><tr><th>{t('common.enterprise')}</th><th>{t('common.industry')}</th><th>{t('common.status')}</th><th>{t('enterprise.admittedMonth')}</th></tr></thead>
              <tbody>
                {enterprises.items.map((e) => (
                  <tr key={e.id}>
                    <td><Link to={`/enterprises/${e.id}`}>{e.name}</Link><div className="muted small">{e.uscc}</div></td>
                    <td>{labelOf(t, 'industry', e.industry)}</td>
                    <td><StatusBadge prefix="status" value={e.status} /></td>
                    <td>{e.admittedMonth ?? ''}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot><tr><td colSpan={4}>
                {after ? <button type="button" onClick={() => setAfter(undefined)}>{t('residents.firstPage')}</button> : null}
                {enterprises.hasNextPage && enterprises.endCursor ? <button type="button" onClick={() => setAfter(enterprises.endCursor ?? undefined)}>{t('residents.nextPage')}</button> : null}
              </td></tr></tfoot>
            </table>
          )}
        </QueryView>
      </SectionCard>
    </div>
  );
}
