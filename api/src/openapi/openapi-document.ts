import type { INestApplication } from '@nestjs/common';
import {
  DocumentBuilder,
  SwaggerModule,
  type OpenAPIObject,
  type OperationObject,
  type ParameterObject,
  type ResponseObject,
} from '@nestjs/swagger';
import { SESSION_COOKIE, WORKSPACE_HEADER } from '../auth/auth.constants.js';
import { appVersion } from '../version.js';
import type { ResponseDoc } from './api-doc.decorator.js';
import { errorExample, errorSchema } from './responses/common.js';
import { documentedRoutes, type DocumentedRoute } from './routes.js';
import { openApiSchema } from './zod-schema.js';
import { accessSentence, forbiddenExample, securityOf } from './security.js';

/** The OpenAPI document of the application: Nest's routes, completed from the zod DTOs, @Access and @ApiDoc. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('ctm-analytics API')
    .setDescription(
      'Figures of Click-to-Messenger advertising: ads, Messenger contacts, conversions. Every /api route ' +
        'needs a session (signed in on the dashboard) or an API token, except health, sign-in and first run; ' +
        'each operation says which role or token scope it needs. Dates are inclusive calendar days (YYYY-MM-DD).',
    )
    .setVersion(appVersion)
    .addCookieAuth(SESSION_COOKIE, { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE }, 'session')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'An API token (ctm_…) made at /api/tokens.' },
      'apiToken',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
  document.components = { ...document.components, schemas: { ...document.components?.schemas, Error: errorSchema } };
  for (const route of documentedRoutes(app)) {
    const operation = document.paths[route.path]?.[route.method as 'get'];
    if (operation) complete(operation, route);
  }
  return document;
}

/** Adds to one operation what Nest's scanner cannot see: zod parameters, access, answers. */
function complete(operation: OperationObject, route: DocumentedRoute): void {
  const parameters = (operation.parameters ?? []) as ParameterObject[];
  const byKey = new Map(parameters.map((p) => [`${p.in} ${p.name}`, p]));
  for (const param of zodParameters(route)) byKey.set(`${param.in} ${param.name}`, param);
  // a named parameter no pipe checks: a string, unless a swagger decorator said more
  for (const { in: where, name, schema } of route.args)
    if (name && !schema && where !== 'body' && !byKey.has(`${where} ${name}`))
      byKey.set(`${where} ${name}`, { name, in: where, required: where === 'path', schema: { type: 'string' } });
  if (route.access.kind === 'rule')
    byKey.set(`header ${WORKSPACE_HEADER}`, {
      name: 'X-Workspace',
      in: 'header',
      required: false,
      description: 'For a session: the slug of one of your workspaces to act in for this request.',
      schema: { type: 'string' },
    });
  operation.parameters = [...byKey.values()];
  const body = route.args.find((a) => a.in === 'body' && !a.name);
  if (body?.schema) {
    const schema = openApiSchema(body.schema, 'input');
    operation.requestBody = {
      required: true,
      content: { 'application/json': { schema, ...(schema.example !== undefined ? { example: schema.example } : {}) } },
    };
  } else if (route.doc?.body) {
    const { contentType = 'application/json', schema, example, description } = route.doc.body;
    operation.requestBody = {
      required: true,
      description,
      content: { [contentType]: { schema: openApiSchema(schema, 'input'), example } },
    };
  }
  operation.security = securityOf(route.access);
  const access = accessSentence(route.access);
  operation.description = [operation.description, access].filter(Boolean).join('\n\n');
  if (route.access.kind === 'rule') operation['x-access' as keyof OperationObject] = route.access.rule as never;
  operation.responses = { ...keepExplicit(operation.responses), ...responses(route) };
}

/** Query and path parameters from the zod schemas of the handler's pipes: a whole-query schema gives one per property. */
function zodParameters(route: DocumentedRoute): ParameterObject[] {
  const params: ParameterObject[] = [];
  for (const arg of route.args) {
    if (arg.in === 'body' || !arg.schema) continue;
    const schema = openApiSchema(arg.schema, 'input');
    if (arg.name) {
      params.push({ name: arg.name, in: arg.in, required: arg.in === 'path', schema, ...describedBy(schema) });
      continue;
    }
    const required = new Set(schema.required ?? []);
    for (const [name, property] of Object.entries(schema.properties ?? {}))
      params.push({ name, in: arg.in, required: required.has(name), schema: property, ...describedBy(property) });
  }
  return params;
}

function describedBy(schema: object): Partial<ParameterObject> {
  const { description, example } = schema as { description?: string; example?: unknown };
  return { ...(description ? { description } : {}), ...(example !== undefined ? { example } : {}) };
}

/** Answers that a swagger decorator wrote by hand (those the scanner guessed have no description). */
function keepExplicit(responses: OperationObject['responses']): OperationObject['responses'] {
  return Object.fromEntries(Object.entries(responses ?? {}).filter(([, r]) => (r as ResponseObject).description));
}

function responses(route: DocumentedRoute): Record<string, ResponseObject> {
  const out: Record<string, ResponseObject> = {};
  const doc = route.doc;
  if (doc) {
    const status =
      'status' in doc.response ? doc.response.status : (route.httpCode ?? (route.method === 'post' ? 201 : 200));
    for (const code of doc.statuses ?? [status]) out[code] = success(doc.response);
  }
  const errors: Record<number, string | undefined> = { ...doc?.errors };
  if (route.args.some((a) => a.schema)) errors[400] ??= refusal(route);
  if (route.access.kind === 'rule') {
    errors[401] ??= undefined;
    errors[403] ??= forbiddenExample(route.access);
  }
  if (route.path.includes('{')) errors[404] ??= undefined;
  for (const code of Object.keys(errors).map(Number)) out[code] = failure(code, errors[code]);
  return out;
}

/** What the route's own pipe answers to an empty request (or to an unknown parameter): a real 400 message. */
function refusal(route: DocumentedRoute): string | undefined {
  for (const arg of route.args) {
    if (!arg.schema) continue;
    for (const input of arg.in === 'path' ? ['x'] : [{}, { unknown: 'x' }]) {
      const result = arg.schema.safeParse(input);
      if (result.success) continue;
      const issue = result.error.issues[0];
      return `${issue?.path.length ? `${issue.path.join('.')}: ` : ''}${issue?.message ?? 'invalid input'}`;
    }
  }
  return undefined;
}

function success(response: ResponseDoc | { status: 204; description: string }): ResponseObject {
  if (!('schema' in response)) return { description: response.description };
  const { contentType = 'application/json', schema, example, description } = response;
  return { description, content: { [contentType]: { schema: openApiSchema(schema, 'output'), example } } };
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'A parameter is missing or wrong: the message names it and says what is expected.',
  401: 'No credentials, or a session or token that is unknown, expired or revoked.',
  403: 'The credentials do not allow this: the message says which role or scope it needs.',
  404: 'Nothing of that id in this workspace (another workspace’s ids are not found either).',
  409: 'Conflicts with the current state.',
  413: 'The body is larger than allowed.',
  429: 'Too many attempts: wait and retry.',
  502: 'Meta answered with an error.',
  503: 'The service cannot answer now.',
};

function failure(status: number, message: string | undefined): ResponseObject {
  return {
    description: ERROR_DESCRIPTIONS[status] ?? 'An error.',
    content: {
      'application/json': { schema: { $ref: '#/components/schemas/Error' }, example: errorExample(status, message) },
    },
  };
}
