import { isObject, type Json } from './json-values.ts';

export type RecordFormat = 'canonical' | 'chatwoot-webhook' | 'chatwoot' | 'zendesk' | 'unknown';

function isChatwootConversation(v: Json): boolean {
  return Array.isArray(v.messages) && ('inbox_id' in v || 'account_id' in v || 'contact_inbox' in v);
}

function isCanonical(v: Json): boolean {
  if (!('id' in v) || !Array.isArray(v.messages)) return false;
  const first = v.messages[0];
  return first === undefined || (isObject(first) && 'role' in first && 'at' in first);
}

/** Chatwoot payload lists hold messages (`message_type`) or conversations (`inbox_id`). */
function isChatwootPayload(list: unknown[]): boolean {
  const first = list[0];
  return first === undefined || (isObject(first) && ('message_type' in first || 'inbox_id' in first));
}

/**
 * Guesses the format of a .json document or of the first record of a .jsonl file by its shape,
 * so the reader can pick the importer. Checks run from the most to the least specific marker.
 */
export function detectRecordFormat(value: unknown): RecordFormat {
  if (Array.isArray(value)) {
    const first = value[0];
    if (!isObject(first)) return 'unknown';
    if (isChatwootConversation(first)) return 'chatwoot';
    return isCanonical(first) ? 'canonical' : 'unknown';
  }
  if (!isObject(value)) return 'unknown';
  if (typeof value.event === 'string') return 'chatwoot-webhook';
  // Before the Zendesk checks: a canonical record's own `ticket` field is not a Zendesk export.
  if (isCanonical(value)) return 'canonical';
  if (Array.isArray(value.tickets) || isObject(value.ticket)) return 'zendesk';
  if ('requester_id' in value && 'id' in value) return 'zendesk';
  if (isObject(value.data) && Array.isArray(value.data.payload) && isChatwootPayload(value.data.payload)) {
    return 'chatwoot';
  }
  if (Array.isArray(value.payload) && isChatwootPayload(value.payload)) return 'chatwoot';
  if (isChatwootConversation(value)) return 'chatwoot';
  // A bare comments response: the Zendesk importer explains that it needs its ticket.
  if (Array.isArray(value.comments)) return 'zendesk';
  return 'unknown';
}
