import { EXIT_OK, EXIT_USAGE, UsageError } from './cli-error.ts';
import { ANALYZE_HELP, runAnalyze, VALIDATE_HELP } from './commands/analyze.ts';
import { CLASSIFIER_HELP, runClassifierCommand } from './commands/classifier.ts';
import { DB_HELP, runDb } from './commands/db.ts';
import { DEMO_HELP, runDemo } from './commands/demo.ts';
import { RULES_HELP, runRules } from './commands/rules.ts';
import { runSentiment, SENTIMENT_HELP } from './commands/sentiment.ts';
import { runServe, runWorker, SERVE_HELP } from './commands/serve.ts';

const HELP = `serviq — open-source quality inspection (质检) for customer-service conversations

Usage: serviq <command> [options]

Commands:
  analyze   analyse conversation files (JSONL, JSON, CSV, Chatwoot, Zendesk) → JSONL results
  validate  check input files without analysing them
  rules     check, test and explain rule files (scorecards)
  sentiment score the sentiment, emotion and flags of lines of stdin
  train     train a text classifier (sentiment, emotion, intent, category) on labelled data
  eval      accuracy, macro-F1 and confusion of a classifier on labelled data
  classify  label lines of stdin with a classifier
  demo      generate synthetic demo conversations
  serve     run the service: API, live alerts and jobs (PGlite embedded, or PostgreSQL)
  worker    take background jobs from the PostgreSQL queue
  db        migrate, back up or restore the database

Run serviq <command> --help for a command's options.

${ANALYZE_HELP}

${VALIDATE_HELP}

${RULES_HELP}

${SENTIMENT_HELP}

${CLASSIFIER_HELP}

${DEMO_HELP}

${SERVE_HELP}

${DB_HELP}
`;

/** Entry point; returns the exit code. The environment is read here once and passed down. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'analyze':
        return await runAnalyze(rest, env, true);
      case 'validate':
        return await runAnalyze(rest, env, false);
      case 'rules':
        return await runRules(rest);
      case 'sentiment':
        return await runSentiment(rest);
      case 'train':
      case 'eval':
      case 'classify':
        return await runClassifierCommand(command, rest);
      case 'demo':
        return await runDemo(rest);
      case 'serve':
        return await runServe(rest, env);
      case 'worker':
        return await runWorker(rest, env);
      case 'db':
        return await runDb(rest, env);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(HELP);
        return EXIT_OK;
      case '--version':
      case '-v':
        process.stdout.write('serviq 0.1.0\n');
        return EXIT_OK;
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}; run serviq --help`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`serviq: ${(error as Error).message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
