import { API_ROUTES, type ApiRoute, ErrorBodySchema } from '@serviq/contracts';
import { z } from 'zod';

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as Record<string, unknown>;

function parametersOf(route: ApiRoute): unknown[] {
  const path = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  if (!route.query) return path;
  const schema = jsonSchema(route.query, 'input') as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  const query = Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    schema: property,
  }));
  return [...path, ...query];
}

/** The OpenAPI document of /api/v1, generated from the contract table and its zod schemas. */
export function buildOpenApi(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const error = { content: { 'application/json': { schema: jsonSchema(ErrorBodySchema, 'output') } } };
  for (const route of API_ROUTES) {
    const operation: Record<string, unknown> = {
      operationId: route.id,
      summary: route.summary,
      'x-serviq-access': route.access,
      parameters: parametersOf(route),
      responses: {
        200: {
          description: 'OK',
          content: route.isStream ? { 'text/event-stream': {} } : { 'application/json': {} },
        },
        400: { description: 'Invalid input: the field and the reason', ...error },
        401: { description: 'Not signed in', ...error },
        403: { description: 'Not allowed for this role or token scope', ...error },
        404: { description: 'Not found', ...error },
        413: { description: 'Body too large', ...error },
      },
      ...(route.access === 'public' ? { security: [] } : {}),
    };
    if (route.body)
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
      };
    if (route.bodyType === 'jsonl')
      operation.requestBody = {
        required: true,
        content: {
          'application/x-ndjson': {
            schema: { type: 'string', description: 'one canonical conversation per line' },
          },
        },
      };
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Serviq API',
      version: '1',
      description: 'Quality inspection and conversation analytics (DESIGN §8).',
    },
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token (sq_…) with scopes ingest, read or admin',
        },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'serviq_session',
          description: 'Browser session; changes need X-CSRF-Token',
        },
      },
    },
    security: [{ bearer: [] }, { session: [] }],
    paths,
  };
}
