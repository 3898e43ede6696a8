// Every time on a page is the hall's: China Standard Time (UTC+8), whatever the server's or the
// browser's zone. Stored times are ISO instants in UTC.

export const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/** `YYYY-MM-DD HH:mm:ss` in UTC+8 for a stored ISO instant; text that is no instant is shown as is. */
export function localTime(iso: string): string {
	const ms = Date.parse(iso);
	if (Number.isNaN(ms)) return iso;
	return new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}
