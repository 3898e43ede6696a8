// Full-width forms (U+FF01–U+FF5E, e.g. １ Ａ ，) and the ideographic space U+3000 are what a
// Chinese IME produces in full-width mode; payers often type them by mistake.
const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;

export function hasFullWidthChars(text: string): boolean {
	return FULL_WIDTH.test(text);
}

/** Full-width digits and Latin letters (０-９, Ａ-Ｚ, ａ-ｚ) as their half-width forms; everything else as it is. */
export function halfWidthAlphanumerics(text: string): string {
	return text.replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}
