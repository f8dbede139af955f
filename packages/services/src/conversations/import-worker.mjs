// Worker threads do not inherit the parent's tsx registration: register it, then load the TS worker.
import { register } from 'tsx/esm/api';

register();
await import('./import-worker.ts');
