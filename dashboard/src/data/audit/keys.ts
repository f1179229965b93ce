export const auditKeys = {
  all: ['audit'] as const,
  list: (limit: number) => [...auditKeys.all, 'list', { limit }] as const,
};
