// A third-party OAuth 2.0 authorization server for the token-client tests:
// oidc-provider (panva/node-oidc-provider) on 127.0.0.1 with client-credentials
// clients. Not part of the product.
//
//   node server.js            prints "listening on http://127.0.0.1:PORT"
//
// Clients (test values, not secrets of anything):
//   basic-client / basic-secret   registered for client_secret_basic
//   post-client  / post-secret    registered for client_secret_post
// Scopes api:read api:write. Resource indicators (RFC 8707): a token for a
// resource is a JWT whose aud is that resource; without one the token is opaque.
//
// Side endpoints for the tests:
//   GET  /_peer/stats  {"token_requests": N, "last": {headers, query, body}}
//   POST /_peer/reset  sets the counter to 0
import http from 'node:http';
import Provider from 'oidc-provider';

const TokenLifetime = 600;
let tokenRequests = 0;
let last = null;

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const client = (id, secret, method) => ({
    client_id: id,
    client_secret: secret,
    grant_types: ['client_credentials'],
    redirect_uris: [],
    response_types: [],
    token_endpoint_auth_method: method,
    scope: 'api:read api:write',
  });
  const provider = new Provider(issuer, {
    clients: [client('basic-client', 'basic-secret', 'client_secret_basic'),
      client('post-client', 'post-secret', 'client_secret_post')],
    scopes: ['api:read', 'api:write'],
    ttl: { ClientCredentials: TokenLifetime },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => undefined,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => ({
          scope: 'api:read api:write',
          audience: resource,
          accessTokenTTL: TokenLifetime,
          accessTokenFormat: 'jwt',
        }),
      },
    },
  });
  provider.on('server_error', (_ctx, error) => console.error('server_error', error));

  // What the last token request carried, for the tests to check how the
  // client sent it.
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path === '/token' && ctx.method === 'POST') {
      last = {
        headers: ctx.headers,
        query: Object.fromEntries(new URLSearchParams(ctx.querystring)),
        body: ctx.oidc && ctx.oidc.body ? ctx.oidc.body : null,
        status: ctx.status,
      };
    }
  });

  const handle = provider.callback();
  server.on('request', (req, res) => {
    const path = new URL(req.url, issuer).pathname;
    if (path === '/_peer/stats' && req.method === 'GET') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ token_requests: tokenRequests, last }));
      return;
    }
    if (path === '/_peer/reset' && req.method === 'POST') {
      tokenRequests = 0;
      last = null;
      res.writeHead(204);
      res.end();
      return;
    }
    if (path === '/token' && req.method === 'POST') {
      tokenRequests += 1;
    }
    handle(req, res);
  });
  console.log(`listening on ${issuer}`);
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
