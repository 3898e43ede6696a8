// 自助终端 (the hall's self-service kiosk): a resident or flexible employee places their own ID card
// on the kiosk's reader, sees their own payments that are booked (入库销号) and prints
// 《社会保险费缴费证明》 or 《社会保险费缴费记录》 of a year. Nothing else: the holder is whoever's card
// the server reads, the screen never takes a number. The visit clears itself when the card is
// removed, after a while without a touch, and after printing; one kiosk session runs the kiosk's
// visits one after the other, from the attract screen back to it.

import { assign, fromPromise, setup } from 'xstate';
import type { IsoDate } from '../src/lib/domain/dates';
import type { IndividualCertificateKind, IndividualCertificatePayment } from './individual-certificate.machine';
import { INDIVIDUAL_CERTIFICATE_TEXTS } from './individual-certificate.machine';
import { HELP_LINES, NotProvidedError, REFUND_NOT_SHOWN, toMachineError, type MachineError } from './shared';

// ---------------------------------------------------------------------------------------------
// Actor contracts

/** Who the card on the reader belongs to, as the kiosk may show them: the ID number masked. */
export interface KioskHolder {
	payerId: number;
	name: string;
	maskedId: string;
}

/** Reads the card lying on this kiosk's reader now (server side) and the holder's payments. */
export interface ReadHolderInput {
	kioskId: string;
	/** The visit's number in this session, for the audit of cards read. */
	visit: number;
}
export type ReadHolderOutput =
	{ outcome: 'found'; holder: KioskHolder; payments: IndividualCertificatePayment[]; today: IsoDate } | { outcome: 'unknown'; code: string; message: string };

/**
 * Issues and prints one document on this kiosk's printers: the record on the receipt printer, the
 * certificate on the form printer. Idempotent by `jobId`; the server builds the content from the
 * upstream's booked payments of the period, never from this input's list.
 */
export interface PrintKioskDocumentInput {
	jobId: string;
	kioskId: string;
	kind: IndividualCertificateKind;
	payerId: number;
	from: IsoDate;
	to: IsoDate;
	voucherNos: string[];
}
export interface PrintKioskDocumentOutput {
	certificateNo: string;
	verificationCode: string;
	/** The copy that came out is marked 补打 (an earlier attempt had reached the printer). */
	reprint: boolean;
}

// ---------------------------------------------------------------------------------------------

export interface KioskSessionInput {
	sessionId: string;
	kioskId: string;
	/** SIFEE_KIOSK_IDLE_SECONDS in ms: a visit without a touch for that long clears itself. */
	idleMs: number;
}

export interface KioskChoice {
	kind: IndividualCertificateKind;
	/** The year of payment the document covers. */
	year: number;
}

export interface KioskPrinted {
	kind: IndividualCertificateKind;
	certificateNo: string;
	reprint: boolean;
}

export interface KioskSessionContext {
	sessionId: string;
	kioskId: string;
	idleMs: number;
	/** Cards read in this session so far: each visit's print jobs are numbered under it. */
	visit: number;
	/** Print attempts of this visit: a retry keeps the job, a new document takes the next. */
	job: number;
	holder: KioskHolder | null;
	payments: IndividualCertificatePayment[];
	today: IsoDate | null;
	choice: KioskChoice | null;
	/** The card left the reader while the paper was coming out: the visit ends once it is out. */
	cardGone: boolean;
	/** What the last visit printed, shown on the "take your paper" screen only (no holder data). */
	printed: KioskPrinted | null;
	error: MachineError | null;
}

/** What the server's reader sends. */
export type KioskCardEvent = { type: 'CARD_PLACED' } | { type: 'CARD_REMOVED' };

/** What the kiosk's screen may send: touches, never a number. */
export type KioskTouchEvent =
	| { type: 'CHOOSE'; kind: IndividualCertificateKind; year: number }
	| { type: 'PRINT' }
	| { type: 'BACK' }
	| { type: 'RETRY' }
	| { type: 'DONE' }
	| { type: 'TOUCH' };

