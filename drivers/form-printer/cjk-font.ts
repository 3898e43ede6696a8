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
}

/** Reads and checks the font; throws DeviceError FONT_MISSING with a Chinese message. */
export function loadCjkFont(path: string, faceName: string = DEFAULT_FONT_NAME): CjkFont {
	let data: Buffer;
	try {
		data = readFileSync(path);
	} catch {
		throw new DeviceError(deviceStatus('FONT_MISSING', FORM_TEXT.fontMissing(path)));
	}
	const font: CjkFont = {
		path,
		data,
		collectionFace: data.subarray(0, 4).toString('latin1') === 'ttcf' ? faceName : undefined
	};
	try {
		// pdfkit parses lazily: selecting the font on a scratch document proves the face is there.
		new PDFDocument({ autoFirstPage: false }).font(font.data, font.collectionFace);
	} catch {
		throw new DeviceError(deviceStatus('FONT_MISSING', FORM_TEXT.fontUnreadable(path, faceName)));
	}
	return font;
}
