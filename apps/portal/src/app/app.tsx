import { useEffect, useState } from 'react';
import { completeOidcSignIn, OIDC_CALLBACK_PATH } from '../auth/oidc-sign-in';
import { loadPortalConfig, type PortalConfig } from '../auth/portal-config';
import { ErrorNotice } from '../components/error-notice';
import { DashboardPage } from '../pages/dashboard.page';
import { EnterpriseDetailPage } from '../pages/enterprise-detail.page';
import { MyEnterprisePage } from '../pages/my-enterprise.page';
import { MyReportsPage } from '../pages/my-reports.page';
import { MyTalentPage } from '../pages/my-talent.page';
import { NoAccessPage } from '../pages/no-access.page';
import { OnboardingQueuePage } from '../pages/onboarding-queue.page';
import { PartnersPage } from '../pages/partners.page';
import { ProvisioningPage } from '../pages/provisioning.page';
import { ResidentsPage } from '../pages/residents.page';
import { RevenuePage } from '../pages/revenue.page';
import { SignInPage } from '../pages/sign-in.page';
import { TalentPage } from '../pages/talent.page';
import { I18nProvider, useI18n } from './i18n-context';
import { Layout } from './layout';
import { navigate, usePath } from './router';
import { resolveRoute, type ResolvedRoute } from './routes';
import { SessionProvider, useSession, useSessionState } from './session-context';

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <Portal />
      </SessionProvider>
    </I18nProvider>
  );
}

function Portal() {
  const { t } = useI18n();
  const { session, signIn } = useSessionState();
  const path = usePath();
  const [config, setConfig] = useState<PortalConfig>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    loadPortalConfig().then(setConfig, setError);
  }, []);

  // Back from the OIDC provider: exchange the code, then start at home.
  useEffect(() => {
    if (!config?.oidc || path !== OIDC_CALLBACK_PATH) return;
    completeOidcSignIn(config.oidc).then((token) => {
      signIn(token, 'oidc');
      navigate('/', { replace: true });
    }, setError);
  }, [config, path, signIn]);

  if (error) return <div className="sign-in"><div className="sign-in-card"><ErrorNotice error={error} /></div></div>;
  if (!config) return <div className="muted center">{t('common.loading')}</div>;
  if (path === OIDC_CALLBACK_PATH && !session) return <div className="muted center">{t('signIn.oidcCompleting')}</div>;
  if (!session) return <SignInPage config={config} />;
  return <SignedIn path={path === OIDC_CALLBACK_PATH ? '/' : path} />;
}

function SignedIn({ path }: { path: string }) {
  const { claims } = useSession();
  const route = resolveRoute(path, claims);
  return (
    <Layout path={path}>
      <Page route={route} />
    </Layout>
  );
}

function Page({ route }: { route: ResolvedRoute }) {
  switch (route.page) {
    case 'dashboard': return <DashboardPage />;
    case 'onboarding': return <OnboardingQueuePage />;
    case 'enterprise': return <EnterpriseDetailPage key={route.params['id']} id={route.params['id']!} />;
    case 'residents': return <ResidentsPage />;
    case 'provisioning': return <ProvisioningPage />;
    case 'revenue': return <RevenuePage />;
    case 'talent': return <TalentPage />;
    case 'partners': return <PartnersPage />;
    case 'mine': return <MyEnterprisePage />;
    case 'mine-reports': return <MyReportsPage />;
    case 'mine-talent': return <MyTalentPage />;
    case 'no-access': return <NoAccessPage />;
  }
}
