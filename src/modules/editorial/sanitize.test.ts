import { describe, expect, it } from 'vitest';
import { bodyText, sanitizeBody } from './sanitize.ts';

describe('the article body sanitiser', () => {
  const PAYLOADS: [string, string][] = [
    ['<p>正文</p><script>alert(1)</script>', '<p>正文</p>'],
    [
      '<img src="https://img.example.cn/a.jpg" onerror="alert(1)">',
      '<img src="https://img.example.cn/a.jpg" />',
    ],
    ['<img src=x onerror=alert(1)>', ''],
    ['<a href="javascript:alert(1)">点我</a>', '<a>点我</a>'],
    ['<a href="JaVaScRiPt&#58;alert(1)">点我</a>', '<a>点我</a>'],
    ['<a href=" javascript:alert(1)">点我</a>', '<a>点我</a>'],
    ['<svg onload="alert(1)"><circle r="1"/>svg 文本</svg><p>后文</p>', '<p>后文</p>'],
    ['<style>body{display:none}</style><p style="color:red">红</p>', '<p>红</p>'],
    ['<iframe src="https://evil.example"></iframe><p>嵌入</p>', '<p>嵌入</p>'],
    ['<img src="data:image/svg+xml;base64,PHN2Zz4=">', ''],
    ['<a href="data:text/html,<script>alert(1)</script>">数据</a>', '<a>数据</a>'],
    ['<img src="http://insecure.example/a.jpg">', ''],
    ['<img src="//cdn.example/a.jpg">', ''],
    ['<img src="/media/avatars/0123456789abcdef0123456789abcdef.webp">', ''],
    ['<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', ''],
    ['<p><object data="x.swf"></object><embed src="x.swf">文</p>', '<p>文</p>'],
    ['<form action="https://evil.example"><input name="p"><button>提交</button></form>', '提交'],
    ['<p>a<!-- <img src=x onerror=alert(1)> -->b</p>', '<p>ab</p>'],
  ];
  for (const [input, expected] of PAYLOADS) {
    it(`turns ${input} into ${expected || 'nothing'}`, () => {
      expect(sanitizeBody(input)).toBe(expected);
    });
  }

  it('keeps what the console’s editor makes, mapping the browser’s tags to the allowlist', () => {
    const html =
      '<h2>标题</h2><h3>小节</h3><p><strong>粗</strong><em>斜</em><b>b</b><i>i</i><br></p>' +
      '<ul><li>一</li></ul><ol><li>二</li></ol><blockquote>引用</blockquote><div>段</div>' +
      '<figure><img src="https://img.example.cn/a.jpg" alt="图"><figcaption>说明</figcaption></figure>' +
      '<p><a href="https://www.example.cn/x?a=1&amp;b=2" target="_blank" rel="opener">链接</a></p>';
    expect(sanitizeBody(html)).toBe(
      '<h2>标题</h2><h3>小节</h3><p><strong>粗</strong><em>斜</em><strong>b</strong><em>i</em><br /></p>' +
        '<ul><li>一</li></ul><ol><li>二</li></ol><blockquote>引用</blockquote><p>段</p>' +
        '<figure><img src="https://img.example.cn/a.jpg" alt="图" /><figcaption>说明</figcaption></figure>' +
        '<p><a href="https://www.example.cn/x?a=1&amp;b=2" rel="noopener noreferrer nofollow">链接</a></p>',
    );
  });

  it('is stable: sanitising its own output changes nothing', () => {
    const once = sanitizeBody(
      '<p><a href="https://a.cn">x</a><img src="https://a.cn/i.png" alt="&quot;"></p>',
    );
    expect(sanitizeBody(once)).toBe(once);
  });

  it('reads the body as lines of text for diffs', () => {
    expect(bodyText('<h2>标题</h2><p>第一段 &amp; 符号</p><ul><li>一</li><li>二</li></ul>')).toBe(
      '标题\n第一段 & 符号\n一\n二',
    );
  });
});
