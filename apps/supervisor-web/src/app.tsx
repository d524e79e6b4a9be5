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
  beginSignIn,
  completeSignIn,
  LanguageToggle,
  type OidcProvider,
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

/** GET /api/settings: which sign-ins the dashboard offers. */
interface Settings {
  devLogin: boolean;
  oidc: OidcProvider | null;
}

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

function Login(props: {
  notice: string | undefined;
  onLogin: (token: string) => void;
  onToggleLanguage: () => void;
}) {
  const { t } = useI18n();
  const [users, setUsers] =
    useState<{ user: string; roles: string[]; municipalityCode?: string }[]>();
  const [enabled, setEnabled] = useState<boolean>();
  const [provider, setProvider] = useState<OidcProvider | null>(null);
  const [failed, setFailed] = useState(false);
  const { onLogin } = props;
  useEffect(() => {
    void apiGet<Settings>('/api/settings').then(async (settings) => {
      setProvider(settings.oidc);
      // Back from the identity provider: the token for the code in the address.
      if (settings.oidc) {
        const token = await completeSignIn(settings.oidc).catch(() => {
          setFailed(true);
          return null;
        });
        if (token) return onLogin(token);
      }
      setEnabled(settings.devLogin);
      if (settings.devLogin) setUsers(await apiGet('/api/dev/users'));
    });
  }, [onLogin]);
  const login = async (user: string) => {
    const { access_token } = await apiPost<{ access_token: string }>('/api/dev/login', { user });
    onLogin(access_token);
  };
  return (
    <main id="content" className="login">
      <header className="login-header">
        <h1>{t.login.title}</h1>
        <LanguageButton onToggle={props.onToggleLanguage} />
      </header>
      {props.notice && <p role="alert">{props.notice}</p>}
      {failed && <p role="alert">{t.login.providerFailed}</p>}
      {enabled === undefined && <Loading />}
      {provider && (
        <p>
          <button type="button" onClick={() => void beginSignIn(provider)}>
            {t.login.provider}
          </button>
        </p>
      )}
      {enabled === false && !provider && <p>{t.login.unavailable}</p>}
      {users && (
        <>
          <p>{t.login.intro}</p>
          <ul className="login-users">
            {users.map((user) => (
              <li key={user.user}>
                <button type="button" onClick={() => void login(user.user)}>
                  {t.login.as} <strong>{user.user}</strong>
                  <span className="muted">
                    {user.roles.join(', ')}
                    {user.municipalityCode ? ` · ${user.municipalityCode}` : ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
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
