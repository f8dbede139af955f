export * from './detect-format.ts';
export * from './import-chatwoot.ts';
export * from './import-csv.ts';
export * from './import-issue.ts';
export * from './import-zendesk.ts';
export * from './normalize-conversation.ts';
export * from './parse-csv.ts';
export * from './split-json-array.ts';
