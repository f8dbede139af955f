// One measured run of the file analysis, in its own process so peak RSS belongs to it alone.
import { AnalysisConfigSchema, analyzeFiles, compileRuleFiles, readRuleFiles } from '@serviq/services';

const [file, threadsArg, rulesArg = 'default', modelsArg = 'default'] = process.argv.slice(2);
if (!file)
  throw new Error('usage: run-analysis.ts <file> <threads> [none|default|<rule file>] [none|default]');
const threads = Number(threadsArg ?? 1);
const files = rulesArg === 'none' ? undefined : readRuleFiles(rulesArg === 'default' ? undefined : rulesArg);
const rules = files ? { files, ruleSet: compileRuleFiles(files).ruleSet } : undefined;
const started = performance.now();
let bytesOut = 0;
const report = await analyzeFiles({
  files: [file],
  format: 'auto',
  config: AnalysisConfigSchema.parse({
    timeZone: 'Asia/Shanghai',
    ...(modelsArg === 'none' ? { models: null } : {}),
  }),
  ...(rules ? { rules } : {}),
  threads,
  isAnalyzing: true,
  onResults: (jsonl) => {
    bytesOut += jsonl.length;
  },
});
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  JSON.stringify({
    threads,
    seconds,
    conversations: report.conversations,
    messages: report.summary.messages,
    rejected: report.rejected,
    outputMB: bytesOut / 1e6,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
