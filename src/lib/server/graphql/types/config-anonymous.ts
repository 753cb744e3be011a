import { builder } from '../builder.ts';
import { ConfigType } from './config.ts';

interface AnonymousSettings {
  participationAllowed: boolean;
}

const Enabled = <N extends string>(name: N, description: string) =>
  builder.objectRef<{ enabled: boolean }>(name).implement({
    description,
    fields: (t) => ({ enabled: t.exposeBoolean('enabled') })
  });

const EmailValidation = builder
  .objectRef<{ enabled: boolean; confirmationRequired: boolean }>('AnonymousParticipationValidationEmail')
  .implement({
    description: 'How an anonymous participation is confirmed by email',
    fields: (t) => ({
      enabled: t.exposeBoolean('enabled'),
      confirmationRequired: t.exposeBoolean('confirmationRequired')
    })
  });

const ParticipationValidation = builder.objectRef<AnonymousSettings>('AnonymousParticipationValidation').implement({
  description: 'The ways anonymous participations are validated',
  fields: (t) => ({
    // Every anonymous participation is confirmed from a link sent to its address.
    email: t.field({ type: EmailValidation, resolve: () => ({ enabled: true, confirmationRequired: true }) }),
    captcha: t.field({
      type: Enabled('AnonymousParticipationValidationCaptcha', 'Captcha validation of anonymous participations'),
      resolve: () => ({ enabled: false })
    })
  })
});

const Participation = builder.objectRef<AnonymousSettings>('AnonymousParticipation').implement({
  description: "The instance's anonymous participation settings",
  fields: (t) => ({
    allowed: t.exposeBoolean('participationAllowed'),
    validation: t.field({ type: ParticipationValidation, resolve: (s) => s })
  })
});

const EventCreationEmail = builder
  .objectRef<{ enabled: boolean; confirmationRequired: boolean }>('AnonymousEventCreationValidationEmail')
  .implement({
    fields: (t) => ({
      enabled: t.exposeBoolean('enabled'),
      confirmationRequired: t.exposeBoolean('confirmationRequired')
    })
  });

const EventCreationValidation = builder.objectRef<object>('AnonymousEventCreationValidation').implement({
  fields: (t) => ({
    email: t.field({ type: EventCreationEmail, resolve: () => ({ enabled: false, confirmationRequired: true }) }),
    captcha: t.field({
      type: Enabled('AnonymousEventCreationValidationCaptcha', 'Captcha validation of anonymous event creation'),
      resolve: () => ({ enabled: false })
    })
  })
});

/** Events are only ever created by profiles here. */
const EventCreation = builder.objectRef<object>('AnonymousEventCreation').implement({
  fields: (t) => ({
    allowed: t.boolean({ resolve: () => false }),
    validation: t.field({ type: EventCreationValidation, resolve: () => ({}) })
  })
});

/** Reports need a profile here. */
const Reports = builder.objectRef<object>('AnonymousReports').implement({
  fields: (t) => ({ allowed: t.boolean({ resolve: () => false }) })
});

const Anonymous = builder.objectRef<AnonymousSettings>('Anonymous').implement({
  description: "The instance's settings for people without an account",
  fields: (t) => ({
    participation: t.field({ type: Participation, resolve: (s) => s }),
    eventCreation: t.field({ type: EventCreation, resolve: () => ({}) }),
    reports: t.field({ type: Reports, resolve: () => ({}) }),
    actorId: t.id({
      description: 'The profile anonymous participations belong to',
      resolve: async (_s, _a, ctx) => (await ctx.services.participation.anonymous.actor()).id
    })
  })
});

builder.objectField(ConfigType, 'anonymous', (t) =>
  t.field({
    type: Anonymous,
    description: "The instance's anonymous action settings",
    resolve: (_config, _args, ctx) => ({ participationAllowed: ctx.services.config.anonymousParticipation })
  })
);
