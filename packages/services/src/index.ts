export * from './analysis-config.ts';
export * from './analyze-files.ts';
export * from './jieba-segmenter.ts';
export * from './open-input.ts';
export * from './process-units.ts';
export * from './read-lines.ts';
export * from './read-records.ts';
export * from './rule-files.ts';
