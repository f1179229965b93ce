export const conversionRulesKeys = {
  all: ['conversion-rules'] as const,
  list: () => [...conversionRulesKeys.all, 'list'] as const,
};
