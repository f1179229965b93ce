export const demoKeys = {
  all: ['demo'] as const,
};
