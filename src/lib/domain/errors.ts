/**
 * Base class of every error the domain core throws on purpose, so callers can tell a
 * rule violation (show the Chinese message to the clerk) from a programming fault.
 */
export class DomainError extends Error {
	/** Stable machine-readable code; the message is for people and may change. */
	readonly code: string;

	constructor(code: string, message: string) {
		super(message);
		this.code = code;
		this.name = 'DomainError';
	}
}
