import { describe, expect, it } from 'vitest';
import { declaredCharset, decodeEntities, parseHtmlMetadata } from './html-metadata.ts';

describe('what a page says of itself', () => {
  it('prefers Open Graph, then Twitter cards, then the title and description', () => {
    const html = `<html><head><title>Page &ndash; title</title>
      <meta name="description" content="Plain description">
      <meta name="twitter:title" content="Card title"><meta name=twitter:image content=/card.png>
      <META PROPERTY='og:description' CONTENT='Open &quot;Graph&quot; &#233;&#x2014;'>
      <meta property="og:image:width" content="1200"><meta property="og:image:height" content="nope">
      <link rel="shortcut icon" href="../icon.ico"></head></html>`;
    expect(parseHtmlMetadata(html, 'https://site.example/a/b')).toEqual({
      type: undefined,
      title: 'Card title',
      description: 'Open "Graph" é—',
      imageRemoteUrl: 'https://site.example/card.png',
      width: 1200,
      height: undefined,
      authorName: undefined,
      providerName: 'site.example',
      providerUrl: 'https://site.example',
      faviconUrl: 'https://site.example/icon.ico'
    });
  });

  it('ignores comments and scripts, honours <base href>, and keeps only web addresses', () => {
    const html = `<!-- <meta property="og:title" content="commented"> -->
      <script>document.write('<meta property="og:title" content="scripted">')</script>
      <base href="https://cdn.example/assets/"><meta property="og:image" content="javascript:alert(1)">
      <link rel="apple-touch-icon" href="touch.png"><title>Real <b>title</b></title>`;
    expect(parseHtmlMetadata(html, 'https://site.example/')).toMatchObject({
      title: 'Real title',
      imageRemoteUrl: undefined,
      faviconUrl: 'https://cdn.example/assets/touch.png'
    });
  });

  it('survives broken markup', () => {
    expect(parseHtmlMetadata('<meta property="og:title" content="unterminated', 'https://x.example/').title).toBe(
      undefined
    );
    expect(parseHtmlMetadata('<title>Open', 'https://x.example/').title).toBeUndefined();
    expect(parseHtmlMetadata('<script>never closed <title>x</title>', 'https://x.example/').title).toBeUndefined();
  });

  it('reads entities and declared charsets', () => {
    expect(decodeEntities('&amp;&lt;&#0;&#x110000;&unknown;')).toBe('&<&#0;&#x110000;&unknown;');
    expect(declaredCharset('<meta charset="ISO-8859-1">')).toBe('iso-8859-1');
    expect(declaredCharset('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">')).toBe(
      'windows-1252'
    );
  });
});
