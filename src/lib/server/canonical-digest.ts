import { createHash } from 'node:crypto';

/**
 * SHA-256 (hex) of a value's JSON with object keys in order and `undefined` dropped, so equal values
 * have equal digests whatever order their keys were written in. The text is hashed in pieces as it is written, never built whole.
 */
export function canonicalDigest(value: unknown): string {
	const hash = createHash('sha256');
	let text = '';
	const put = (piece: string) => {
		text += piece;
		if (text.length >= 65_536) {
			hash.update(text);
			text = '';
		}
	};
	const write = (v: unknown): void => {
		if (v && typeof (v as { toJSON?: unknown }).toJSON === 'function') v = (v as { toJSON(): unknown }).toJSON();
		if (Array.isArray(v)) {
			put('[');
			v.forEach((item, i) => {
				if (i > 0) put(',');
				// As JSON.stringify: an undefined or a function in an array is null.
				if (item === undefined || typeof item === 'function') put('null');
				else write(item);
			});
			put(']');
		} else if (v && typeof v === 'object') {
			put('{');
			let first = true;
			for (const k of Object.keys(v).sort()) {
				const item = (v as Record<string, unknown>)[k];
				if (item === undefined || typeof item === 'function') continue;
				put(`${first ? '' : ','}${JSON.stringify(k)}:`);
				first = false;
				write(item);
			}
			put('}');
		} else put(JSON.stringify(v) ?? 'null');
	};
	write(value);
	hash.update(text);
	return hash.digest('hex');
}
