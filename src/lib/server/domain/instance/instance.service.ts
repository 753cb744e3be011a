import type { Config } from '../../config/index.ts';
import type { ActorsQueries } from '../actors/actors.queries.ts';
import type { EventsQueries } from '../events/events.queries.ts';
import type { InstanceSettings } from './instance-settings.ts';

export const SOFTWARE_NAME = 'convene';
export const SOFTWARE_VERSION = '0.1.0';
export const SOFTWARE_REPOSITORY = 'https://codeberg.org/convene/convene';

/** What the instance says about itself: public configuration and usage statistics. */
export class InstanceService {
  private readonly config: Config;
  private readonly actors: ActorsQueries;
  private readonly events: EventsQueries;
  private readonly settings: InstanceSettings;
  constructor(config: Config, actors: ActorsQueries, events: EventsQueries, settings: InstanceSettings) {
    this.config = config;
    this.actors = actors;
    this.events = events;
    this.settings = settings;
  }

  /** The registration fields follow the mode in force (an administrator's choice overrides the configuration). */
  async publicConfig() {
    const registrations = await this.settings.registrationMode();
    return {
      name: this.config.instanceName,
      description: this.config.instanceDescription,
      registrationsOpen: registrations !== 'closed',
      registrationsAllowlist: registrations === 'allowlist',
      federating: this.config.federation,
      version: SOFTWARE_VERSION
    };
  }

  async usage() {
    const [users, localEvents] = await Promise.all([this.actors.countLocalUsers(), this.events.countLocalEvents()]);
    return { users, localEvents, localComments: 0 };
  }
}
