import type { MessageKey } from '#lib/i18n/messages.ts';

/** What a settings form action answers: which form, its field errors, a form-level error, a success. */
export interface SettingsFormResult {
  form: string;
  errors: Partial<Record<string, MessageKey>>;
  formError: MessageKey | null;
  values: Record<string, string>;
  done: MessageKey | null;
  doneParams?: Record<string, string>;
}

export const formResult = (
  form: string,
  partial: Partial<Omit<SettingsFormResult, 'form'>> = {}
): SettingsFormResult => ({
  form,
  errors: partial.errors ?? {},
  formError: partial.formError ?? null,
  values: partial.values ?? {},
  done: partial.done ?? null,
  ...(partial.doneParams ? { doneParams: partial.doneParams } : {})
});
