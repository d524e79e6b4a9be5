import { useCallback, useEffect, useRef, useState } from 'react';
import {
  beginSignIn,
  completeSignIn,
  LanguageToggle,
  Loading,
  navigate,
  type OidcProvider,
  ProblemMessage,
  type Problem,
  problemOf,
  SkipLink,
  usePersistentLanguage,
  useRoute,
} from '@reintegra/ui-web';
import { api, identity } from './api';
import { LanguageProvider, messages, useI18n } from './i18n';
import { offlineStore } from './offline/offline-store';
import {
  type Claims,
  claimsOf,
  SCREEN_PATH,
  type Screen,
  screenOfSection,
  screensFor,
} from './roles';
import { CaseWorkspace } from './views/case-workspace';
import { CasesView } from './views/cases';
import { DirectoryView } from './views/directory/directory';
import { Community } from './views/community/community';
import { EducationCohorts } from './views/education/cohorts';
import { CandidateWork } from './views/employment/candidate-work';
import { EducationInbox } from './views/education-inbox';
import { EmploymentInbox } from './views/employment-inbox';
import { ProviderInbox } from './views/provider-inbox/provider-inbox';
import { ProviderReferralView } from './views/provider-inbox/provider-referral';
import { Reception } from './views/reception';
import { TransfersInbox } from './views/transfers/transfers-inbox';

const LANGUAGE_KEY = 'reintegra.office.language';

export function App() {
  const { language, toggle } = usePersistentLanguage(LANGUAGE_KEY);
  const [token, setToken] = useState(api.session.token);
  const [notice, setNotice] = useState<string | undefined>();
  api.setLanguage(language);

  useEffect(() => {
    document.title = messages[language].appName;
  }, [language]);

  useEffect(() => {
    api.whenUnauthenticated(() => {
      api.session.clear();
      setToken(null);
      setNotice(messages[language].sessionEnded);
    });
  }, [language]);

  const onLogin = useCallback((accessToken: string) => {
    api.session.save(accessToken);
    setNotice(undefined);
    setToken(accessToken);
    navigate('#/');
  }, []);

  const claims = token ? claimsOf(token) : undefined;
  return (
    <LanguageProvider language={language}>
      <SkipLink label={messages[language].skipToContent} />
      {token && claims ? (
        <Shell
          claims={claims}
          onToggleLanguage={toggle}
          onLogout={() => {
            api.session.clear();
            // Lists of people kept for offline work go with the session (the queue stays: it
            // still has to reach intake).
            void offlineStore.clearLists().catch(() => undefined);
            setToken(null);
            navigate('#/');
          }}
        />
      ) : (
        <Login notice={notice} onToggleLanguage={toggle} onLogin={onLogin} />
      )}
    </LanguageProvider>
  );
}

interface DemoUser {
  user: string;
  roles: string[];
  municipalityCode?: string;
  organisationId?: string;
}

