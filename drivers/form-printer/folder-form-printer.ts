// Keeps every rendered form as a PDF file: the archive copy, and the whole delivery when no
// CUPS printer is configured (demo mode, or a hall that prints from the folder by hand).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Writes `<dir>/<job id>.pdf` (the id made safe for a file name); returns the path. */
export async function writePdfToFolder(dir: string, jobId: string, pdf: Buffer): Promise<string> {
	await mkdir(dir, { recursive: true });
	const file = join(dir, `${jobId.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`);
	await writeFile(file, pdf);
	return file;
}
