import type * as Oidc from 'openid-client';
import type { SingleSignOnConfig } from '../../config.ts';

export interface AuthorizationRequest {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export type CodeExchangeFailure = 'state' | 'nonce' | 'code' | 'provider' | 'unavailable';

export class CodeExchangeError extends Error {
  constructor(
    readonly reason: CodeExchangeFailure,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Pairwise as an OpenID Connect relying party, through openid-client: the authorization code
 * flow with PKCE (S256), state and nonce. The provider's metadata is discovered at the first
 * sign-in rather than at start-up, so a provider that is down delays nobody's password sign-in.
 * The library itself is loaded then too: most servers never use single sign-on, and openid-client
 * with jose is a few megabytes of a server whose idle budget is 120 MB.
 */
export class RelyingParty {
  private discovered: Promise<{ oidc: typeof Oidc; configuration: Oidc.Configuration }> | null = null;

  constructor(private readonly settings: SingleSignOnConfig) {}

  get issuer(): string {
    return this.settings.issuer;
  }

  private configuration(): Promise<{ oidc: typeof Oidc; configuration: Oidc.Configuration }> {
    this.discovered ??= import('openid-client')
      .then(async (oidc) => ({
        oidc,
        configuration: await oidc.discovery(
          new URL(this.settings.issuer),
          this.settings.clientId,
          undefined,
          this.settings.clientSecret ? oidc.ClientSecretBasic(this.settings.clientSecret) : oidc.None(),
          // config.ts allows an http:// issuer only on a loopback address.
          this.settings.issuer.startsWith('http:') ? { execute: [oidc.allowInsecureRequests] } : undefined,
        ),
      }))
      .catch((error: unknown) => {
        // Try again at the next sign-in instead of remembering the outage.
        this.discovered = null;
        throw new CodeExchangeError(
          'unavailable',
          `The provider's metadata could not be read: ${message(error)}`,
        );
      });
    return this.discovered;
  }

  async authorizationRequest(redirectUri: string): Promise<AuthorizationRequest> {
    const { oidc, configuration } = await this.configuration();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: this.settings.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, state, nonce, codeVerifier };
  }

  /**
   * Redeems the code and answers the person's claims: the ID token's, completed from the userinfo
   * endpoint (many providers put email and groups only there for the code flow).
   */
  async redeem(
    callbackUrl: URL,
    expected: { state: string; nonce: string; codeVerifier: string },
  ): Promise<Record<string, unknown> & { sub: string }> {
    const { oidc, configuration } = await this.configuration();
    let tokens: Awaited<ReturnType<typeof Oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: expected.codeVerifier,
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      throw new CodeExchangeError(classify(oidc, error), message(error));
    }
    const idToken = tokens.claims()!;
    const claims: Record<string, unknown> = { ...idToken };
    if (configuration.serverMetadata().userinfo_endpoint) {
      try {
        const userInfo = await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
        Object.assign(claims, userInfo, { sub: idToken.sub });
      } catch (error) {
        throw new CodeExchangeError(
          'provider',
          `The provider's userinfo could not be read: ${message(error)}`,
        );
      }
    }
    return claims as Record<string, unknown> & { sub: string };
  }
}

function classify(oidc: typeof Oidc, error: unknown): CodeExchangeFailure {
  if (error instanceof oidc.ResponseBodyError) return 'code';
  if (error instanceof oidc.AuthorizationResponseError) return 'provider';
  for (let cause: unknown = error; cause && typeof cause === 'object'; cause = (cause as Error).cause) {
    if ((cause as { claim?: unknown }).claim === 'nonce') return 'nonce';
    if (/"state"/.test((cause as Error).message ?? '')) return 'state';
  }
  if (error instanceof TypeError) return 'unavailable';
  return 'provider';
}

/** The library's words, with the cause's; a client secret is never part of either. */
function message(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`.slice(0, 500);
}
