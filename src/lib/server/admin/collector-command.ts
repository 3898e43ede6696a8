import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { checkListRows, normalizeResidentId, residentCoverageYear } from '../../domain';
import { readListFile } from '../collectors/list-file';
import iconv from 'iconv-lite';
import { COLLECTOR_ITEMS, COLLECTOR_LIST_HEADER, COVERAGE_ITEM, type CollectorItemCode, type PersonFacts, type YearTables } from '../../domain/collector-list';
import type { Clock } from '../clock';
import type { ServerConfig } from '../config';
import { yearTables } from '../collectors/year-tables';
import { DEMO_VILLAGES } from '../demo/demo-villages';
import { openStores } from '../runtime';

// For IT staff and scripts (issue 10): `npm run collector -- check | sample | list`, over the same
// configuration and databases as the server (demo and test mode seed missing files as it does).

export const COLLECTOR_USAGE = `用法：
  npm run collector -- list [--json]                                 列出代办员（编号、姓名）
  npm run collector -- check <清单文件> --collector <编号> [--json]   按上游信息逐行检查代收清单（.csv 或 .xlsx），不缴费
  npm run collector -- sample <编号> --rows <行数> <文件.csv>          为该代办员所在村（社区）的居民生成一份可缴费的清单（GB18030编码）`;

export class CollectorCommandError extends Error {}

export interface CollectorCommandEnv {
	config: ServerConfig;
	clock: Clock;
}

const ITEM_NAME = Object.fromEntries(Object.entries(COLLECTOR_ITEMS).map(([name, code]) => [code, name])) as Record<CollectorItemCode, string>;

/** Yuan as the tier table and the list write it: `300`, `410.50` (no separators: the list is CSV). */
function plainYuan(fen: number): string {
	const cents = fen % 100;
	return cents === 0 ? String(fen / 100) : `${(fen - cents) / 100}.${String(cents).padStart(2, '0')}`;
}

/** The value after `--name`, or undefined. */
function option(args: string[], name: string): string | undefined {
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : undefined;
}

/** Arguments that are neither an option nor an option's value. */
function positional(args: string[], withValue: string[]): string[] {
	return args.filter((a, i) => !a.startsWith('--') && !withValue.includes(args[i - 1]));
}

/**
 * One valid row per unpaid item of the village's registered residents, in the residents' order:
 * the pension at a tier of the table (taken in turn), supplementary and medical at their amounts.
 */
function sampleRows(idNumbers: string[], facts: Map<string, PersonFacts>, tables: YearTables, today: string): string[][] {
	const rows: string[][] = [];
	for (const id of idNumbers) {
		const f = facts.get(id);
		if (!f) continue;
		for (const code of Object.values(COLLECTOR_ITEMS)) {
			const year = residentCoverageYear(COVERAGE_ITEM[code], today);
			if (!f.registeredItems.includes(code) || f.paid.some((p) => p.itemCode === code && p.year === year)) continue;
			const table = tables.tiers(code, year);
			const tiers = code === 'R_PENSION' ? table.filter((t) => t.tier > 0) : table;
			if (tiers.length === 0) continue;
			const tier = tiers[rows.length % tiers.length];
			rows.push([id, f.names[0], ITEM_NAME[code], code === 'R_PENSION' ? plainYuan(tier.amountFen) : '', plainYuan(tier.amountFen), today]);
		}
	}
	return rows;
}

export async function collectorCommand(args: string[], env: CollectorCommandEnv): Promise<string> {
	const [command, ...rest] = args;
	if (command !== 'list' && command !== 'check' && command !== 'sample') throw new CollectorCommandError(COLLECTOR_USAGE);
	const json = rest.includes('--json');
	const stores = await openStores(env.config, env.clock);
	try {
		const { collectors } = stores.collectors;
		const coreTax = stores.upstreamClient.upstream.coreTax;
		const today = env.clock.today();
		const collector = (code: string | undefined) => {
			if (!code) throw new CollectorCommandError(COLLECTOR_USAGE);
			const c = collectors.byCode(code);
			if (!c) throw new CollectorCommandError(`没有编号为“${code}”的代办员。可用 npm run collector -- list 查看。`);
			return c;
		};

		switch (command) {
			case 'list': {
				const all = collectors.list();
				if (json) return JSON.stringify(all.map((c) => ({ code: c.code, name: c.name })));
				return all.map((c) => `${c.code}\t${c.name}\t${c.village}\t${c.county}\t虚拟户 ${c.virtualAccountNo}`).join('\n') || '（尚未登记代办员）';
			}
			case 'check': {
				const [file] = positional(rest, ['--collector']);
				if (!file) throw new CollectorCommandError(COLLECTOR_USAGE);
				collector(option(rest, '--collector'));
				const bytes = await readFile(file).catch(() => {
					throw new CollectorCommandError(`无法读取清单文件：${file}`);
				});
				const rows = await readListFile(bytes, basename(file));
				const facts = await coreTax.personFacts({ idNumbers: rows.map((r) => normalizeResidentId(r.idNumber)), today });
				const checked = checkListRows(rows, facts, await yearTables(coreTax, today), today);
				const good = checked.filter((r) => r.ok).length;
				const report = {
					rows: checked.map((r) => (r.ok ? { row: r.row, ok: true } : { row: r.row, ok: false, code: r.code, reason: r.reason })),
					good,
					bad: checked.length - good
				};
				if (json) return JSON.stringify(report);
				const lines = checked.flatMap((r) => (r.ok ? [] : [`第${r.row}行\t${r.code}\t${r.reason}`]));
				return [`共${checked.length}行：可缴费${report.good}行，有误${report.bad}行（未缴费）`, ...lines].join('\n');
			}
			case 'sample': {
				const [code, file] = positional(rest, ['--rows']);
				const c = collector(code);
				const count = Number(option(rest, '--rows'));
				if (!file || !Number.isSafeInteger(count) || count < 1) throw new CollectorCommandError(COLLECTOR_USAGE);
				// The village's people are the demo's: a sample is test data, never a real collector's list.
				const village = DEMO_VILLAGES.find((v) => v.collector.village === c.village && v.collector.county === c.county);
				if (!village) throw new CollectorCommandError(`代办员${c.code}所在的${c.village}没有演示居民，无法生成样例清单。`);
				const idNumbers = village.residents.map((r) => r.idNumber);
				const rows = sampleRows(idNumbers, await coreTax.personFacts({ idNumbers, today }), await yearTables(coreTax, today), today);
				if (rows.length < count) throw new CollectorCommandError(`${c.village}的居民本年度尚未缴费的只有${rows.length}项，不足${count}行。`);
				// Plain cells (no leading tab for Excel as writeListFile adds): scripts read this file back as it is.
				const csv = [COLLECTOR_LIST_HEADER, ...rows.slice(0, count)].map((r) => r.join(',')).join('\r\n') + '\r\n';
				await writeFile(file, iconv.encode(csv, 'gb18030'));
				return `已为代办员${c.code}（${c.name}）写入${count}行：${file}`;
			}
		}
	} finally {
		stores.close();
	}
}
