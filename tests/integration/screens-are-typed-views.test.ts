import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tempRuntime } from './temp-runtime';
import { at, clerkAt, declareAt, until } from './sessions/flow-helpers';
import { viewOf } from '../../src/lib/server/services/window-sessions';
import { sessionEventSchema } from '../../src/lib/server/sessions/session-events';
import {
	certificateMachine,
	counterSessionMachine,
	declarationMachine,
	paymentMachine,
	receiptPrintMachine,
	refundGuidanceMachine,
	registrationLinkMachine
} from '../../state-machines';
import { CHANNEL_PAYER_KINDS, COUNTER_CHANNELS, channelsFor } from '../../src/lib/domain/counter-channels';
import type { AnyStateMachine } from 'xstate';
import { clerkOperator } from '../../src/lib/server/auth/operator';

// Typed screens, one vocabulary: the browser gets one typed view per step derived on the server,
// never a machine's context; the channels, the events a step takes and who a channel serves are
// each declared once.

const ROOT = join(__dirname, '../..');

function filesUnder(dir: string, ext: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? filesUnder(path, ext) : path.endsWith(ext) ? [path] : [];
	});
}

const browserFiles = [...filesUnder(join(ROOT, 'src/lib/components'), '.svelte'), ...filesUnder(join(ROOT, 'src/routes'), '.svelte')];

describe('components read typed views, never machine contexts', () => {
	it.each(browserFiles.map((f) => [f.slice(ROOT.length + 1), f]))('%s imports nothing of $lib/server and reads no context', (_name, file) => {
		const source = readFileSync(file, 'utf8');
		expect(source).not.toMatch(/from\s+['"]\$lib\/server/);
		expect(source).not.toMatch(/\bcontext\b[\w.?]*\s+as\s/);
		expect(source).not.toMatch(/\.context\b/);
	});
});

describe('the screen of a live session', () => {
	let rt: Awaited<ReturnType<typeof tempRuntime>>;
	beforeAll(async () => {
		rt = await tempRuntime();
	});
	afterAll(() => rt.dispose());

	it('carries each step as its typed view, with no machine context in it', async () => {
		const clerk = clerkAt(rt, 'clerk01', 3);
		const { id, declarationNo, totalFen } = await declareAt(rt, clerk);
		const screen = viewOf(rt, clerkOperator(clerk), id);
		expect(JSON.stringify(screen)).not.toContain('"context"');
		expect(screen.child).toMatchObject({ id: 'payment', step: 'choosing.ready', declaration: { declarationNo, totalFen } });
		// An enterprise is not offered the pending-settlement account.
		expect(screen.child?.id === 'payment' && screen.child.channels).toEqual(['pos', 'cash', 'agreement', 'bank_form']);
		// What the bank-collection form will carry is on the screen before it is printed.
		expect(screen.child?.id === 'payment' && screen.child.bankForm).toMatchObject({
			declarationNo,
			totalFen,
			limitRule: expect.stringContaining('2026-11-25')
		});

		rt.sessions.send(id, { type: 'CHOOSE', channel: 'pending_account' } as never);
		const refused = await until(rt, id, (v) => v.child?.step === 'choosing.ready' && v.child.context.error !== null);
		expect((refused.child!.context.error as { code: string }).code).toBe('INSTITUTIONS_ONLY');
		expect(viewOf(rt, clerkOperator(clerk), id).error).toContain('机关事业单位');
		rt.sessions.send(id, { type: 'CANCEL' });
		await until(rt, id, at('cancelled'));
	});
});

describe('one vocabulary', () => {
	it('the channels offered to each payer kind come from who each channel serves', () => {
		expect(channelsFor('institution')).toEqual([...COUNTER_CHANNELS]);
		expect(channelsFor('enterprise')).toEqual(COUNTER_CHANNELS.filter((c) => CHANNEL_PAYER_KINDS[c].includes('enterprise')));
		expect(channelsFor('enterprise')).not.toContain('pending_account');
	});

	const children: AnyStateMachine[] = [
		registrationLinkMachine,
		declarationMachine,
		paymentMachine,
		receiptPrintMachine,
		certificateMachine,
		refundGuidanceMachine
	];
	const sessionTakes = new Set(counterSessionMachine.root.events);
	const childEvents = [...new Set(children.flatMap((m) => m.root.events))];

	it.each(childEvents)('a bare %s the screen may send is taken by the session (handled or forwarded)', (type) => {
		if (!sessionEventSchema.safeParse({ type }).success) return;
		expect(sessionTakes.has(type)).toBe(true);
	});

	it('a receipt machine DONE is not an event the screen can send: the session never forwards it', () => {
		expect(sessionEventSchema.safeParse({ type: 'DONE' }).success).toBe(false);
	});
});
