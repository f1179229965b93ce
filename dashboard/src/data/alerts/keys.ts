export const alertsKeys = {
  all: ['alerts'] as const,
  list: () => [...alertsKeys.all, 'list'] as const,
};
