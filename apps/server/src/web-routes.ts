import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

// Ant Design writes its styles at run time, hence 'unsafe-inline' for styles only; scripts come from here alone.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Serviq</title>
<p>The dashboard is not built. Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it) and reload.
The API answers under <a href="/api/v1/openapi.json">/api/v1</a>.</p>`;

/** Is this a browser asking for a page (not the API, not a file)? Those get the dashboard's index.html. */
const isPageRequest = (request: FastifyRequest) =>
  request.method === 'GET' &&
  !request.url.startsWith('/api/') &&
  !/\.[a-z0-9]+(\?|$)/i.test(request.url.split('?')[0] ?? '') &&
  (request.headers.accept ?? '').includes('text/html');

/**
 * Serves the built dashboard from `webDir`: hashed assets cached for good, index.html for every
 * page path so that links into the app (a conversation, a filtered list) open directly.
 * Returns the handler for unknown routes to call for page requests.
 */
export async function registerWebRoutes(
  app: FastifyInstance,
  webDir: string,
): Promise<(request: FastifyRequest, reply: FastifyReply) => boolean> {
  const indexFile = join(webDir, 'index.html');
  const index = existsSync(indexFile) ? readFileSync(indexFile, 'utf8') : undefined;
  if (index) {
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: '/',
      index: false,
      wildcard: false,
      cacheControl: false,
      preCompressed: true,
      setHeaders(res, path) {
        // The same path answers brotli, gzip or plain by Accept-Encoding: shared caches must know.
        res.setHeader('vary', 'accept-encoding');
        res.setHeader(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  const sendIndex = (reply: FastifyReply) =>
    reply
      .code(200)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .send(index ?? NOT_BUILT);
  app.get('/', (_request, reply) => sendIndex(reply));
  return (request, reply) => {
    if (!isPageRequest(request)) return false;
    sendIndex(reply);
    return true;
  };
}