export type KioskSessionEvent = KioskCardEvent | KioskTouchEvent;

const TAX_LINE = HELP_LINES.find((l) => l.number === '12366')!;

/** What the machine and the server say on the kiosk; the screen's own words are in `KIOSK_PAGE_TEXT` (src/lib/views/kiosk-view.ts). */
export const KIOSK_TEXTS = {
	readFailed: '读取缴费信息失败，请稍后重试或到窗口办理。',
	notFound: '未查询到您的城乡居民或灵活就业人员缴费信息，请到窗口咨询。',
	booked: '已入库，可打印',
	availableFrom: (day: IsoDate) => `可于 ${day} 后打印`,
	availableUnknown: '尚未入库销号，入库后方可打印',
	nothingBooked: (year: number) => `${year}年的缴费尚未入库销号，暂不能打印。`,
	printFailed: '打印未完成，请稍候重试；重试时打印的凭证标注“补打”。',
	helpLine: `咨询电话：${TAX_LINE.number}-${TAX_LINE.key}（税务服务热线，社保费和非税收入）`,
	refundNotice: REFUND_NOT_SHOWN,
	kindTitle: INDIVIDUAL_CERTIFICATE_TEXTS.title
} as const;

/** One print job per document of a visit; a retry asks again under the same id. */
export function kioskJobId(sessionId: string, visit: number, job: number): string {
	return `${sessionId}:v${visit}:print:${job}`;
}

/** The period of a year's document: the whole year, up to today in the current one. */
export function kioskPeriod(year: number, today: IsoDate): { from: IsoDate; to: IsoDate } {
	const end = `${year}-12-31`;
	return { from: `${year}-01-01`, to: end < today ? end : today };
}

const bookedIn = (payments: readonly IndividualCertificatePayment[], year: number) =>
	payments.filter((p) => p.bookedOn !== null && p.paidOn.startsWith(`${year}-`));

/** Everything of a visit forgotten: the attract screen shows nobody. */
const clearVisit = { holder: null, payments: [], today: null, choice: null, cardGone: false, printed: null, error: null };