function Login(props: {
  notice: string | undefined;
  onLogin: (token: string) => void;
  onToggleLanguage: () => void;
}) {
  const { t } = useI18n();
  const [users, setUsers] = useState<DemoUser[]>();
  const [enabled, setEnabled] = useState<boolean>();
  const [problem, setProblem] = useState<Problem>();
  const [provider, setProvider] = useState<OidcProvider | null>(null);
  const [failed, setFailed] = useState(false);
  const { onLogin } = props;
  useEffect(() => {
    api.apiGet<{ devLogin: boolean; oidc: OidcProvider | null }>('/api/settings').then(
      async (settings) => {
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
        if (settings.devLogin) setUsers(await api.apiGet<DemoUser[]>(identity('/dev/users')));
      },
      (failure: unknown) => setProblem(problemOf(failure)),
    );
  }, [onLogin]);
  const login = async (user: string) => {
    try {
      const { access_token } = await api.apiPost<{ access_token: string }>(
        identity('/dev/tokens'),
        { user },
      );
      onLogin(access_token);
    } catch (failure) {
      setProblem(problemOf(failure));
    }
  };
  return (
    <main id="content" tabIndex={-1} className="login">
      <header className="login-header">
        <h1>{t.login.title}</h1>
        <LanguageToggle
          text={t.switchLanguage}
          label={t.switchLanguageLabel}
          onToggle={props.onToggleLanguage}
        />
      </header>
      {props.notice && <p role="alert">{props.notice}</p>}
      <ProblemMessage problem={problem} genericTitle={t.genericError} />
      {failed && <p role="alert">{t.login.providerFailed}</p>}
      {enabled === undefined && !problem && <Loading label={t.loading} />}
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
                  <span>
                    {t.login.as} <strong>{user.user}</strong>
                  </span>
                  <span className="muted">
                    {user.roles.map((role) => t.roles[role] ?? role).join(', ')}
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

function Shell(props: { claims: Claims; onToggleLanguage: () => void; onLogout: () => void }) {
  const { t } = useI18n();
  const route = useRoute();
  const screens = screensFor(props.claims.roles);
  const [section, ...rest] = route.path;
  const requested = screenOfSection(section);
  // No section: the role's first screen. A section of another role: refused, never shown.
  const screen: Screen | 'no-access' =
    section === undefined
      ? (screens[0] ?? 'no-access')
      : requested && screens.includes(requested)
        ? requested
        : 'no-access';
  // After moving to another screen, focus starts at its content (not on the first load: the skip
  // link stays the first stop).
  const where = route.path.join('/');
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('content')?.focus({ preventScroll: true });
  }, [where]);
  return (
    <>
      <header className="top">
        <span className="brand">{t.appName}</span>
        {screens.length > 0 && (
          <nav aria-label={t.appName}>
            <ul>
              {screens.map((item) => (
                <li key={item}>
                  <a
                    href={`#/${SCREEN_PATH[item]}`}
                    aria-current={screen === item ? 'page' : undefined}
                  >
                    {t.nav[item]}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <span className="who" data-testid="who">
          {props.claims.roles.map((role) => t.roles[role] ?? role).join(', ')}
          {props.claims.municipalityCode ? ` · ${props.claims.municipalityCode}` : ''}
        </span>
        <LanguageToggle
          text={t.switchLanguage}
          label={t.switchLanguageLabel}
          onToggle={props.onToggleLanguage}
        />
        <button type="button" className="secondary" onClick={props.onLogout}>
          {t.logout}
        </button>
      </header>
      <main id="content" tabIndex={-1}>
        {screen === 'no-access' && <NoAccess screens={screens} />}
        {screen === 'reception' && (
          <Reception listId={rest[0]} officerMunicipality={props.claims.municipalityCode} />
        )}
        {screen === 'cases' && rest[0] && <CaseWorkspace caseId={rest[0]} />}
        {screen === 'cases' && !rest[0] && <CasesView />}
        {screen === 'employment-inbox' &&
          (rest[0] ? <CandidateWork caseId={rest[0]} /> : <EmploymentInbox />)}
        {screen === 'education-inbox' && <EducationInbox />}
        {screen === 'education-cohorts' && <EducationCohorts cohortId={rest[0]} />}
        {screen === 'directory' && (
          <DirectoryView
            canEdit={props.claims.roles.includes('admin')}
            municipalityCode={props.claims.municipalityCode}
          />
        )}
        {screen === 'community' && <Community path={rest} claims={props.claims} />}
        {screen === 'transfers' && <TransfersInbox />}
        {screen === 'provider-inbox' &&
          (rest[0] ? <ProviderReferralView referralId={rest[0]} /> : <ProviderInbox />)}
      </main>
    </>
  );
}

function NoAccess(props: { screens: Screen[] }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="no-access-title" className="no-access" data-testid="no-access">
      <h1 id="no-access-title">{t.noAccess.title}</h1>
      <p>{t.noAccess.body}</p>
      {props.screens.length > 0 ? (
        <>
          <p>{t.noAccess.yourScreens}</p>
          <ul>
            {props.screens.map((screen) => (
              <li key={screen}>
                <a href={`#/${SCREEN_PATH[screen]}`}>{t.nav[screen]}</a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <>
          <p>{t.noAccess.none}</p>
          <p>{t.noAccess.supervisors}</p>
        </>
      )}
    </section>
  );
}
