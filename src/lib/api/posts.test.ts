import { describe, expect, it } from 'vitest';
import { canWritePosts, groupNameParam, htmlToFormText, readPostForm, tagList, textToHtml } from './posts.ts';

describe('the post editor’s text', () => {
  it('turns paragraphs and line breaks into HTML, escaping the rest', () => {
    expect(textToHtml('Hello <b>you</b>\nsecond line\r\n\r\n\n  Next & last  ')).toBe(
      '<p>Hello &lt;b&gt;you&lt;/b&gt;<br>second line</p><p>Next &amp; last</p>'
    );
    expect(textToHtml('   ')).toBe('');
  });

  it('reads a post’s HTML back as the same text', () => {
    const text = 'Hello <b>you</b>\nsecond line\n\nNext & last';
    expect(htmlToFormText(textToHtml(text))).toBe(text);
    expect(htmlToFormText('<h2>Title</h2><ul><li>one</li></ul><p>a&#39;b &#99999999;</p>')).toBe(
      "Title\n\none\n\na'b &#99999999;"
    );
  });

  it('reads the form leniently', () => {
    const data = new FormData();
    data.set('title', 'T');
    data.set('visibility', 'SECRET');
    data.set('intent', 'draft');
    data.set('picture', new File([], ''));
    expect(readPostForm(data)).toEqual({
      values: { title: 'T', body: '', visibility: 'PUBLIC', tags: '' },
      draft: true,
      picture: null
    });
    expect(tagList(' a, ,b ,')).toEqual(['a', 'b']);
  });

  it('knows group names and who writes posts', () => {
    expect(groupNameParam('@jardin')).toBe('jardin');
    expect(groupNameParam('jardin@far.example')).toBe('jardin@far.example');
    expect(groupNameParam('../x')).toBeNull();
    expect(canWritePosts(['MEMBER', null])).toBe(false);
    expect(canWritePosts(['MEMBER', 'MODERATOR'])).toBe(true);
  });
});
