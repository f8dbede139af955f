export { DEMO_AGENTS, DEMO_TEAMS, type DemoAgent, type DemoPersona, type DemoTeam } from './demo-agents.ts';
export { DEMO_DEFAULT_DAYS, DEMO_DEFAULT_START_AT, type DemoOptions, generateDemo } from './generate-demo.ts';
export { Prng } from './prng.ts';
