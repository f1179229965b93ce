import type { Role } from '../data/auth/me-query';
import { roleAtLeast } from './roles';
import { hrefFor, useSearchParams, type Params } from './url-state';

/** The dashboard's pages, as `?view=` names them; the Overview is the default and needs no parameter. */
export const VIEWS = ['overview', 'campaigns', 'ref-links', 'contacts', 'reports', 'status', 'settings'] as const;
export type View = (typeof VIEWS)[number];

export const SETTINGS_TABS = [
  { id: 'connections', label: 'Meta connections', what: 'the Meta connections', role: 'admin' },
  { id: 'tokens', label: 'API tokens', what: 'the API tokens', role: 'admin' },
  { id: 'members', label: 'Members', what: 'the member list', role: 'admin' },
  // analysts and viewers read these two; the tabs show them read-only
  { id: 'rules', label: 'Conversion rules', what: 'the conversion rules', role: 'viewer' },
  { id: 'workspace', label: 'Workspace', what: 'the workspace settings', role: 'viewer' },
  { id: 'audit', label: 'Audit log', what: 'the audit log', role: 'owner' },
] as const satisfies readonly { id: string; label: string; what: string; role: Role }[];
export type SettingsTab = (typeof SETTINGS_TABS)[number]['id'];

/** The settings tabs this role may open (the API enforces the same roles). */
export const settingsTabsFor = (role: Role) => SETTINGS_TABS.filter((tab) => roleAtLeast(role, tab.role));

const isView = (name: string | null): name is View => VIEWS.includes(name as View);

/** The page the URL asks for (an unknown name is the Overview) and its parameters. */
export function useView(): { view: View; params: URLSearchParams } {
  const params = useSearchParams();
  const name = params.get('view');
  return { view: isView(name) ? name : 'overview', params };
}

/** The URL of a page with its own parameters. */
export function viewHref(view: View, params: Params = {}): string {
  return hrefFor(view === 'overview' ? params : { view, ...params });
}

export const settingsHref = (tab?: SettingsTab, params: Params = {}) => viewHref('settings', { tab, ...params });
