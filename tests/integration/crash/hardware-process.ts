// The window's POS terminal and receipt printer as a process of their own: devices that keep
// running (and keep their own transaction log and paper) while the server is killed and
// started again. Run with `node --import tsx tests/integration/crash/hardware-process.ts`.
//
// Environment:
//   HW_POS_PATH, HW_PRINTER_PATH  device ends of the socat pty pairs
//   HW_STATE_FILE                 JSON file with everything observable, rewritten (temp + rename)
//                                 after every change
//   HW_POS_PROCESSING_MS          time the "payer" takes at the POS before a sale is answered
//
// Commands: one JSON object per stdin line, `{ "id": n, "cmd": ..., ... }`, answered on stdout
// with `ACK n` once applied and the state file written (`ERR n message` on a bad command):
//   { cmd: 'queue', behaviours: PosBehaviour[] }    behaviours of the next card transactions
//   { cmd: 'default', behaviour: PosBehaviour }     behaviour of every other request
//   { cmd: 'paper', state: 'ok' | 'out' }           load a roll / tear it out
//   { cmd: 'outOfPaperAfter', lines: n }            the roll ends after n more printed lines
// stdout also carries `READY` once both serial links are up.
import { renameSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { EscPosPrinterSimulator, PosFrameDecoder, PosSimulator, SerialLink, receiptLines, type PosBehaviour, type Printout } from '../../../drivers';

export interface HardwareState {
	/** Grows with every write: the reader can tell a fresh file from an old one. */
	version: number;
	pos: {
		link: string;
		/** Requests as the terminal received them, oldest first. */
		requests: { type: string; seq: number; key: string | null }[];
		transactions: ReturnType<PosSimulator['transactions']>;
	};
	printer: {
		link: string;
		paperOut: boolean;
		printouts: { complete: boolean; lines: string[]; qr: string[] }[];
	};
}

function required(name: string): string {
	const value = process.env[name];
	if (!value) {
		console.error(`${name} is required`);
		process.exit(2);
	}
	return value;
}

const posPath = required('HW_POS_PATH');
const printerPath = required('HW_PRINTER_PATH');
const stateFile = required('HW_STATE_FILE');
const processingMs = Number(process.env.HW_POS_PROCESSING_MS ?? '0');

const retry = { initialMs: 20, maxMs: 200 };
const posLink = new SerialLink({ path: posPath, baudRate: 9600, retry });
const printerLink = new SerialLink({ path: printerPath, baudRate: 9600, retry });
// Whatever a device answers, the state file says it first: the file is never behind what the
// server has been told (the POS changes its log just before it answers).
for (const link of [posLink, printerLink]) {
	const write = link.write.bind(link);
	link.write = (bytes: Uint8Array) => {
		flush();
		return write(bytes);
	};
}
const pos = new PosSimulator(posLink, { processingMs });
const printer = new EscPosPrinterSimulator(printerLink, 'high');

// The terminal's own log says what it did; what it was asked is read off the wire here.
const requests: HardwareState['pos']['requests'] = [];
const decoder = new PosFrameDecoder();
posLink.onData((chunk) => {
	for (const frame of decoder.push(chunk).frames) requests.push({ type: frame.type, seq: frame.seq, key: frame.fields.key ?? null });
	flush();
});

const printouts: Printout[] = [];
printer.onPrintout((p) => {
	printouts.push(p);
	flush();
});

let version = 0;
let last = '';
function flush(): void {
	const body: Omit<HardwareState, 'version'> = {
		pos: { link: posLink.state, requests, transactions: pos.transactions() },
		printer: {
			link: printerLink.state,
			paperOut: printer.flags().paperEnd,
			printouts: printouts.map((p) => ({
				complete: p.complete,
				lines: receiptLines(p.receipt),
				qr: p.receipt.items.flatMap((i) => (i.kind === 'qr' ? [i.data] : []))
			}))
		}
	};
	const text = JSON.stringify(body);
	if (text === last) return;
	last = text;
	version++;
	const tmp = `${stateFile}.${process.pid}.tmp`;
	writeFileSync(tmp, JSON.stringify({ version, ...body }, null, 1));
	renameSync(tmp, stateFile);
}
// Changes no answer goes with (an answer lost on purpose, a link state) are caught by a short poll.
const poll = setInterval(flush, 20);
posLink.onState(flush);
printerLink.onState(flush);
flush();

let ready = false;
const checkReady = () => {
	if (!ready && posLink.state === 'up' && printerLink.state === 'up') {
		ready = true;
		process.stdout.write('READY\n');
	}
};
posLink.onState(checkReady);
printerLink.onState(checkReady);
checkReady();

const BEHAVIOURS: readonly PosBehaviour[] = ['approve', 'decline-insufficient-funds', 'decline-expired-card', 'silent', 'lose-answer', 'busy'];
const behaviour = (b: unknown): PosBehaviour => {
	if (!BEHAVIOURS.includes(b as PosBehaviour)) throw new Error(`unknown POS behaviour ${String(b)}`);
	return b as PosBehaviour;
};

createInterface({ input: process.stdin }).on('line', (line) => {
	if (!line.trim()) return;
	let id: unknown = '?';
	try {
		const c = JSON.parse(line) as { id: number; cmd: string; behaviours?: unknown[]; behaviour?: unknown; state?: unknown; lines?: unknown };
		id = c.id;
		switch (c.cmd) {
			case 'queue':
				pos.queue(...(c.behaviours ?? []).map(behaviour));
				break;
			case 'default':
				pos.setDefault(behaviour(c.behaviour));
				break;
			case 'paper':
				if (c.state !== 'ok' && c.state !== 'out') throw new Error(`paper must be ok or out, not ${String(c.state)}`);
				printer.setPaper(c.state);
				break;
			case 'outOfPaperAfter':
				if (typeof c.lines !== 'number' || c.lines <= 0) throw new Error('lines must be a positive number');
				printer.runOutOfPaperAfter(c.lines);
				break;
			default:
				throw new Error(`unknown command ${c.cmd}`);
		}
		flush();
		process.stdout.write(`ACK ${id}\n`);
	} catch (e) {
		process.stdout.write(`ERR ${id} ${(e as Error).message}\n`);
	}
});

async function shutdown(): Promise<void> {
	clearInterval(poll);
	flush();
	pos.detach();
	printer.detach();
	await Promise.all([posLink.close(), printerLink.close()]);
	process.exit(0);
}
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());
// The test that started this process is gone: do not outlive it.
process.stdin.once('end', () => void shutdown());
