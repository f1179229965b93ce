export const linksKeys = {
  all: ['links'] as const,
  list: () => [...linksKeys.all, 'list'] as const,
  pages: () => [...linksKeys.all, 'pages'] as const,
};
