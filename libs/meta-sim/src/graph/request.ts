import type { IncomingMessage } from 'node:http';
import { invalidParam } from './errors.js';

/** Parameters as received: query-string values are strings; JSON bodies may hold objects. */
export type Params = Record<string, unknown>;

export type GraphRequest = {
  method: 'GET' | 'POST' | 'DELETE';
  /** `v24.0`: paging links repeat the version the client used. */
  version: string;
  /** Path after the version, split on '/': `act_1/insights` → ['act_1', 'insights']. */
  segments: string[];
  params: Params;
  token?: string;
};

const VERSIONED = /^\/(v\d+\.\d+)(\/.*)?$/;

/** Reads the whole request: the query string and a form-encoded or JSON body, merged as Graph does. */
export async function readRequest(req: IncomingMessage): Promise<GraphRequest | { notFound: string }> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const match = VERSIONED.exec(url.pathname);
  if (!match) return { notFound: url.pathname };
  const segments = (match[2] ?? '').split('/').filter(Boolean).map(decodeURIComponent);
  const params: Params = Object.fromEntries(url.searchParams);
  Object.assign(params, parseBody(await readBody(req), req.headers['content-type'] ?? ''));
  const method = (req.method ?? 'GET').toUpperCase();
  const token = typeof params['access_token'] === 'string' ? params['access_token'] : bearer(req);
  const verb = method === 'POST' || method === 'DELETE' ? method : 'GET';
  return { method: verb, version: match[1] ?? 'v24.0', segments, params, token };
}

function bearer(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  return auth?.startsWith('OAuth ') || auth?.startsWith('Bearer ') ? auth.split(' ')[1] : undefined;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(body: string, contentType: string): Params {
  if (!body.trim()) return {};
  if (contentType.includes('application/json') || body.trimStart().startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(body);
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Params) : {};
    } catch {
      throw invalidParam('The request body is not valid JSON');
    }
  }
  return Object.fromEntries(new URLSearchParams(body));
}

/** A string parameter (numbers and booleans from JSON bodies are stringified). */
export function stringParam(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A parameter Graph takes as JSON: a string to parse from the query, or already an object from a JSON body. */
export function jsonParam(params: Params, name: string): unknown {
  const value = params[name];
  if (typeof value !== 'string') return value ?? undefined;
  if (value === '') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    // Graph accepts some list params as plain comma-separated text
    if (/^[\w.,-]+$/.test(value)) return value.split(',');
    throw invalidParam(`Param ${name} must be a JSON value`);
  }
}

/** Comma-separated list param (fields, breakdowns...), from text or a JSON array. */
export function listParam(params: Params, name: string): string[] | undefined {
  const value = params[name];
  if (Array.isArray(value)) return value.map(String);
  const text = stringParam(params, name);
  if (text === undefined) return undefined;
  if (text.startsWith('[')) return (jsonParam(params, name) as unknown[]).map(String);
  return splitTopLevel(text);
}

/** Splits `a,b{c,d},e` on top-level commas only, so nested field expansions stay whole. */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '{' || ch === '(') depth++;
    else if (ch === '}' || ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out.filter(Boolean);
}
