import { COUNTER_CHANNELS, type CounterChannel } from '$lib/domain/counter-channels';
import { provideSessionRefusal } from './refusal.svelte';

/** What every kind of window session's screen has, as far as the page frame needs it. */
export interface LiveScreen {
	id: string;
	status: string;
	step: string;
	moneyMoving: boolean;
	child: { id: string; step: string; channels?: CounterChannel[] } | null;
}

/**
 * A window session's screen as the page holds it: the view from the event stream (the one source of
 * the view: an answer to a post may be older than it), posting an event, and the keys of the
 * keyboard-first window — Enter the step's main button, Esc back while no money moves and no
 * receipt is out, digits the payment channel. One frame for the unit and the individual visit.
 */
export class LiveSession<V extends LiveScreen> {
	view = $state() as V;
	private readonly refusal = provideSessionRefusal();

	constructor(
		initial: V,
		/** The session's own step where receipts are out (Esc does not go back from it). */
		private readonly receiptStep: string
	) {
		this.view = initial;
	}

	get refused(): string | null {
		return this.refusal.message;
	}

	async post(fields: Record<string, string>) {
		const res = await fetch(`/api/sessions/${this.view.id}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fields) });
		this.refusal.message = res.ok ? null : (((await res.json().catch(() => null)) as { message?: string } | null)?.message ?? null);
	}

	onKey = (e: KeyboardEvent) => {
		const view = this.view;
		if (view.status !== 'active' || e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
		if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) {
			document.querySelector<HTMLButtonElement>('[data-testid="session-body"] button[data-primary]:not(:disabled)')?.click();
		}
		if (e.key === 'Escape' && !view.moneyMoving && !view.step.startsWith(this.receiptStep)) this.post({ type: 'BACK' });
		const child = view.child;
		if (child?.id !== 'payment' || child.step !== 'choosing.ready') return;
		const channel = COUNTER_CHANNELS[Number(e.key) - 1];
		if (channel && child.channels?.includes(channel)) this.post({ type: 'CHOOSE', channel });
	};

	/** Follows the session's event stream; returns the stop (for onMount). */
	follow(): () => void {
		const source = new EventSource(`/api/sessions/${this.view.id}/stream`);
		source.addEventListener('view', (e) => {
			this.view = JSON.parse(e.data);
			this.refusal.message = null;
		});
		return () => source.close();
	}
}
