import { Ajv, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';

// a CommonJS module whose export is the plugin itself
const addFormats = ajvFormats as unknown as typeof ajvFormats.default;

export type Schema = Record<string, unknown>;
export type MediaType = { schema?: Schema; example?: unknown };
export type Operation = {
  operationId: string;
  summary?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema; example?: unknown }[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, { description: string; content?: Record<string, MediaType> }>;
  security?: object[];
};
export type OpenApiDocument = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

/** The document as the app serves it. */
export async function fetchDocument(baseUrl: string): Promise<OpenApiDocument> {
  const res = await fetch(`${baseUrl}/api/docs.json`);
  if (res.status !== 200) throw new Error(`GET /api/docs.json answered ${res.status}`);
  return (await res.json()) as OpenApiDocument;
}

/**
 * Validates JSON against the document's OpenAPI 3.0 schemas with ajv: `nullable` is ajv's own
 * keyword, formats from ajv-formats, `example` allowed, and #/components/… refs resolved in the document.
 */
export function schemaValidator(document: OpenApiDocument): (schema: Schema, value: unknown) => string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const compiled = new Map<Schema, ValidateFunction>();
  return (schema, value) => {
    let validate = compiled.get(schema);
    if (!validate) {
      validate = ajv.compile(draft7({ ...schema, components: document.components }) as Schema);
      compiled.set(schema, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  };
}

/** OpenAPI 3.0's boolean exclusiveMinimum/Maximum (draft 4) as the numbers ajv's draft 7 wants. */
function draft7(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(draft7);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, draft7(v)]));
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[exclusive] !== 'boolean') continue;
    if (out[exclusive]) out[exclusive] = out[bound];
    else delete out[exclusive];
    if (out[exclusive] !== undefined) delete out[bound];
  }
  return out;
}

/** Every operation of the document, with its path and method. */
export function operations(document: OpenApiDocument): { path: string; method: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
  );
}
