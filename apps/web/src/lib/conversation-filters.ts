import {
  type ConversationFilter,
  ConversationFilterSchema,
  ListConversationsSchema,
} from '@serviq/contracts';
import type { Query } from '../api/client.ts';

// The conversation list keeps its filters in the page's query string under the list API's own
// names (ConversationFilterSchema), so a list is a link: shareable, and the back button restores it.
// Lists are written comma-separated (`agent=a-01,a-02`); repeated keys are read too.

export type ConversationSort = 'started_at' | 'score' | 'first_response_ms' | 'csat';

export type ConversationListQuery = {
  filter: ConversationFilter;
  sort: ConversationSort;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
};

export const PAGE_SIZES = [20, 50, 100] as const;
const DEFAULTS = { sort: 'started_at', order: 'desc', offset: 0, limit: 50 } as const;

export const FILTER_KEYS = Object.keys(ConversationFilterSchema.shape) as (keyof ConversationFilter)[];

const isEmpty = (value: unknown) =>
  value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/** One parameter by its schema in the contract; a value the API would refuse is left out. */
function read<S extends { safeParse(v: unknown): { success: boolean; data?: unknown } }>(
  schema: S,
  params: URLSearchParams,
  key: string,
): unknown {
  const values = params.getAll(key);
  if (values.length === 0) return undefined;
  const parsed = schema.safeParse(values.length === 1 ? values[0] : values);
  return parsed.success && !isEmpty(parsed.data) ? parsed.data : undefined;
}

/** The list's filters, sort and page from a query string; what does not parse is dropped. */
export function readConversationQuery(params: URLSearchParams): ConversationListQuery {
  const filter: Record<string, unknown> = {};
  for (const key of FILTER_KEYS) {
    const value = read(ConversationFilterSchema.shape[key], params, key);
    if (value !== undefined) filter[key] = value;
  }
  const shape = ListConversationsSchema.shape;
  const limit = read(shape.limit, params, 'limit') as number | undefined;
  return {
    filter: filter as ConversationFilter,
    sort: (read(shape.sort, params, 'sort') as ConversationSort | undefined) ?? DEFAULTS.sort,
    order: (read(shape.order, params, 'order') as 'asc' | 'desc' | undefined) ?? DEFAULTS.order,
    offset: (read(shape.offset, params, 'offset') as number | undefined) ?? DEFAULTS.offset,
    limit: PAGE_SIZES.includes(limit as (typeof PAGE_SIZES)[number]) ? (limit as number) : DEFAULTS.limit,
  };
}

const text = (value: unknown) => (Array.isArray(value) ? value.join(',') : String(value));

/** The query string of a list; defaults are left out so links stay short. */
export function writeConversationQuery(query: Partial<ConversationListQuery>): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = query.filter?.[key];
    if (!isEmpty(value)) params.set(key, text(value));
  }
  for (const key of ['sort', 'order', 'offset', 'limit'] as const) {
    const value = query[key];
    if (value !== undefined && value !== DEFAULTS[key]) params.set(key, String(value));
  }
  return params;
}

/** `/conversations?…`: the list of the conversations matching a filter. */
export function conversationsHref(query: Partial<ConversationListQuery>): string {
  const qs = writeConversationQuery(query).toString();
  return `/conversations${qs ? `?${qs}` : ''}`;
}

/** A filter as the API's query parameters (lists repeat their key). */
export function filterQuery(filter: ConversationFilter): Query {
  const query: Query = {};
  for (const key of FILTER_KEYS) {
    const value = filter[key];
    if (!isEmpty(value)) query[key] = value as Query[string];
  }
  return query;
}

/** How many filters are set (the reset button says so). */
export const filterCount = (filter: ConversationFilter): number =>
  FILTER_KEYS.filter((key) => !isEmpty(filter[key])).length;
