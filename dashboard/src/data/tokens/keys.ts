export const tokensKeys = {
  all: ['tokens'] as const,
  list: () => [...tokensKeys.all, 'list'] as const,
};
