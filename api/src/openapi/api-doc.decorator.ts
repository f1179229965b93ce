import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { z } from 'zod';
import type { Json, Same } from './zod-schema.js';

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
 *    example, description)` from openapi/responses/: the compiler checks that the schema's output
 *    is exactly what the handler returns (as JSON: dates become strings), and api/test/openapi
 *    checks the real answers against it. Name the handler's own 4xx answers in `errors` (400,
 *    401 and 403 are added where a pipe or an access rule can give them, 404 for routes with a
 *    path parameter). A `describes<T>()` around a shared part checks it against its own type.
 *
 * api/test/openapi/coverage.test.ts fails for any route of the app without a summary, its
 * parameters and a response example.
 */
export const API_DOC = 'ctm:api-doc';

export type ResponseDoc<S extends z.ZodType = z.ZodType> = {
  schema: S;
  example: unknown;
  description: string;
  /** application/json unless said (the webhook answers text/plain) */
  contentType?: string;
};

export type ApiDocOptions<S extends z.ZodType = z.ZodType> = {
  summary: string;
  description?: string;
  /** The success answer; `statuses` when it has more than one (201 created, 200 already recorded). */
  response: ResponseDoc<S> | { status: 204; description: string };
  statuses?: number[];
  /** A request body that no ZodValidationPipe describes (the webhook's signed bytes). */
  body?: ResponseDoc;
  /** The handler's own error answers, with a sentence it may give: `{ 404: 'id: no sync run …' }`. */
  errors?: Partial<Record<400 | 401 | 403 | 404 | 409 | 413 | 429 | 502 | 503, string>>;
};

/** What S is when the answer has no body (204): nothing to check. */
type NoBody = z.ZodType & { readonly noBody: true };

/** The handler must return (as JSON) what the documented response schema says: checked by the compiler. */
type Returns<S extends z.ZodType, F> = S extends NoBody
  ? unknown
  : F extends (...args: never[]) => infer R
    ? Same<Json<Awaited<R>>, z.output<S>> extends infer Check
      ? Check extends { error: string }
        ? { documentedResponse: Check['error'] }
        : unknown
      : never
    : never;

/** Documents a route's summary, success answer and own errors (see above). */
export function ApiDoc<S extends z.ZodType = NoBody>(
  doc: ApiDocOptions<S>,
): <F>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<F> & Returns<S, F>) => void {
  const decorate = applyDecorators(
    ApiOperation({ summary: doc.summary, ...(doc.description ? { description: doc.description } : {}) }),
    SetMetadata(API_DOC, doc),
  );
  return (target, key, descriptor) => decorate(target, key, descriptor);
}

/** A success answer: its schema, an example of it and a line saying what it is. */
export function responseDoc<S extends z.ZodType>(
  schema: S,
  example: z.output<S>,
  description: string,
  contentType?: string,
): ResponseDoc<S> {
  return { schema, example, description, ...(contentType ? { contentType } : {}) };
}
