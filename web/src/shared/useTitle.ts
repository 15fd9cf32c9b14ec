import { useEffect } from 'react';

/** Keeps the tab title in step with the page (the server sets it too, for link previews). */
export function useTitle(title: string | undefined) {
  useEffect(() => {
    if (title) document.title = title;
  }, [title]);
}
