// The part of pdfkit 0.17 the form layouts use (the project does not install @types/pdfkit).
declare module 'pdfkit' {
	interface TextOptions {
		width?: number;
		height?: number;
		align?: 'left' | 'center' | 'right' | 'justify';
		lineGap?: number;
		characterSpacing?: number;
		lineBreak?: boolean;
	}

	interface DocumentOptions {
		size?: string | [number, number];
		margin?: number;
		autoFirstPage?: boolean;
		compress?: boolean;
		info?: { Title?: string; Author?: string; Subject?: string; Creator?: string; CreationDate?: Date };
	}

	class PDFDocument {
		constructor(options?: DocumentOptions);
		readonly page: { width: number; height: number };
		x: number;
		y: number;
		on(event: 'data', listener: (chunk: Buffer) => void): this;
		on(event: 'end', listener: () => void): this;
		on(event: 'error', listener: (err: Error) => void): this;
		registerFont(name: string, src: string | Buffer, family?: string): this;
		font(src: string | Buffer, family?: string, size?: number): this;
		fontSize(size: number): this;
		text(text: string, x?: number, y?: number, options?: TextOptions): this;
		widthOfString(text: string, options?: TextOptions): number;
		heightOfString(text: string, options?: TextOptions): number;
		moveTo(x: number, y: number): this;
		lineTo(x: number, y: number): this;
		rect(x: number, y: number, w: number, h: number): this;
		lineWidth(width: number): this;
		stroke(color?: string): this;
		fillColor(color: string): this;
		addPage(options?: DocumentOptions): this;
		end(): void;
	}

	export default PDFDocument;
}
