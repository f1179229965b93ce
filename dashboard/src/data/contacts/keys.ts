import type { DayRange } from '../../lib/date-range';
import type { ContactFilters } from './contacts-query';

export const contactsKeys = {
  all: ['contacts'] as const,
  lists: () => [...contactsKeys.all, 'list'] as const,
  list: (filters: ContactFilters, cursor: string | null) => [...contactsKeys.lists(), filters, cursor] as const,
  detail: (id: string) => [...contactsKeys.all, 'detail', id] as const,
  campaignNames: (range: DayRange) => [...contactsKeys.all, 'campaign-names', range.from, range.to] as const,
};
