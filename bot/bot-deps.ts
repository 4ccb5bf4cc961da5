import type { Config } from '../src/config';
import type { Logger } from '../src/logging';
import type { Clock, HaloImportService } from '../src/service';
import type { KeyValueStore } from '../src/store';

/** What the composition root hands the bot. */
export interface BotDeps {
  readonly config: Config;
  readonly service: HaloImportService;
  readonly logger: Logger;
  /** conversation references and the welcome flag live here, so any instance can answer */
  readonly kv: KeyValueStore;
  readonly clock: Clock;
}

/** Tunables with production defaults; tests shorten them. */
export interface BotOptions {
  /** an approval that has not finished after this long answers with a progress card (ms) */
  readonly progressAfterMs?: number;
  /** at most one progress update per this many ms */
  readonly progressEveryMs?: number;
}
