import { useEffect } from 'react';

/** Sets the tab's title for the current page ("… · linewatch"). */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · linewatch` : 'linewatch';
  }, [title]);
}
