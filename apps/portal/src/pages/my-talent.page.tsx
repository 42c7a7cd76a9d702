import { useI18n } from '../app/i18n-context';
import { useSession } from '../app/session-context';
import { useGatewayQuery } from '../app/use-gateway-query';
import { QueryView } from '../components/query-view';
import { SectionCard } from '../components/section-card';
import { StatusBadge } from '../components/status-badge';
import { PlacementTable } from './talent.page';

const MY_TALENT = `query MyTalent($id: ID!) { enterprise(id: $id) { id
  sponsoredPrograms { id name track status capacity seatsTaken waitlisted startsOn endsOn }
  placements { id traineeRef role startDate } } }`;

interface MyTalentData {
  enterprise: {
    sponsoredPrograms: Array<{ id: string; name: string; track: string; status: string; capacity: number; seatsTaken: number; waitlisted: number; startsOn: string; endsOn: string }>;
    placements: Array<{ id: string; traineeRef: string; role: string; startDate: string }>;
  };
}

/** The programs a resident sponsors and the trainees it hired. */
export function MyTalentPage() {
  const { t } = useI18n();
  const { claims } = useSession();
  const state = useGatewayQuery<MyTalentData>(MY_TALENT, { id: claims.enterpriseId ?? '' }, { skip: !claims.enterpriseId });
  if (!claims.enterpriseId) return <div className="page"><p className="muted">{t('mine.noEnterprise')}</p></div>;
  return (
    <div className="page">
      <h1>{t('nav.myTalent')}</h1>
      <QueryView state={state}>
        {({ enterprise }) => (
          <div className="grid-2">
            <SectionCard title={t('talent.sponsored')}>
              {enterprise.sponsoredPrograms.length === 0 ? <div className="muted">{t('common.none')}</div> : (
                <table className="table">
                  <thead><tr><th>{t('talent.programs')}</th><th>{t('common.status')}</th><th>{t('talent.seats')} / {t('talent.capacity')}</th><th>{t('talent.waitlisted')}</th><th>{t('talent.period')}</th></tr></thead>
                  <tbody>{enterprise.sponsoredPrograms.map((p) => (
                    <tr key={p.id}><td>{p.name}</td><td><StatusBadge prefix="programStatus" value={p.status} /></td><td>{p.seatsTaken} / {p.capacity}</td><td>{p.waitlisted}</td><td>{p.startsOn} – {p.endsOn}</td></tr>
                  ))}</tbody>
                </table>
              )}
            </SectionCard>
            <SectionCard title={t('talent.placements')}><PlacementTable placements={enterprise.placements} /></SectionCard>
          </div>
        )}
      </QueryView>
    </div>
  );
}
