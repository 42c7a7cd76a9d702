import { Fragment, useState } from 'react';
import { useI18n } from '../app/i18n-context';
import { useGatewayQuery } from '../app/use-gateway-query';
import { QueryView } from '../components/query-view';
import { SectionCard } from '../components/section-card';
import { StatusBadge } from '../components/status-badge';
import { labelOf } from '../i18n/translate';

const TALENT = `query Talent { programs { id name track capacity seatsTaken waitlisted startsOn endsOn status sponsors { id name }
  enrollments { id traineeRef status waitlistPosition score } }
  placements { id traineeRef role startDate programId enterprise { id name } }
  talentKpis(scope: program) { key label trained completed placed completionRate placementRate } }`;

interface TalentData {
  programs: Array<{ id: string; name: string; track: string; capacity: number; seatsTaken: number; waitlisted: number; startsOn: string; endsOn: string; status: string; sponsors: Array<{ id: string; name: string }>;
    enrollments: Array<{ id: string; traineeRef: string; status: string; waitlistPosition: number | null; score: number | null }> }>;
  placements: Array<{ id: string; traineeRef: string; role: string; startDate: string; programId: string; enterprise: { id: string; name: string } }>;
  talentKpis: Array<{ key: string; label: string; trained: number | null; completed: number | null; placed: number; completionRate: string | null; placementRate: string | null }>;
}

/** Programs with seats and waitlists, enrollments, placements and each program's outcomes. */
export function TalentPage() {
  const { t } = useI18n();
  const state = useGatewayQuery<TalentData>(TALENT);
  const [open, setOpen] = useState<string>();
  return (
    <div className="page">
      <h1>{t('talent.title')}</h1>
      <QueryView state={state}>
        {(d) => (
          <>
            <SectionCard title={t('talent.programs')}>
              <table className="table" data-testid="programs">
                <thead><tr><th>{t('talent.programs')}</th><th>{t('talent.track')}</th><th>{t('common.status')}</th><th>{t('talent.seats')} / {t('talent.capacity')}</th><th>{t('talent.waitlisted')}</th><th>{t('talent.period')}</th></tr></thead>
                <tbody>{d.programs.map((p) => (
                  <Fragment key={p.id}>
                    <tr>
                      <td><button type="button" className="link" onClick={() => setOpen(open === p.id ? undefined : p.id)}>{p.name}</button><div className="muted small">{p.sponsors.map((s) => s.name).join('、')}</div></td>
                      <td>{labelOf(t, 'track', p.track)}</td><td><StatusBadge prefix="programStatus" value={p.status} /></td>
                      <td>{p.seatsTaken} / {p.capacity}</td><td>{p.waitlisted}</td><td>{p.startsOn} – {p.endsOn}</td>
                    </tr>
                    {open === p.id ? (
                      <tr><td colSpan={6}>
                        <table className="table table-compact">
                          <thead><tr><th>{t('talent.trainee')}</th><th>{t('common.status')}</th><th>{t('talent.waitlistPosition')}</th><th>{t('talent.score')}</th></tr></thead>
                          <tbody>{p.enrollments.map((e) => (
                            <tr key={e.id}><td>{e.traineeRef}</td><td><StatusBadge prefix="enrollmentStatus" value={e.status} /></td><td>{e.waitlistPosition ?? ''}</td><td>{e.score ?? ''}</td></tr>
                          ))}</tbody>
                        </table>
                      </td></tr>
                    ) : null}
                  </Fragment>
                ))}</tbody>
              </table>
            </SectionCard>
            <div className="grid-2">
              <SectionCard title={t('talent.kpis')}>
                <table className="table">
                  <thead><tr><th>{t('talent.programs')}</th><th>{t('dashboard.trained')}</th><th>{t('dashboard.completed')}</th><th>{t('dashboard.placed')}</th><th>{t('talent.completionRate')}</th><th>{t('talent.placementRate')}</th></tr></thead>
                  <tbody>{d.talentKpis.map((k) => (
                    <tr key={k.key}><td>{k.label}</td><td>{k.trained ?? ''}</td><td>{k.completed ?? ''}</td><td>{k.placed}</td><td>{k.completionRate ? `${k.completionRate}%` : '—'}</td><td>{k.placementRate ? `${k.placementRate}%` : '—'}</td></tr>
                  ))}</tbody>
                </table>
              </SectionCard>
              <SectionCard title={t('talent.placements')}>
                <PlacementTable placements={d.placements} />
              </SectionCard>
            </div>
          </>
        )}
      </QueryView>
    </div>
  );
}

export function PlacementTable({ placements }: { placements: Array<{ id: string; traineeRef: string; role: string; startDate: string; enterprise?: { name: string } }> }) {
  const { t } = useI18n();
  if (placements.length === 0) return <div className="muted">{t('common.none')}</div>;
  return (
    <table className="table" data-testid="placements">
      <thead><tr><th>{t('talent.trainee')}</th>{placements[0]?.enterprise ? <th>{t('common.enterprise')}</th> : null}<th>{t('talent.role')}</th><th>{t('talent.startDate')}</th></tr></thead>
      <tbody>{placements.map((p) => (
        <tr key={p.id}><td>{p.traineeRef}</td>{p.enterprise ? <td>{p.enterprise.name}</td> : null}<td>{p.role}</td><td>{p.startDate}</td></tr>
      ))}</tbody>
    </table>
  );
}
