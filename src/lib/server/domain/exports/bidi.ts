/** Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko… and their presentation forms). */
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const LTR = /[\p{L}\p{N}]/u;

export interface Run {
  text: string;
  rtl: boolean;
}

/**
 * A much simplified bidi algorithm, enough for names and short messages: the text is cut into runs
 * of one direction (digits count as left-to-right; spaces and punctuation join the run before them),
 * and the line's direction is that of its first strong letter.
 */
export function directionalRuns(text: string): { rtl: boolean; runs: Run[] } {
  const runs: Run[] = [];
  for (const char of text) {
    const rtl = RTL.test(char) ? true : LTR.test(char) ? false : undefined;
    const last = runs.at(-1);
    if (last && (rtl === undefined || rtl === last.rtl)) last.text += char;
    else runs.push({ text: char, rtl: rtl ?? false });
  }
  const first = runs.find((r) => RTL.test(r.text) || LTR.test(r.text));
  return { rtl: first?.rtl ?? false, runs };
}
