import type { SubmitFunction } from '$app/forms';
import { tick } from 'svelte';

export interface SubmitFeedback {
  /** Told `true` when the form leaves, `false` once its result is on the page. */
  busy(value: boolean): void;
  /** The error summary, focused when the action fails so screen readers announce it. */
  alert(): HTMLElement | undefined;
  /** Whether the form is emptied after a success (SvelteKit's default); default true. */
  reset?: boolean;
  /** Runs after the result is applied, e.g. to clear password fields whatever happened. */
  afterUpdate?(form: HTMLFormElement): void;
}

/** The progressive enhancement every form of ours shares: a busy state, then focus on failure. */
export function submitWithFeedback(feedback: SubmitFeedback): SubmitFunction {
  return ({ formElement }) => {
    feedback.busy(true);
    return async ({ update, result }) => {
      await update({ reset: feedback.reset ?? true });
      feedback.busy(false);
      feedback.afterUpdate?.(formElement);
      if (result.type === 'failure') {
        await tick();
        feedback.alert()?.focus();
      }
    };
  };
}
