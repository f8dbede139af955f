import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { type ImportedRecord, normalizeConversation } from '../src/import/index.ts';
import type { Conversation } from '../src/model/conversation.ts';

/** Reads `fixtures/<folder>/<name>` as text and as JSON. */
export function fixtures(folder: string) {
  const text = (name: string) => readFileSync(new URL(`fixtures/${folder}/${name}`, import.meta.url), 'utf8');
  return { text, json: (name: string): unknown => JSON.parse(text(name)) };
}

/** An imported record through normalizeConversation, failing the test with its issues. */
export function normalized(r: ImportedRecord | undefined): Conversation {
  assert.ok(r);
  const n = normalizeConversation(r.record, {}, r.line);
  assert.ok(n.ok, JSON.stringify(!n.ok && n.issues));
  return n.value;
}
