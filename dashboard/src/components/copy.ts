/**
 * Copies text to the clipboard. The Clipboard API needs a secure context,
 * and a shop's server is often reached over plain http on the LAN
 * (http://192.168.1.10:8080), so this falls back to the old
 * select-and-`execCommand('copy')` way.
 *
 * @param near an element to put the temporary text area beside: inside an
 *   open modal `<dialog>` the rest of the page is inert and cannot be selected.
 * @returns whether the text was copied.
 */
export async function copyText(text: string, near: Element | null = null): Promise<boolean> {
  if (window.isSecureContext && navigator.clipboard !== undefined) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Denied or unavailable: try the old way.
    }
  }
  return copyBySelection(text, near);
}

function copyBySelection(text: string, near: Element | null): boolean {
  const previousFocus = document.activeElement;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.top = '0';
  area.style.opacity = '0';
  (near?.parentElement ?? document.body).append(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  area.remove();
  if (previousFocus instanceof HTMLElement) previousFocus.focus();
  return copied;
}
