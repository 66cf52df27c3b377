// A real OpenID Connect provider for the single sign-on tests (panva's oidc-provider, installed from
// npm by bin/setup), on 127.0.0.1 and a free port. Started by tests/oidc/conftest.py:
//
//   node tests/oidc/provider.mjs '{"redirect_uri": "...", "post_logout_redirect_uri": "...", ...}'
//
// It prints one line of JSON, {"issuer": "http://127.0.0.1:<port>"}, once it answers, and stops on
// SIGTERM. Its sign-in page takes an account's id (no password: the provider's own checks are not what
// is tested), and says the account used multi-factor authentication ('amr') if the account does.
import crypto from 'node:crypto';
import http from 'node:http';

import Provider from 'oidc-provider';

const options = JSON.parse(process.argv[2] || '{}');
const CLIENT_ID = options.client_id || 'clearsight';
const CLIENT_SECRET = options.client_secret || 'test-client-secret-for-the-sso-tests';

// The people this provider knows. Which of them Clearsight lets in is for the tests to show.
const ACCOUNTS = {
  // A caseworker at Anytown who signs in with a password and an authenticator app.
  amira: { email: 'amira.khan@anytown.example', amr: ['pwd', 'mfa'] },
  // The same organisation's domain, signing in with a password only.
  ben: { email: 'ben.jones@anytown.example', amr: ['pwd'] },
  // Someone from a domain that is not Anytown's.
  sam: { email: 'sam.lee@elsewhere.example', amr: ['pwd', 'mfa'] },
  // A person whose Clearsight account has been suspended.
  dana: { email: 'dana.cole@anytown.example', amr: ['pwd', 'mfa'] },
  ...(options.accounts || {}),
};

const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'sso-tests', use: 'sig', alg: 'RS256' };

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    redirect_uris: [].concat(options.redirect_uri || []),
    post_logout_redirect_uris: [].concat(options.post_logout_redirect_uri || []),
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  jwks: { keys: [signingKey] },
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  // 'amr' (how the person signed in) goes in every ID token, as Entra ID does.
  claims: { openid: ['sub', 'amr', 'acr', 'auth_time'], email: ['email', 'email_verified'] },
  pkce: { required: () => true },
  async findAccount(ctx, id) {
    const account = ACCOUNTS[id];
    if (!account) return undefined;
    return { accountId: id, async claims() { return { sub: id, email: account.email, email_verified: true }; } };
  },
  // First-party client: no consent page, the scopes asked for are granted.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email');
    grant.addOIDCClaims(['email', 'email_verified']);
    await grant.save();
    return grant;
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = `<!DOCTYPE html><html lang="en"><head><title>Sign out</title></head><body>${form}
          <button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out of the provider</button></body></html>`;
      },
    },
  },
});
provider.on('server_error', (ctx, error) => console.error('provider error', error));

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

// The provider's own sign-in page: the only interaction, as consent is never asked for.
async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  if (req.method === 'POST') {
    const form = await readForm(req);
    const accountId = form.get('login');
    const account = ACCOUNTS[accountId];
    if (!account) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('unknown account');
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId, amr: account.amr } }, { mergeWithLastSubmission: false });
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!DOCTYPE html><html lang="en"><head><title>Sign in to the provider</title></head><body>
    <h1>Sign in to the test identity provider</h1><p id="prompt">${escape(details.prompt.name)}</p>
    <form method="post" action="/interaction/${escape(details.uid)}">
      <label for="login">Account</label><input id="login" name="login" value="${escape(details.params.login_hint || '')}">
      <button type="submit">Sign in</button></form></body></html>`);
}

const handle = provider.callback();
server.on('request', (req, res) => {
  if (req.url.startsWith('/interaction/')) {
    interaction(req, res).catch((error) => {
      console.error(error);
      res.writeHead(500);
      res.end(String(error));
    });
  } else {
    handle(req, res);
  }
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
console.log(JSON.stringify({ issuer, client_id: CLIENT_ID, client_secret: CLIENT_SECRET }));
