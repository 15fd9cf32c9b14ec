/**
 * A small rich-text editor: a contentEditable area and a toolbar (bold, italic, headings, lists,
 * quote, link, picture). It makes only what the server's sanitiser keeps (p, h2, h3, strong/b,
 * em/i, ul, ol, li, blockquote, a, img, br); pasted content is taken as plain text. The toolbar
 * buttons keep the focus in the text (mousedown is cancelled), so keyboard users can use the
 * browser's shortcuts (Ctrl+B, Ctrl+I) or Tab to the toolbar and back.
 */
import { type ClipboardEvent, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ApiError } from '../../shared/api.ts';
import { uploadImage } from '../editorialApi.ts';

const HTTP_URL = /^https?:\/\/\S+$/i;

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function RichTextEditor({
  labelId,
  value,
  onChange,
  readOnly = false,
}: {
  labelId: string;
  value: string;
  onChange(html: string): void;
  /** Shown, not edited (a reviewer reading, a published article): no toolbar. */
  readOnly?: boolean;
}) {
  const { t } = useI18n();
  const area = useRef<HTMLDivElement>(null);
  const file = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<string | undefined>();
  const [uploading, setUploading] = useState(false);

  // The DOM owns the text while editing; it is replaced only when a value arrives that this
  // editor did not emit (another article loaded, or the server's sanitised version after a save).
  // Comparing with the DOM instead would undo keystrokes typed before React caught up.
  const emitted = useRef<string | null>(null);
  useEffect(() => {
    const el = area.current;
    if (el && value !== emitted.current && el.innerHTML !== value) el.innerHTML = value;
  }, [value]);

  /** Paragraphs, not bare text or <div>s: the first line goes in a <p>, Enter makes a new <p>. */
  const prepare = () => {
    const el = area.current;
    if (!el) return;
    document.execCommand('defaultParagraphSeparator', false, 'p');
    if (el.innerHTML.trim() === '') {
      el.innerHTML = '<p><br></p>';
      const range = document.createRange();
      range.setStart(el.firstChild!, 0);
      range.collapse(true);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
    }
  };

  const emit = () => {
    if (!area.current) return;
    emitted.current = area.current.innerHTML;
    onChange(emitted.current);
  };

  const run = (command: string, arg?: string) => {
    area.current?.focus();
    prepare();
    document.execCommand(command, false, arg);
    emit();
  };

  const link = () => {
    const url = window.prompt(t('editor.linkPrompt'), 'https://');
    if (url === null) return;
    if (!HTTP_URL.test(url.trim())) {
      setMessage(t('editor.linkInvalid'));
      return;
    }
    setMessage(undefined);
    run('createLink', url.trim());
  };

  const picture = async (chosen: File | undefined) => {
    if (!chosen) return;
    setUploading(true);
    setMessage(undefined);
    try {
      const image = await uploadImage(chosen, 'body');
      run('insertHTML', `<p><img src="${escapeAttr(image.url)}" alt=""></p>`);
    } catch (err) {
      setMessage(imageError(err, t));
    } finally {
      setUploading(false);
      if (file.current) file.current.value = '';
    }
  };

  const paste = (e: ClipboardEvent<HTMLDivElement>) => {
    e.preventDefault();
    document.execCommand('insertText', false, e.clipboardData.getData('text/plain'));
    emit();
  };

  const tools: { label: string; text: string; action(): void }[] = [
    { label: t('editor.bold'), text: 'B', action: () => run('bold') },
    { label: t('editor.italic'), text: 'I', action: () => run('italic') },
    { label: t('editor.heading'), text: 'H2', action: () => run('formatBlock', 'h2') },
    { label: t('editor.subheading'), text: 'H3', action: () => run('formatBlock', 'h3') },
    { label: t('editor.paragraph'), text: '¶', action: () => run('formatBlock', 'p') },
    { label: t('editor.bulletList'), text: '•', action: () => run('insertUnorderedList') },
    { label: t('editor.numberedList'), text: '1.', action: () => run('insertOrderedList') },
    { label: t('editor.quote'), text: '❝', action: () => run('formatBlock', 'blockquote') },
    { label: t('editor.link'), text: '🔗', action: link },
  ];

  return (
    <div className="rte">
      <div className="rte-toolbar" role="toolbar" aria-label={t('editor.toolbar')} hidden={readOnly}>
        {tools.map((tool) => (
          <button
            key={tool.label}
            type="button"
            className="button button-small"
            aria-label={tool.label}
            title={tool.label}
            onMouseDown={(e) => e.preventDefault()}
            onClick={tool.action}
          >
            {tool.text}
          </button>
        ))}
        <button
          type="button"
          className="button button-small"
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => file.current?.click()}
          disabled={uploading}
        >
          {uploading ? t('editor.uploading') : t('editor.image')}
        </button>
        <input
          ref={file}
          type="file"
          accept="image/jpeg,image/png,image/webp"
          hidden
          onChange={(e) => picture(e.target.files?.[0])}
        />
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: a rich-text area has no native element */}
      <div
        ref={area}
        className="rte-area"
        contentEditable={!readOnly}
        aria-readonly={readOnly}
        role="textbox"
        aria-multiline="true"
        aria-labelledby={labelId}
        tabIndex={0}
        data-testid="rte-area"
        onFocus={prepare}
        onInput={emit}
        onBlur={emit}
        onPaste={paste}
        suppressContentEditableWarning
      />
      {message && (
        <p className="error-text" role="alert">
          {message}
        </p>
      )}
    </div>
  );
}

export function imageError(
  err: unknown,
  t: (key: 'editor.imageType' | 'editor.imageTooLarge' | 'editor.imageFailed') => string,
) {
  if (err instanceof ApiError) {
    if (err.code === 'article.image_type' || err.code === 'article.image_unreadable')
      return t('editor.imageType');
    if (err.code === 'request.body_too_large') return t('editor.imageTooLarge');
  }
  return t('editor.imageFailed');
}
