/**
 * How often each sensitive operation may run, per client address, per email address and per
 * signed-in account. Mobilizon allows 10 logins a minute per IP and 5 per email; the mails cost
 * more, so they get hourly windows, and so do the account changes that check a password.
 */
export interface LimitRule {
  limit: number;
  windowSeconds: number;
}

export interface OperationLimits {
  perAddress: LimitRule;
  perEmail?: LimitRule;
  /** Per signed-in account: a stolen session cannot try passwords faster than this. */
  perUser?: LimitRule;
}

export const LIMITS: Record<string, OperationLimits> = {
  login: { perAddress: { limit: 10, windowSeconds: 60 }, perEmail: { limit: 5, windowSeconds: 60 } },
  createUser: { perAddress: { limit: 5, windowSeconds: 3600 }, perEmail: { limit: 3, windowSeconds: 3600 } },
  sendResetPassword: { perAddress: { limit: 10, windowSeconds: 3600 }, perEmail: { limit: 3, windowSeconds: 3600 } },
  resendConfirmationEmail: {
    perAddress: { limit: 10, windowSeconds: 3600 },
    perEmail: { limit: 3, windowSeconds: 3600 }
  },
  resetPassword: { perAddress: { limit: 10, windowSeconds: 600 } },
  validateUser: { perAddress: { limit: 20, windowSeconds: 600 } },
  refreshToken: { perAddress: { limit: 60, windowSeconds: 60 } },
  // Each of these checks the account's password (argon2): a few tries an hour are plenty for a person.
  changePassword: { perAddress: { limit: 10, windowSeconds: 3600 }, perUser: { limit: 5, windowSeconds: 3600 } },
  changeEmail: { perAddress: { limit: 10, windowSeconds: 3600 }, perUser: { limit: 5, windowSeconds: 3600 } },
  deleteAccount: { perAddress: { limit: 10, windowSeconds: 3600 }, perUser: { limit: 5, windowSeconds: 3600 } },
  // These may carry pictures, which cost a decode and a re-encode each: generous for a person, not for a script.
  uploadMedia: { perAddress: { limit: 120, windowSeconds: 3600 }, perUser: { limit: 60, windowSeconds: 3600 } },
  updatePerson: { perAddress: { limit: 120, windowSeconds: 3600 }, perUser: { limit: 60, windowSeconds: 3600 } },
  createPerson: { perAddress: { limit: 120, windowSeconds: 3600 }, perUser: { limit: 60, windowSeconds: 3600 } }
};

/**
 * Search terms that are addresses (a URL, `@user@host`) make this server fetch from another one:
 * per signed-in account, plenty for a person pasting links, not a crawler or a port scanner.
 */
export const REMOTE_LOOKUP_LIMIT: LimitRule = { limit: 30, windowSeconds: 600 };

/**
 * Inbox deliveries are counted per remote host (the signing key's), over one minute; the limit
 * itself is INBOX_RATE_LIMIT_PER_MINUTE. A busy Mobilizon or Mastodon sends a few per second at
 * most; a host past that is flooding.
 */
export const INBOX_WINDOW_SECONDS = 60;
