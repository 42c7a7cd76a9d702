import { useI18n } from '../app/i18n-context';
import { formatYuan } from '../format/money.format';
import { formatShanghaiTime } from '../format/month.format';
import { labelOf } from '../i18n/translate';

export const REPORT_FIELDS = 'id enterpriseId month status currentVersion acceptedVersion reviewComment anomaly versions { version kind revenueFen taxFen employees localHires reason author createdAt }';

export interface ReportView {
  id: string; enterpriseId: string; month: string; status: string; currentVersion: number; acceptedVersion: number | null; reviewComment: string | null; anomaly: string | null;
  versions: Array<{ version: number; kind: string; revenueFen: string; taxFen: string; employees: number; localHires: number; reason: string | null; author: string; createdAt: string }>;
}

/** The figures of a report's current version. */
export function currentFigures(report: ReportView): ReportView['versions'][number] | undefined {
  return report.versions.find((v) => v.version === report.currentVersion) ?? report.versions[report.versions.length - 1];
}

/** Every version of a report, oldest first: the amendments' history. */
export function ReportVersions({ report }: { report: ReportView }) {
  const { t, locale } = useI18n();
  return (
    <table className="table table-compact">
      <thead><tr><th>{t('revenue.version')}</th><th>{t('enterprise.action')}</th><th>{t('revenue.revenue')}</th><th>{t('revenue.tax')}</th><th>{t('revenue.employees')}</th><th>{t('common.reason')}</th><th>{t('common.time')}</th></tr></thead>
      <tbody>{report.versions.map((v) => (
        <tr key={v.version}>
          <td>v{v.version}{v.version === report.acceptedVersion ? ' ✓' : ''}</td><td>{labelOf(t, 'revenue.kind', v.kind)}</td>
          <td>{formatYuan(v.revenueFen, locale)}</td><td>{formatYuan(v.taxFen, locale)}</td><td>{v.employees} / {v.localHires}</td>
          <td>{v.reason ?? ''}</td><td>{formatShanghaiTime(v.createdAt)}</td>
        </tr>
      ))}</tbody>
    </table>
  );
}
