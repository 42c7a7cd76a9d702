import { useI18n } from '../app/i18n-context';
import { Link } from '../app/router';
import { useGatewayQuery } from '../app/use-gateway-query';
import { QueryView } from '../components/query-view';
import { SectionCard } from '../components/section-card';
import { StatusBadge } from '../components/status-badge';
import { daysSince, formatShanghaiTime } from '../format/month.format';
import { labelOf } from '../i18n/translate';

const QUEUE = `query Queue { reviewQueue(first: 100) { totalCount items { id name uscc industry status submittedAt updatedAt } } }`;

interface QueueData {
  reviewQueue: { totalCount: number; items: Array<{ id: string; name: string; uscc: string; industry: string; status: string; submittedAt: string }> };
}

/** Applications waiting for a decision, longest waiting first (the service's order). */
export function OnboardingQueuePage() {
  const { t } = useI18n();
  const state = useGatewayQuery<QueueData>(QUEUE);
  return (
    <div className="page">
      <h1>{t('onboarding.title')}</h1>
      <SectionCard title={state.data ? t('onboarding.total', { n: state.data.reviewQueue.totalCount }) : t('onboarding.title')} actions={<button type="button" onClick={state.reload}>{t('common.refresh')}</button>}>
        <QueryView state={state}>
          {({ reviewQueue }) => reviewQueue.items.length === 0 ? <div className="muted">{t('onboarding.empty')}</div> : (
            <table className="table" data-testid="review-queue">
              <thead><tr><th>{t('common.enterprise')}</th><th>{t('common.industry')}</th><th>{t('common.status')}</th><th>{t('onboarding.submittedAt')}</th><th>{t('onboarding.waiting')}</th></tr></thead>
              <tbody>
                {reviewQueue.items.map((e) => (
                  <tr key={e.id} data-testid="queue-row" data-enterprise-id={e.id}>
                    <td><Link to={`/enterprises/${e.id}`}>{e.name}</Link><div className="muted small">{e.uscc}</div></td>
                    <td>{labelOf(t, 'industry', e.industry)}</td>
                    <td><StatusBadge prefix="status" value={e.status} /></td>
                    <td>{formatShanghaiTime(e.submittedAt)}</td>
                    <td>{t('common.days', { n: daysSince(e.submittedAt) })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </QueryView>
      </SectionCard>
    </div>
  );
}
