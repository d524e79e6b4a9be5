import { useCallback, useEffect, useState } from 'react';
import {
  apiGet,
  apiPost,
  type LiveAlert,
  session,
  setApiLanguage,
  streamAlerts,
  whenUnauthenticated,
} from './api';
import {
  type DemoUser,
  LanguageToggle,
  SignInChoices,
  type SignInSettings,
  type SignInSource,
  SkipLink,
} from '@reintegra/ui-web';
import { type Language, LanguageProvider, label, messages, useI18n } from './i18n';
import { navigate, useRoute } from './router';
import { Loading } from './components/problem';
import { ApprovalsView } from './views/approvals';
import { CasePage } from './views/case-page';
import { CaseloadView } from './views/caseload';
import { CommunityInclusionView } from './views/community-inclusion';
import { CasesView } from './views/cases';
import { IndicatorsView } from './views/indicators';
import { OverviewView } from './views/overview';

const LANGUAGE_KEY = 'reintegra.supervisor.language';

export interface Me {
  subject: string;
  roles: string[];
  municipalityCode: string | null;
  municipalityName: string | null;
}

export function App() {
  const [language, setLanguage] = useState<Language>(
    () => (localStorage.getItem(LANGUAGE_KEY) as Language | null) ?? 'es',
  );
  const [token, setToken] = useState(session.token);
  const [notice, setNotice] = useState<string | undefined>();
  setApiLanguage(language);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = messages[language].appName;
    localStorage.setItem(LANGUAGE_KEY, language);
  }, [language]);

  useEffect(() => {
    whenUnauthenticated(() => {
      session.clear();
      setToken(null);
      setNotice(messages[language].errors.session);
    });
  }, [language]);

  const toggle = () => setLanguage((current) => (current === 'es' ? 'en' : 'es'));
  const onLogin = useCallback((accessToken: string) => {
    session.save(accessToken);
    setNotice(undefined);
    setToken(accessToken);
  }, []);
  return (
    <LanguageProvider language={language}>
      {token ? (
        <Shell
          onToggleLanguage={toggle}
          onLogout={() => {
            session.clear();
            setToken(null);
          }}
        />
      ) : (
        <Login notice={notice} onToggleLanguage={toggle} onLogin={onLogin} />
      )}
    </LanguageProvider>
  );
}

function LanguageButton({ onToggle }: { onToggle: () => void }) {
  const { t } = useI18n();
  return (
    <LanguageToggle text={t.switchLanguage} label={t.switchLanguageLabel} onToggle={onToggle} />
  );
}

/** Sign-in through the dashboard's server: its settings and, in development, the demo accounts. */
const SIGN_IN: SignInSource = {
  settings: () => apiGet<SignInSettings>('/api/settings'),
  devUsers: () => apiGet<DemoUser[]>('/api/dev/users'),
  devToken: async (user) =>
    (await apiPost<{ access_token: string }>('/api/dev/login', { user })).access_token,
};

function Login(props: {
  notice: string | undefined;
  onLogin: (token: string) => void;
  onToggleLanguage: () => void;
}) {
  const { t } = useI18n();
  return (
    <main id="content" className="login">
      <header className="login-header">
        <h1>{t.login.title}</h1>
        <LanguageButton onToggle={props.onToggleLanguage} />
      </header>
      {props.notice && <p role="alert">{props.notice}</p>}
      <SignInChoices
        source={SIGN_IN}
        texts={t.login}
        loading={<Loading />}
        onLogin={props.onLogin}
      />
    </main>
  );
}

const NAV = ['overview', 'cases', 'approvals', 'caseload', 'indicators', 'community'] as const;

function Shell(props: { onToggleLanguage: () => void; onLogout: () => void }) {
  const { t } = useI18n();
  const route = useRoute();
  const [me, setMe] = useState<Me>();
  const [alerts, setAlerts] = useState<LiveAlert[]>([]);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    void apiGet<Me>('/api/me').then(setMe, () => undefined);
  }, []);
  useEffect(
    () =>
      streamAlerts(
        (alert) =>
          setAlerts((current) => [alert, ...current.filter((a) => a.id !== alert.id)].slice(0, 20)),
        setConnected,
      ),
    [],
  );
  const dismiss = useCallback(
    (id: string) => setAlerts((current) => current.filter((a) => a.id !== id)),
    [],
  );
  const [section = 'overview', ...rest] = route.path;
  return (
    <>
      <SkipLink label={t.skipToContent} />
      <header className="top">
        <span className="brand">{t.appName}</span>
        <nav aria-label={t.appName}>
          <ul>
            {NAV.map((item) => (
              <li key={item}>
                <a href={`#/${item}`} aria-current={section === item ? 'page' : undefined}>
                  {t.nav[item]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span className="who">
          {me
            ? me.municipalityName
              ? `${t.scope.municipality}: ${me.municipalityName}`
              : t.scope.national
            : ''}
        </span>
        <LanguageButton onToggle={props.onToggleLanguage} />
        <button type="button" onClick={props.onLogout}>
          {t.logout}
        </button>
      </header>
      <AlertsPanel alerts={alerts} connected={connected} onDismiss={dismiss} />
      <main id="content" tabIndex={-1}>
        {section === 'overview' && <OverviewView />}
        {section === 'approvals' && <ApprovalsView />}
        {section === 'caseload' && <CaseloadView />}
        {section === 'indicators' && <IndicatorsView />}
        {section === 'community' && <CommunityInclusionView />}
        {section === 'cases' && rest[0] && <CasePage caseId={rest[0]} />}
        {section === 'cases' && !rest[0] && <CasesView params={route.params} me={me} />}
      </main>
    </>
  );
}

function AlertsPanel(props: {
  alerts: LiveAlert[];
  connected: boolean;
  onDismiss: (id: string) => void;
}) {
  const { t, language } = useI18n();
  return (
    <section className="alerts" aria-labelledby="alerts-title">
      <h2 id="alerts-title">
        {t.alerts.title}{' '}
        <span className={props.connected ? 'status ok' : 'status'} data-testid="alerts-connection">
          {props.connected ? t.alerts.connected : t.alerts.disconnected}
        </span>
      </h2>
      <ul aria-live="polite" data-testid="live-alerts">
        {props.alerts.map((alert) => (
          <li key={alert.id} className={`alert ${alert.kind}`}>
            <strong>{t.alerts[alert.kind]}</strong> · {label(t.services, alert.service)} ·{' '}
            {label(t.priorities, alert.priority)} ·{' '}
            {new Intl.DateTimeFormat(language === 'es' ? 'es-SV' : 'en-US', {
              timeStyle: 'short',
            }).format(new Date(alert.at))}{' '}
            <button
              type="button"
              className="link"
              onClick={() => navigate(`#/cases/${alert.caseId}`)}
            >
              {t.alerts.open}
            </button>{' '}
            <button type="button" className="link" onClick={() => props.onDismiss(alert.id)}>
              {t.alerts.dismiss}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
