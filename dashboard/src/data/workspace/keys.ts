export const workspaceKeys = {
  all: ['workspace'] as const,
  settings: () => [...workspaceKeys.all, 'settings'] as const,
};
