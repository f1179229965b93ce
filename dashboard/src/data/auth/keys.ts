export const authKeys = {
  all: ['auth'] as const,
  me: () => [...authKeys.all, 'me'] as const,
  firstRun: () => [...authKeys.all, 'first-run'] as const,
};
