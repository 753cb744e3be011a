/**
 * How often each sensitive operation may run, per client address and per email address. Mobilizon
 * allows 10 logins a minute per IP and 5 per email; the mails cost more, so they get hourly windows.
 */
export interface LimitRule {
  limit: number;
  windowSeconds: number;
}

export interface OperationLimits {
  perAddress: LimitRule;
  perEmail?: LimitRule;
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
  refreshToken: { perAddress: { limit: 60, windowSeconds: 60 } }
};
