import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { z } from 'zod';

/**
 * How an endpoint documents itself in the OpenAPI document (served at /api/docs):
 *
 * 1. Validate its query, body and path parameters with `new ZodValidationPipe(schema)` as usual:
 *    their documented schemas are generated from those very zod schemas (openapi-document.ts), so
 *    the docs cannot drift from validation. Add `.meta({ description, example })` in the DTO for
 *    the reader; a body schema's `.meta({ example })` is the request example.
 * 2. Declare who may call it with `@Access(...)` or `@Public()`: the security requirement, the
 *    role and the token scopes are read from that metadata, never written twice.
 * 3. Put `@ApiDoc({ summary, response })` on the handler, `response` being a `responseDoc(schema,
 *    example)` from openapi/responses/ whose schema is `describes<ServiceType>()(z.object(…))`:
 *    the compiler checks it against what the service returns, and api/test/openapi checks the real
 *    answers against it. Name the handler's own 4xx answers in `errors` (400, 401 and 403 are added
 *    where a pipe or an access rule can give them, 404 for routes with a path parameter).
 *
 * api/test/openapi/coverage.test.ts fails for any route of the app without a summary, its
 * parameters and a response example.
 */
export const API_DOC = 'ctm:api-doc';

export type ResponseDoc = {
  schema: z.ZodType;
  example: unknown;
  description: string;
  /** application/json unless said (the webhook answers text/plain) */
  contentType?: string;
};

export type ApiDocOptions = {
  summary: string;
  description?: string;
  /** The success answer; `statuses` when it has more than one (201 created, 200 already recorded). */
  response: ResponseDoc | { status: 204; description: string };
  statuses?: number[];
  /** A request body that no ZodValidationPipe describes (the webhook's signed bytes). */
  body?: ResponseDoc;
  /** The handler's own error answers, with a sentence it may give: `{ 404: 'id: no sync run …' }`. */
  errors?: Partial<Record<400 | 401 | 403 | 404 | 409 | 413 | 429 | 502 | 503, string>>;
};

/** Documents a route's summary, success answer and own errors (see above). */
export const ApiDoc = (doc: ApiDocOptions) =>
  applyDecorators(
    ApiOperation({ summary: doc.summary, ...(doc.description ? { description: doc.description } : {}) }),
    SetMetadata(API_DOC, doc),
  );

/** A success answer: its schema, an example of it and a line saying what it is. */
export function responseDoc<S extends z.ZodType>(
  schema: S,
  example: z.output<S>,
  description: string,
  contentType?: string,
): ResponseDoc {
  return { schema, example, description, ...(contentType ? { contentType } : {}) };
}
