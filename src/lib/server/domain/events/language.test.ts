import { describe, expect, it } from 'vitest';
import { detectLanguage, htmlToText, normalizeLanguage } from './language.ts';

describe('event language detection', () => {
  it.each([
    [
      'fr',
      'Pique-nique entre voisins',
      '<p>Rendez-vous au parc pour un pique-nique, apportez vos plats et vos jeux.</p>'
    ],
    ['en', 'Neighbourhood picnic', '<p>Join us at the park for a picnic, bring <strong>food</strong> and games.</p>'],
    ['ar', 'نزهة الجيران', '<p>انضموا إلينا في الحديقة لنزهة مع الجيران، أحضروا الطعام والألعاب</p>'],
    ['de', 'Picknick im Park', '<p>Treffen im Park zum Picknick mit den Nachbarn, bringt Essen und Spiele mit.</p>']
  ])('recognises %s from the title and the text of the description', (code, title, description) => {
    expect(detectLanguage(title, description)).toBe(code);
  });

  it('answers und for a text too short to tell', () => {
    expect(detectLanguage('Hi', null)).toBe('und');
    expect(detectLanguage('Yoga', '<p>ok</p>')).toBe('und');
  });

  it('reads the text of the HTML, not its markup', () => {
    expect(htmlToText('<p>One&nbsp;<a href="https://x.example">two</a></p><p>three &amp; four</p>')).toBe(
      'One two three & four'
    );
  });

  it('takes a given language as its primary code, und as no choice', () => {
    expect(normalizeLanguage('fr-CA')).toBe('fr');
    expect(normalizeLanguage('EN')).toBe('en');
    expect(normalizeLanguage('und')).toBeNull();
    expect(normalizeLanguage('')).toBeNull();
    expect(normalizeLanguage('not a language')).toBeNull();
  });
});
