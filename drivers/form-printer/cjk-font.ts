// The CJK font embedded in every A4 form, so Chinese renders the same on a machine without
// Chinese fonts and in any PDF viewer.
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { FORM_TEXT } from '../messages';
import { DeviceError, deviceStatus } from '../status';

export const DEFAULT_FONT_PATH = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
/** Postscript name of the face to use inside a TrueType collection (.ttc). */
export const DEFAULT_FONT_NAME = 'WenQuanYiMicroHei';

export interface CjkFont {
	readonly path: string;
	readonly data: Buffer;
	/** Set for a collection only: fontkit picks the face by postscript name. */
	readonly collectionFace: string | undefined;
	/** Gives a new document the face, parsed once, as its font `cjk` (embedded in it as a subset of its own). */
	attachTo(doc: PDFDocument): void;
}

/** What pdfkit keeps of a document's fonts (its 0.17 internals: the face parsed by fontkit, in the font it embeds). */
interface PdfkitFonts {
	_font: { font: unknown; constructor: new (doc: PDFDocument, face: unknown, id: string) => unknown };
	_fontFamilies: Record<string, unknown>;
	_fontCount: number;
}

/** Reads and checks the font; throws DeviceError FONT_MISSING with a Chinese message. */
export function loadCjkFont(path: string, faceName: string = DEFAULT_FONT_NAME): CjkFont {
	let data: Buffer;
	try {
		data = readFileSync(path);
	} catch {
		throw new DeviceError(deviceStatus('FONT_MISSING', FORM_TEXT.fontMissing(path)));
	}
	const collectionFace = data.subarray(0, 4).toString('latin1') === 'ttcf' ? faceName : undefined;
	let parsed: PdfkitFonts['_font'];
	try {
		// Selecting the font on a scratch document proves the face is there, and parses it.
		parsed = (new PDFDocument({ autoFirstPage: false }).font(data, collectionFace) as unknown as PdfkitFonts)._font;
	} catch {
		throw new DeviceError(deviceStatus('FONT_MISSING', FORM_TEXT.fontUnreadable(path, faceName)));
	}
	return {
		path,
		data,
		collectionFace,
		// Given the bytes, pdfkit parses the face again for every document: about 150 ms and tens of MB
		// of garbage per form for this 5 MB collection. The parsed face is only read; each document's
		// embedding keeps its own subset, widths and layout cache.
		attachTo(doc) {
			const fonts = doc as unknown as PdfkitFonts;
			fonts._fontFamilies.cjk = new parsed.constructor(doc, parsed.font, `F${++fonts._fontCount}`);
		}
	};
}
