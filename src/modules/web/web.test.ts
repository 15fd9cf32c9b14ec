import { describe, expect, it } from 'vitest';
import { withPreviewTags } from './routes.ts';

const SHELL = `<html><head>
    <title>工程机械CCM</title>
    <meta name="description" content="default">
  </head><body></body></html>`;

describe('link-preview tags of article pages', () => {
  it('replace the default title and description with the article’s', () => {
    const html = withPreviewTags(SHELL, {
      title: '三一发布新款电动挖掘机',
      description: '续航提升。',
      image: 'https://ccm.example.cn/c.webp',
      url: 'https://ccm.example.cn/articles/7',
    });
    expect(html).toContain('<title>三一发布新款电动挖掘机 · CCM</title>');
    expect(html).toContain('<meta property="og:description" content="续航提升。">');
    expect(html).toContain('<meta property="og:image" content="https://ccm.example.cn/c.webp">');
    expect(html).not.toContain('content="default"');
    expect(html.match(/<title>/g)).toHaveLength(1);
  });

  it('escape what the article text could use to break out of the tag', () => {
    const html = withPreviewTags(SHELL, {
      title: '"><script>alert(1)</script>',
      description: "it's <b>bold</b> & more",
      url: 'https://ccm.example.cn/articles/8',
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('it&#39;s &lt;b&gt;bold&lt;/b&gt; &amp; more');
  });
});
