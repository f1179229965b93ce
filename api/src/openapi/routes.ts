import { RequestMethod, type INestApplication, type Type } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import type { z } from 'zod';
import { ACCESS_RULE, PUBLIC_ROUTE } from '../auth/access.decorator.js';
import { SIGNATURE_GUARDED } from '../auth/access.guard.js';
import type { AccessRule } from '../auth/roles.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { API_DOC, type ApiDocOptions } from './api-doc.decorator.js';

export type RouteAccess =
  { kind: 'public' } | { kind: 'signature' } | { kind: 'rule'; rule: AccessRule } | { kind: 'none' };

/** An argument of a handler: the whole query or body, or one named parameter; `schema` when a ZodValidationPipe checks it. */
export type ValidatedArg = { in: 'query' | 'body' | 'path'; name?: string; schema?: z.ZodType };

export type DocumentedRoute = {
  method: string;
  /** OpenAPI style: /api/contacts/{id} */
  path: string;
  httpCode: number | undefined;
  access: RouteAccess;
  args: ValidatedArg[];
  doc: ApiDocOptions | undefined;
};

const IN: Partial<Record<RouteParamtypes, ValidatedArg['in']>> = {
  [RouteParamtypes.QUERY]: 'query',
  [RouteParamtypes.BODY]: 'body',
  [RouteParamtypes.PARAM]: 'path',
};

/** Every route of the application's controllers, with what the docs read from its decorators. */
export function documentedRoutes(app: INestApplication): DocumentedRoute[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const reflector = app.get(Reflector);
  const scanner = new MetadataScanner();
  const routes: DocumentedRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { metatype, instance } = wrapper as { metatype: Type; instance: Record<string, unknown> };
    const base = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
    for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
      const handler = instance[name] as () => unknown;
      const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (sub === undefined) continue;
      const path = `/${[base, sub]
        .map((p) => p.replace(/^\/|\/$/g, ''))
        .filter(Boolean)
        .join('/')}`.replace(/:([A-Za-z_]+)/g, '{$1}');
      routes.push({
        method: RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number]!.toLowerCase(),
        path,
        httpCode: Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined,
        access: accessOf(reflector, metatype, handler),
        args: validatedArgs(metatype, name),
        doc: reflector.get<ApiDocOptions | undefined>(API_DOC, handler),
      });
    }
  }
  return routes;
}

function accessOf(reflector: Reflector, metatype: Type, handler: () => unknown): RouteAccess {
  if (SIGNATURE_GUARDED.includes(metatype)) return { kind: 'signature' };
  const targets = [handler, metatype];
  if (reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return { kind: 'public' };
  const rule = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, targets);
  return rule ? { kind: 'rule', rule } : { kind: 'none' };
}

type RouteArg = { index: number; data?: unknown; pipes?: unknown[] };

/** The handler's query, body and path arguments, with the schema of the ZodValidationPipe that checks each. */
function validatedArgs(metatype: Type, method: string): ValidatedArg[] {
  const metadata = (Reflect.getMetadata(ROUTE_ARGS_METADATA, metatype, method) ?? {}) as Record<string, RouteArg>;
  const args: ValidatedArg[] = [];
  for (const [key, arg] of Object.entries(metadata)) {
    const where = IN[Number(key.split(':')[0]) as RouteParamtypes];
    const pipe = arg.pipes?.find((p): p is ZodValidationPipe<z.ZodType> => p instanceof ZodValidationPipe);
    if (!where || (!pipe && where === 'body')) continue;
    const name = typeof arg.data === 'string' ? { name: arg.data } : {};
    // the pipe keeps its schema private; reading it here is what keeps docs and validation one
    args.push({ in: where, ...name, ...(pipe ? { schema: pipe['schema'] } : {}) });
  }
  return args;
}
