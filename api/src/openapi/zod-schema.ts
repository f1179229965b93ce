import type { SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';

/**
 * The OpenAPI 3.0 schema of a zod schema, by zod's own converter: `input` for what a request may
 * send (defaults optional, before transforms), `output` for what a response holds. Refinements
 * have no JSON Schema form and are left out; `.meta({ description, example, enum })` is carried over.
 */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output'): SchemaObject {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' });
  return json as SchemaObject;
}

/** A JSON value as a service's TypeScript type becomes it on the wire: dates are ISO strings. */
export type Json<T> = T extends Date
  ? string
  : T extends (...args: never[]) => unknown
    ? never
    : T extends object
      ? { -readonly [K in keyof T]: Json<T[K]> }
      : T;

export type Same<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? unknown
    : { error: 'the schema allows values the type does not have' }
  : { error: 'the type has values the schema refuses' };

/**
 * A response schema checked at compile time against the service's return type (as JSON), so the
 * document cannot drift from the code: `describes<Overview>()(z.object({ … }))`.
 */
export const describes =
  <T>() =>
  <S extends z.ZodType>(schema: S & Same<Json<T>, z.output<S>>): S =>
    schema;
