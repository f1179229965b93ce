import type { Compared, DayRange, ProportionTest } from '@ctm/metrics';
import { z } from 'zod';
import { describes, openApiSchema } from '../zod-schema.js';

/** What Nest answers for an HttpException: the status, a sentence, and the status's name. */
export const errorResponse = z
  .object({
    statusCode: z.number().int(),
    message: z.string().meta({ description: 'A sentence naming the parameter or the problem, and what to do.' }),
    error: z.string().optional().meta({ description: 'The status’s name, e.g. Bad Request.' }),
  })
  .meta({ description: 'The body of every error answer (4xx, 5xx).' });
export const errorSchema = openApiSchema(errorResponse, 'output');

const ERROR_NAMES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};
const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'from: must be a calendar day as YYYY-MM-DD (the first day)',
  401: 'Sign in, or send an API token as "Authorization: Bearer <token>".',
  403: 'Your role here (viewer) does not allow this; it needs admin or above.',
  404: 'id: nothing of that id in this workspace.',
  429: 'ThrottlerException: Too Many Requests',
};

export function errorExample(status: number, message?: string): z.output<typeof errorResponse> {
  const name = ERROR_NAMES[status];
  return {
    statusCode: status,
    message: message ?? DEFAULT_MESSAGES[status] ?? name ?? 'Error',
    ...(name ? { error: name } : {}),
  };
}

export const day = z.string().meta({ format: 'date', example: '2026-11-01' });
export const dateTime = z.iso.datetime({ offset: true });

export const dayRange = describes<DayRange>()(z.object({ from: day, to: day }));

export const timeZones = z
  .object({
    messenger: z.string().meta({ description: 'Messenger figures are filed by day in the workspace’s time zone.' }),
    ads: z.string().meta({ description: 'Ad figures are in the ad accounts’ time zone, as Meta reports them.' }),
  })
  .meta({ description: 'The time zones the days are in.' });

export const compared = describes<Compared>()(
  z
    .object({
      value: z.number().nullable(),
      previous: z.number().nullable().meta({ description: 'The comparison period’s value; null without compare=.' }),
      change: z.number().nullable().meta({ description: 'value − previous' }),
      relativeChange: z
        .number()
        .nullable()
        .meta({ description: 'change / |previous|; null when previous is 0 or unknown' }),
      improved: z
        .boolean()
        .nullable()
        .meta({ description: 'Good news by the metric’s better-direction; null when flat or unknown.' }),
    })
    .meta({ description: 'A figure beside the same figure for the comparison period.' }),
);

export const proportionTest = describes<ProportionTest>()(
  z
    .object({
      p1: z.number(),
      p2: z.number(),
      difference: z.number().meta({ description: 'p1 − p2' }),
      z: z.number(),
      pValue: z.number().meta({ description: 'two-sided, under the pooled null hypothesis p1 = p2' }),
      interval: z.tuple([z.number(), z.number()]).meta({ description: 'confidence interval of the difference' }),
      confidence: z.number(),
      significant: z.boolean().meta({ description: 'The interval excludes zero: unlikely to be noise.' }),
    })
    .meta({ description: 'Two-proportion z-test of the period against the comparison period.' }),
);

export const significance = z
  .object({ conversionRate: proportionTest.nullable(), blockRate: proportionTest.nullable() })
  .nullable()
  .meta({ description: 'With compare=: whether the changes in conversion and block rate are real or noise.' });

export const figureExample = { value: 2, previous: 1, change: 1, relativeChange: 1, improved: true };
