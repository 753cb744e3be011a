import { describe, expect, it } from 'vitest';
import { loginUrl, safeRedirect } from './redirect.ts';

describe('safeRedirect', () => {
  it('keeps paths on this site, with their query and fragment', () => {
    expect(safeRedirect('/events/create')).toBe('/events/create');
    expect(safeRedirect('/events/create?draft=1#when')).toBe('/events/create?draft=1#when');
    expect(safeRedirect('/@alice')).toBe('/@alice');
  });

  it('normalizes dot segments without leaving the site', () => {
    expect(safeRedirect('/a/../../events')).toBe('/events');
  });

  it('refuses anything that could lead to another site', () => {
    for (const target of [
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      'javascript:alert(1)',
      'events/create',
      ' /events',
      ''
    ]) {
      expect(safeRedirect(target), JSON.stringify(target)).toBe('/');
    }
    expect(safeRedirect(null)).toBe('/');
    expect(safeRedirect(undefined, '/home')).toBe('/home');
  });
});

describe('loginUrl', () => {
  it('asks to come back to the page', () => {
    expect(loginUrl(new URL('http://x/events/create?a=1'))).toBe('/login?redirect=%2Fevents%2Fcreate%3Fa%3D1');
    expect(loginUrl(new URL('http://x/'))).toBe('/login');
  });
});
