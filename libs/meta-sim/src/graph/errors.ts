import { randomBytes } from 'node:crypto';

/** Graph's error object, as it appears under `{"error": ...}`. */
export type GraphErrorBody = {
  message: string;
  type: string;
  code: number;
  error_subcode?: number;
  is_transient: boolean;
  error_user_title?: string;
  error_user_msg?: string;
  fbtrace_id: string;
};

type ErrorSpec = Omit<GraphErrorBody, 'fbtrace_id' | 'is_transient'> & { is_transient?: boolean; status?: number };

/** Thrown by handlers; the server turns it into Graph's JSON error with its HTTP status. */
export class GraphError extends Error {
  readonly status: number;
  readonly body: Omit<GraphErrorBody, 'fbtrace_id'>;

  constructor(spec: ErrorSpec) {
    super(spec.message);
    const { status, ...body } = spec;
    this.status = status ?? 400;
    this.body = { ...body, is_transient: body.is_transient ?? false };
  }

  toJSON(): { error: GraphErrorBody } {
    return { error: { ...this.body, fbtrace_id: fbtraceId() } };
  }
}

// Meta's trace ids are opaque base64-ish strings of about 11 characters.
const fbtraceId = (): string => randomBytes(8).toString('base64').replace(/[+/=]/g, 'A').slice(0, 11);

export const invalidToken = (): GraphError =>
  new GraphError({
    message: 'Invalid OAuth access token - Cannot parse access token',
    type: 'OAuthException',
    code: 190,
  });

export const missingToken = (): GraphError =>
  new GraphError({
    message: 'An active access token must be used to query information about the current user.',
    type: 'OAuthException',
    code: 2500,
  });

export const expiredToken = (): GraphError =>
  new GraphError({
    message: 'Error validating access token: Session has expired.',
    type: 'OAuthException',
    code: 190,
    error_subcode: 463,
  });

export const unknownPath = (id: string): GraphError =>
  new GraphError({
    message: `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    type: 'GraphMethodException',
    code: 100,
    error_subcode: 33,
  });

export const invalidParam = (message: string): GraphError =>
  new GraphError({ message: `(#100) ${message}`, type: 'OAuthException', code: 100 });

export const nonexistingField = (field: string, nodeType: string): GraphError =>
  invalidParam(`Tried accessing nonexisting field (${field}) on node type (${nodeType})`);

export const tooMuchData = (): GraphError =>
  new GraphError({
    message: "Please reduce the amount of data you're asking for, then retry your request",
    type: 'OAuthException',
    code: 100,
    error_subcode: 1487534,
    is_transient: false,
    error_user_title: 'Too much data requested',
    error_user_msg: "Please reduce the amount of data you're asking for, then retry your request",
  });

export const transientError = (code: 1 | 2): GraphError =>
  new GraphError({
    message:
      code === 1 ? 'An unknown error occurred' : 'An unexpected error has occurred. Please retry your request later.',
    type: 'OAuthException',
    code,
    is_transient: true,
    status: 500,
  });
