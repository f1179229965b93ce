export const syncKeys = {
  all: ['sync'] as const,
  accounts: () => [...syncKeys.all, 'accounts'] as const,
  runs: (limit: number) => [...syncKeys.all, 'runs', { limit }] as const,
};
