import { type ReactNode, useEffect, useState } from 'react';
import { beginSignIn, completeSignIn, type OidcProvider } from './oidc';

/** A demo account of the development identity provider (never offered in production). */
export interface DemoUser {
  user: string;
  roles: string[];
  municipalityCode?: string;
  organisationId?: string;
}

/** `GET /api/settings` of a web app's server: which sign-ins it offers. */
export interface SignInSettings {
  devLogin: boolean;
  oidc: OidcProvider | null;
}

/** Where an app reads its sign-in settings and, in development, its demo accounts and tokens. */
export interface SignInSource {
  settings(): Promise<SignInSettings>;
  devUsers(): Promise<DemoUser[]>;
  devToken(user: string): Promise<string>;
}

export interface SignInTexts {
  intro: string;
  as: string;
  provider: string;
  providerFailed: string;
  unavailable: string;
}

/**
 * The sign-in choices both web apps offer: back from the identity provider, the token for the
 * code in the address; otherwise the provider's button and, where development login is on, the
 * demo accounts. `source` must be a stable object (module level): it is an effect dependency.
 */
export function SignInChoices(props: {
  source: SignInSource;
  texts: SignInTexts;
  loading: ReactNode;
  onLogin: (token: string) => void;
  onProblem?: (failure: unknown) => void;
  describeRoles?: (roles: string[]) => string;
}) {
  const { source, texts, onLogin, onProblem } = props;
  const [users, setUsers] = useState<DemoUser[]>();
  const [enabled, setEnabled] = useState<boolean>();
  const [provider, setProvider] = useState<OidcProvider | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    source.settings().then(
      async (settings) => {
        setProvider(settings.oidc);
        if (settings.oidc) {
          const token = await completeSignIn(settings.oidc).catch(() => {
            setFailed(true);
            return null;
          });
          if (token) return onLogin(token);
        }
        setEnabled(settings.devLogin);
        if (settings.devLogin) setUsers(await source.devUsers());
      },
      (failure: unknown) => {
        setEnabled(false);
        onProblem?.(failure);
      },
    );
  }, [source, onLogin, onProblem]);
  const login = async (user: string) => {
    try {
      onLogin(await source.devToken(user));
    } catch (failure) {
      onProblem?.(failure);
    }
  };
  const describe = props.describeRoles ?? ((roles: string[]) => roles.join(', '));
  return (
    <>
      {failed && <p role="alert">{texts.providerFailed}</p>}
      {enabled === undefined && props.loading}
      {provider && (
        <p>
          <button type="button" onClick={() => void beginSignIn(provider)}>
            {texts.provider}
          </button>
        </p>
      )}
      {enabled === false && !provider && <p>{texts.unavailable}</p>}
      {users && (
        <>
          <p>{texts.intro}</p>
          <ul className="login-users">
            {users.map((user) => (
              <li key={user.user}>
                <button type="button" onClick={() => void login(user.user)}>
                  <span>
                    {texts.as} <strong>{user.user}</strong>
                  </span>
                  <span className="muted">
                    {describe(user.roles)}
                    {user.municipalityCode ? ` · ${user.municipalityCode}` : ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
