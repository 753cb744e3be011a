import { describe, expect, it } from 'vitest';
import { plainTextToHtml, safeWebUrl, UUID_PATTERN } from './events.ts';

describe('plainTextToHtml', () => {
  it('makes paragraphs of blank-line separated text and keeps line breaks', () => {
    expect(plainTextToHtml('Bring food.\r\nAnd drinks.\n\n\nSee you!')).toBe(
      '<p>Bring food.<br>And drinks.</p><p>See you!</p>'
    );
  });

  it('escapes markup, so that text stays text', () => {
    expect(plainTextToHtml('a < b & <script>alert("x")</script>')).toBe(
      '<p>a &lt; b &amp; &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>'
    );
  });

  it('gives an empty string for blank text', () => {
    expect(plainTextToHtml('  \n \n')).toBe('');
  });
});

describe('safeWebUrl', () => {
  it('keeps http and https links only', () => {
    expect(safeWebUrl('https://meet.example/room')).toBe('https://meet.example/room');
    expect(safeWebUrl('javascript:alert(1)')).toBeNull();
    expect(safeWebUrl('data:text/html,x')).toBeNull();
    expect(safeWebUrl('not a url')).toBeNull();
    expect(safeWebUrl(null)).toBeNull();
  });
});

describe('UUID_PATTERN', () => {
  it('matches UUIDs only', () => {
    expect(UUID_PATTERN.test('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe(true);
    expect(UUID_PATTERN.test('create')).toBe(false);
  });
});
