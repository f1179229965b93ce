import type { GraphNode, Route } from './context.js';
import { GraphError } from './errors.js';
import type { GraphRequest } from './request.js';

/** Routes keyed by `METHOD kind` or `METHOD kind/edge`: `GET account/insights`, `POST page/messages`. */
export type RouteTable = Record<string, Route>;

export function findRoute(table: RouteTable, req: GraphRequest, node: GraphNode): Route {
  const edge = req.segments.slice(1).join('/');
  const key = `${req.method} ${node.kind}${edge ? `/${edge}` : ''}`;
  const route = table[key];
  if (route) return route;
  if (edge) throw unknownEdge(edge);
  throw new GraphError({
    message: `Unsupported ${req.method.toLowerCase()} request. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    type: 'GraphMethodException',
    code: 100,
  });
}

const unknownEdge = (edge: string): GraphError =>
  new GraphError({ message: `Unknown path components: /${edge}`, type: 'OAuthException', code: 2500 });