export const kioskSessionMachine = setup({
	types: {
		input: {} as KioskSessionInput,
		context: {} as KioskSessionContext,
		events: {} as KioskSessionEvent
	},
	actors: {
		readHolder: fromPromise<ReadHolderOutput, ReadHolderInput>(async () => {
			throw new NotProvidedError('readHolder');
		}),
		printKioskDocument: fromPromise<PrintKioskDocumentOutput, PrintKioskDocumentInput>(async () => {
			throw new NotProvidedError('printKioskDocument');
		})
	},
	delays: {
		idle: ({ context }) => context.idleMs
	},
	guards: {
		choosable: ({ context, event }) => event.type === 'CHOOSE' && bookedIn(context.payments, event.year).length > 0,
		cardGone: ({ context }) => context.cardGone
	},
	actions: {
		clear: assign(clearVisit),
		beginVisit: assign(({ context }) => ({ ...clearVisit, visit: context.visit + 1, job: 0 }))
	}
}).createMachine({
	id: 'kioskSession',
	context: ({ input }) => ({ sessionId: input.sessionId, kioskId: input.kioskId, idleMs: input.idleMs, visit: 0, job: 0, ...clearVisit }),
	initial: 'attract',
	// A card taken away ends the visit at any step but the print (whose paper is already on its way).
	on: { CARD_REMOVED: { target: '.attract', actions: 'clear' } },
	states: {
		attract: {
			on: { CARD_PLACED: { target: 'reading', actions: 'beginVisit' } }
		},
		reading: {
			invoke: {
				id: 'readHolder',
				src: 'readHolder',
				input: ({ context }) => ({ kioskId: context.kioskId, visit: context.visit }),
				onDone: [
					{
						guard: ({ event }) => event.output.outcome === 'found',
						target: 'browsing',
						actions: assign(({ event }) => {
							const o = event.output as Extract<ReadHolderOutput, { outcome: 'found' }>;
							return { holder: o.holder, payments: o.payments, today: o.today, error: null };
						})
					},
					{
						target: 'notFound',
						actions: assign(({ event }) => {
							const o = event.output as Extract<ReadHolderOutput, { outcome: 'unknown' }>;
							return { error: { code: o.code, message: o.message } };
						})
					}
				],
				onError: {
					target: 'readFailed',
					actions: assign(({ event }) => ({ error: toMachineError(event.error, { code: 'READ_FAILED', message: KIOSK_TEXTS.readFailed }) }))
				}
			}
		},
		notFound: {
			after: { idle: { target: 'attract', actions: 'clear' } },
			on: { DONE: { target: 'farewell', actions: 'clear' } }
		},
		readFailed: {
			after: { idle: { target: 'attract', actions: 'clear' } },
			on: { RETRY: { target: 'reading', actions: assign({ error: null }) }, DONE: { target: 'farewell', actions: 'clear' } }
		},
		browsing: {
			after: { idle: { target: 'attract', actions: 'clear' } },
			on: {
				TOUCH: { target: 'browsing', reenter: true },
				CHOOSE: [
					{
						guard: 'choosable',
						target: 'confirming',
						actions: assign(({ event }) => (event.type === 'CHOOSE' ? { choice: { kind: event.kind, year: event.year }, error: null } : {}))
					},
					{
						target: 'browsing',
						reenter: true,
						actions: assign(({ event }) => (event.type === 'CHOOSE' ? { error: { code: 'NOT_BOOKED', message: KIOSK_TEXTS.nothingBooked(event.year) } } : {}))
					}
				],
				DONE: { target: 'farewell', actions: 'clear' }
			}
		},
		confirming: {
			after: { idle: { target: 'attract', actions: 'clear' } },
			on: {
				TOUCH: { target: 'confirming', reenter: true },
				PRINT: 'printing',
				BACK: { target: 'browsing', actions: assign({ choice: null }) },
				DONE: { target: 'farewell', actions: 'clear' }
			}
		},
		printing: {
			// No idle time-out and no end on removal while paper is coming out: the print finishes first.
			on: { CARD_REMOVED: { actions: assign({ cardGone: true }) } },
			invoke: {
				id: 'printKioskDocument',
				src: 'printKioskDocument',
				input: ({ context }) => {
					const { kind, year } = context.choice!;
					return {
						jobId: kioskJobId(context.sessionId, context.visit, context.job),
						kioskId: context.kioskId,
						kind,
						payerId: context.holder!.payerId,
						...kioskPeriod(year, context.today!),
						voucherNos: bookedIn(context.payments, year).map((p) => p.voucherNo)
					};
				},
				onDone: [
					{ guard: 'cardGone', target: 'attract', actions: 'clear' },
					{
						target: 'printed',
						actions: assign(({ context, event }) => ({
							...clearVisit,
							job: context.job + 1,
							printed: { kind: context.choice!.kind, certificateNo: event.output.certificateNo, reprint: event.output.reprint }
						}))
					}
				],
				onError: [
					{ guard: 'cardGone', target: 'attract', actions: 'clear' },
					{
						target: 'printFailed',
						actions: assign(({ event }) => ({ error: toMachineError(event.error, { code: 'PRINT_FAILED', message: KIOSK_TEXTS.printFailed }) }))
					}
				]
			}
		},
		printFailed: {
			after: { idle: { target: 'attract', actions: 'clear' } },
			on: {
				RETRY: { target: 'printing', actions: assign({ error: null }) },
				BACK: { target: 'browsing', actions: assign(({ context }) => ({ choice: null, error: null, job: context.job + 1 })) },
				DONE: { target: 'farewell', actions: 'clear' }
			}
		},
		printed: {
			after: { idle: { target: 'attract', actions: 'clear' } },
			on: { DONE: { target: 'attract', actions: 'clear' } }
		},
		farewell: {
			after: { idle: { target: 'attract', actions: 'clear' } }
		}
	}
});
