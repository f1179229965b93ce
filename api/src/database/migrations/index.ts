import { InitialSchema1764064800000 } from './1764064800000-initial-schema.js';
import { AdsSync1764151200000 } from './1764151200000-ads-sync.js';
import { Messenger1764237600000 } from './1764237600000-messenger.js';
import { ConversationBackfill1764324000000 } from './1764324000000-conversation-backfill.js';
import { ConversionCredit1764410400000 } from './1764410400000-conversion-credit.js';
import { SendOutcomes1764496800000 } from './1764496800000-send-outcomes.js';
import { WorkspacesAccess1764583200000 } from './1764583200000-workspaces-access.js';
import { MetaConnections1764669600000 } from './1764669600000-meta-connections.js';
import { ObservedRollup1764756000000 } from './1764756000000-observed-rollup.js';
import { LoginThrottle1764799200000 } from './1764799200000-login-throttle.js';
import { ConfiguredTokenHealth1764802800000 } from './1764802800000-configured-token-health.js';
import { Alerts1764806400000 } from './1764806400000-alerts.js';
import { CoarseRollups1764842400000 } from './1764842400000-coarse-rollups.js';

import { FirstResponse1764849600000 } from './1764849600000-first-response.js';
import { Reach1764853200000 } from './1764853200000-reach.js';
import { Cohorts1764856800000 } from './1764856800000-cohorts.js';
import { Links1764860400000 } from './1764860400000-links.js';
import { Reports1764864000000 } from './1764864000000-reports.js';
import { ReachLevels1764867600000 } from './1764867600000-reach-levels.js';
/** Every migration, oldest first. TypeORM runs the pending ones at start-up. */
export const migrations = [
  InitialSchema1764064800000,
  AdsSync1764151200000,
  Messenger1764237600000,
  ConversationBackfill1764324000000,
  ConversionCredit1764410400000,
  SendOutcomes1764496800000,
  WorkspacesAccess1764583200000,
  MetaConnections1764669600000,
  ObservedRollup1764756000000,
  LoginThrottle1764799200000,
  ConfiguredTokenHealth1764802800000,
  Alerts1764806400000,
  CoarseRollups1764842400000,
  FirstResponse1764849600000,
  Reach1764853200000,
  Cohorts1764856800000,
  Links1764860400000,
  Reports1764864000000,
  ReachLevels1764867600000,
];
