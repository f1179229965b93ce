import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { ACCESS_RULE, PUBLIC_ROUTE } from '../../src/auth/access.decorator.js';
import { SIGNATURE_GUARDED } from '../../src/auth/access.guard.js';
import type { AccessRule } from '../../src/auth/roles.js';

export type Route = {
  method: string;
  path: string;
  /** What the route declares: public, guarded by a signature, an access rule, or nothing (denied). */
  access: { kind: 'public' } | { kind: 'signature' } | { kind: 'rule'; rule: AccessRule } | { kind: 'undeclared' };
};

/** Every route the application registered, read from Nest's controllers and their decorators (as Nest's RouterExplorer does). */
export function routeTable(app: INestApplication): Route[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const reflector = app.get(Reflector);
  const scanner = new MetadataScanner();
  const routes: Route[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { metatype, instance } = wrapper as { metatype: new () => object; instance: Record<string, unknown> };
    const base = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
    for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
      const handler = instance[name] as object;
      const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (sub === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number]!;
      const path = `/${[base, sub]
        .map((p) => p.replace(/^\/|\/$/g, ''))
        .filter(Boolean)
        .join('/')}`;
      const targets = [handler as () => void, metatype];
      const rule = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, targets);
      const access: Route['access'] = SIGNATURE_GUARDED.includes(metatype)
        ? { kind: 'signature' }
        : reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)
          ? { kind: 'public' }
          : rule
            ? { kind: 'rule', rule }
            : { kind: 'undeclared' };
      routes.push({ method, path, access });
    }
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

/** The routes Express actually serves ("GET /api/x/:id"), less Nest's catch-all 404 handler, to check the table above misses none. */
export function expressRoutes(app: INestApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as {
    router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
  };
  return express.router.stack
    .flatMap((layer) =>
      layer.route ? Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path}`) : [],
    )
    .filter((route) => !route.endsWith(' {/*splat}'))
    .sort();
}

/** A route's path with every parameter replaced. */
export function fillPath(path: string, value: string): string {
  return path.replace(/:[A-Za-z_]+/g, value);
}
