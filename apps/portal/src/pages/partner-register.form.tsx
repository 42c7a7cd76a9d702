import { useState } from 'react';
import { useI18n } from '../app/i18n-context';
import { useGatewayAction } from '../app/use-gateway-query';
import { ErrorNotice } from '../components/error-notice';
import { SectionCard } from '../components/section-card';
import type { MessageKey } from '../i18n/translate';
import { REGISTER_PARTNER, type PartnerCredentials } from './partner-queries';
import { PARTNER_KINDS, partnerChoiceProblem, PUBLIC_TOPICS, toggleTopic, type PartnerKind } from './partner-registry';

/** Registering a partner system: its name, its kind, the public topics it reads. Its credentials go up to the page's one-time panel. */
export function PartnerRegisterForm({ onRegistered }: { onRegistered: (credentials: PartnerCredentials) => void }) {
  const { t } = useI18n();
  const action = useGatewayAction();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<PartnerKind>('bank');
  const [topics, setTopics] = useState<string[]>([]);
  const [tried, setTried] = useState(false);
  const problem = partnerChoiceProblem({ name, kind, topics });

  const submit = async () => {
    setTried(true);
    if (problem) return;
    const result = await action.run<{ registerPartner: PartnerCredentials }>(REGISTER_PARTNER, { input: { name: name.trim(), kind, topics } });
    if (!result) return;
    setName('');
    setTopics([]);
    setTried(false);
    onRegistered(result.registerPartner);
  };

  return (
    <SectionCard title={t('partners.register')} testId="partner-register">
      <div className="form-grid">
        <label>{t('partners.name')}<input value={name} maxLength={200} onChange={(ev) => setName(ev.target.value)} data-testid="partner-name" /></label>
        <label>{t('partners.kind')}
          <select value={kind} onChange={(ev) => setKind(ev.target.value as PartnerKind)} data-testid="partner-kind">
            {PARTNER_KINDS.map((k) => <option key={k} value={k}>{t(`partnerKind.${k}` as MessageKey)}</option>)}
          </select>
        </label>
      </div>
      <fieldset className="topics" data-testid="partner-topics">
        <legend>{t('partners.topics')}</legend>
        {PUBLIC_TOPICS.map((topic) => (
          <label key={topic}><input type="checkbox" checked={topics.includes(topic)} onChange={() => setTopics(toggleTopic(topics, topic))} data-topic={topic} /> <code>{topic}</code></label>
        ))}
        <div className="muted small">{t(kind === 'carrier' ? 'partners.carrierHint' : 'partners.topicsHint')}</div>
      </fieldset>
      {tried && problem ? <div className="notice notice-error" data-testid="partner-problem">{t(problem)}</div> : null}
      <button type="button" className="primary" disabled={action.busy} onClick={() => void submit()} data-testid="partner-submit">{t('partners.registerSubmit')}</button>
      <ErrorNotice error={action.error} />
    </SectionCard>
  );
}
