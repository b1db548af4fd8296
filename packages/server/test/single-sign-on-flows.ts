import type { TestProvider } from './support/oidc-test-provider.ts';

/**
 * A browser's part of the authorization code flow, over plain HTTP: follows redirects by hand,
 * keeps cookies, and fills in the test provider's sign-in form. Cookies are kept by name only;
 * Pairwise's and the provider's never share a name.
 */
export class FlowBrowser {
  readonly cookies = new Map<string, string>();

  async go(url: string, init: { method?: string; body?: string } = {}) {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    if (init.body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(url, {
      method: init.method ?? 'GET',
      headers,
      body: init.body,
      redirect: 'manual',
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...value] = pair!.split('=');
      const expired = attributes.some(
        (attribute) =>
          /^\s*max-age=0\s*$/i.test(attribute) ||
          (/^\s*expires=/i.test(attribute) && Date.parse(attribute.split('=')[1]!) < Date.now()),
      );
      if (expired || value.join('=') === '') this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join('='));
    }
    const location = response.headers.get('location');
    return {
      status: response.status,
      location: location ? new URL(location, url).toString() : null,
      text: await response.text(),
    };
  }

  /** Pairwise's start route; answers the provider's authorization URL it redirected to. */
  async start(pairwiseUrl: string, next?: string): Promise<string> {
    const query = next === undefined ? '' : `?next=${encodeURIComponent(next)}`;
    const answer = await this.go(`${pairwiseUrl}/api/auth/oidc/start${query}`);
    if (answer.status !== 303 || !answer.location) {
      throw new Error(`Expected a redirect to the provider, got ${answer.status}: ${answer.text}`);
    }
    return answer.location;
  }

  /** Signs in at the provider as `login`; answers the callback URL the provider sends back to Pairwise. */
  async atProvider(provider: TestProvider, authorizationUrl: string, login: string): Promise<string> {
    let url = authorizationUrl;
    for (let hop = 0; hop < 10; hop++) {
      if (!url.startsWith(provider.issuer)) return url;
      const answer = url.includes('/interaction/')
        ? await this.go(url).then(async (page) =>
            page.status === 200
              ? this.go(url, { method: 'POST', body: new URLSearchParams({ login }).toString() })
              : page,
          )
        : await this.go(url);
      if (!answer.location)
        throw new Error(`The provider stopped at ${url}: ${answer.status} ${answer.text}`);
      url = answer.location;
    }
    throw new Error('The provider redirected more than 10 times.');
  }

  /** Pairwise's callback; answers where it sent the browser next. */
  async finish(callbackUrl: string): Promise<string> {
    const answer = await this.go(callbackUrl);
    if (answer.status !== 303 || !answer.location) {
      throw new Error(`Expected a redirect from the callback, got ${answer.status}: ${answer.text}`);
    }
    return new URL(answer.location).pathname + new URL(answer.location).search;
  }

  /** The whole flow: start, sign in at the provider, come back. */
  async signIn(pairwiseUrl: string, provider: TestProvider, login: string, next?: string): Promise<string> {
    const authorizationUrl = await this.start(pairwiseUrl, next);
    return this.finish(await this.atProvider(provider, authorizationUrl, login));
  }

  get session(): string | undefined {
    return this.cookies.get('pw_session');
  }
}
