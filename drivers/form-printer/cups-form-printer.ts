// Sends a PDF to a CUPS queue with `lp`, which every Linux desk with CUPS has.
import { execFile } from 'node:child_process';

export interface CupsTarget {
	/** CUPS queue name (`lpstat -p` lists them). */
	readonly printer: string;
	/** The lp executable; tests point it at a stand-in. */
	readonly lpCommand?: string;
}

/** Resolves with CUPS' request id (e.g. 'HP_M405-42'); rejects with lp's own error text. */
export function sendToCups(target: CupsTarget, file: string, title: string, copies: number): Promise<string> {
	const args = ['-d', target.printer, '-n', String(copies), '-t', title, file];
	return new Promise((resolve, reject) => {
		execFile(target.lpCommand ?? 'lp', args, { timeout: 15_000 }, (err, stdout, stderr) => {
			if (err) {
				reject(new Error((stderr || err.message).trim()));
				return;
			}
			resolve(/request id is (\S+)/.exec(stdout)?.[1] ?? stdout.trim());
		});
	});
}
