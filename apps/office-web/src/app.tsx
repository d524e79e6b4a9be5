import { useCallback, useEffect, useRef, useState } from 'react';
import {
  type DemoUser,
  LanguageToggle,
  Loading,
  navigate,
  ProblemMessage,
  type Problem,
  problemOf,
  SignInChoices,
  type SignInSettings,
  type SignInSource,
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

/** Sign-in through the office server: its settings, and the development identity's demo accounts. */
const SIGN_IN: SignInSource = {
  settings: () => api.apiGet<SignInSettings>('/api/settings'),
  devUsers: () => api.apiGet<DemoUser[]>(identity('/dev/users')),
  devToken: async (user) =>
    (await api.apiPost<{ access_token: string }>(identity('/dev/tokens'), { user })).access_token,
};

function Login(props: {
  notice: string | undefined;
  onLogin: (token: string) => void;
  onToggleLanguage: () => void;
}) {
  const { t } = useI18n();
  const [problem, setProblem] = useState<Problem>();
  const onProblem = useCallback((failure: unknown) => setProblem(problemOf(failure)), []);
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
      <SignInChoices
        source={SIGN_IN}
        texts={t.login}
        loading={problem ? null : <Loading label={t.loading} />}
        onLogin={props.onLogin}
        onProblem={onProblem}
        describeRoles={(roles) => roles.map((role) => t.roles[role] ?? role).join(', ')}
      />
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
