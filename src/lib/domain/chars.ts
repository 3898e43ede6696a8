// Full-width forms (U+FF01–U+FF5E, e.g. １ Ａ ，) and the ideographic space U+3000 are what a
// Chinese IME produces in full-width mode; payers often type them by mistake.
const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;

export function hasFullWidthChars(text: string): boolean {
	return FULL_WIDTH.test(text);
}
